import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../src/core/dockerfile/model';
import { runScript } from '../../../src/core/shell/script';
import { mayRunProgram } from '../../../src/core/shell/prefilter';

const lastInstr = (dockerfile: string) => {
  const model = parseDockerfile(dockerfile);
  return { model, instr: model.instructions[model.instructions.length - 1] };
};

describe('mayRunProgram, the prefilter before parsing (unit)', () => {
  it('keeps every RUN whose shell runs the program, however the name is written', () => {
    for (const text of [
      'FROM golang\nRUN go build .\n',
      'FROM golang\nRUN /usr/local/go/bin/go build .\n',
      'FROM golang\nRUN "go" build .\n',
      "FROM golang\nRUN g'o' build .\n",
      'FROM golang\nRUN g\\o build .\n',
      'FROM golang\nRUN true && g\\\no build .\n',
      'FROM golang\nRUN true && g\\\n# a comment Docker drops\no build .\n',
      'FROM golang\nRUN true && g\\\n\no build .\n',
      'FROM golang\r\nRUN true && g\\\r\n  \r\no build .\r\n',
      '# escape=`\nFROM golang\nRUN true && g`\no build .\n',
      'FROM golang\nRUN <<EOF\nset -e\ngo build .\nEOF\n',
      'FROM golang\nRUN ["go", "build", "."]\n',
      'FROM golang\nRUN ["/bin/sh", "-c", "go build ."]\n',
    ]) {
      const { model, instr } = lastInstr(text);
      assert.ok(mayRunProgram(instr, ['go']), text);
      // the superset claim is about what the parser sees: check the parser does run go here
      const names = (runScript(model, instr)?.commands ?? []).map((c) => c.name.slice(c.name.lastIndexOf('/') + 1));
      assert.ok(names.includes('go'), `the test's premise: ${text} runs go (${names.join(', ')})`);
    }
  });

  it('drops RUNs that cannot run it, and other instructions', () => {
    for (const text of [
      'FROM golang\nRUN make build\n',
      'FROM golang\nRUN ["make", "build"]\n',
      'FROM golang\nCMD go build\n',
    ]) {
      assert.equal(mayRunProgram(lastInstr(text).instr, ['go']), false, text);
    }
    assert.equal(mayRunProgram(lastInstr('FROM golang\nRUN go build\n').instr, []), false);
  });
});
