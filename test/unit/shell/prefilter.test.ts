import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../src/core/dockerfile/model';
import { runScript } from '../../../src/core/shell/script';
import { mayRunProgram, shellReading } from '../../../src/core/shell/prefilter';
import { corpusOrSkip } from '../real-world/sharedCorpus';

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

describe('shellReading, the text a prefilter reads (unit)', () => {
  // what it replaces: the continuations (and with them the dropped lines) taken out, then the quoting
  const CONTINUATION = /[\\`][ \t]*\r?\n/g;
  const CONTINUATION_AND_COMMENTS = /[\\`][ \t]*\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*/g;
  const QUOTING = /["'\\`]/g;
  const byReplacing = (text: string, dropComments: boolean) =>
    text.replace(dropComments ? CONTINUATION_AND_COMMENTS : CONTINUATION, '').replace(QUOTING, '');

  it('reads each corpus RUN, and awkward texts, as the replacements do', function () {
    const corpus = corpusOrSkip(this);
    if (!corpus) return;
    const texts = [
      'a \\\\\nb',
      'g\\\n# c\n  \n\t# d\r\no "x" \'y\' `z` \\',
      'a `\r\n\r\n#\nb\\ \t\nc',
      'x \\\n# no line break at the end',
      'x \\  y \\\n\n',
      '',
      ...corpus.flatMap(({ text }) =>
        parseDockerfile(text)
          .instructions.filter((i) => i.keyword === 'RUN')
          .map((i) => i.argsText),
      ),
    ];
    for (const text of texts)
      for (const dropComments of [false, true])
        assert.equal(shellReading(text, dropComments), byReplacing(text, dropComments), JSON.stringify(text));
    assert.ok(texts.length > 500, `the corpus has RUNs (${texts.length})`);
  });
});
