import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../src/core/dockerfile/model';
import { runScript } from '../../../src/core/shell/script';
import { literalWord } from '../../../src/core/shell/words';

function script(text: string) {
  const model = parseDockerfile(text);
  const run = model.instructions.find((i) => i.keyword === 'RUN')!;
  return { model, script: runScript(model, run) };
}

describe('RUN read by the shell parser (unit)', () => {
  it('finds commands in && chains, ;, subshells, if blocks and $( ), with the right flags', () => {
    const { script: s } = script(
      'FROM x\nRUN apt-get update && (cd /src && make) ; if true; then echo "$(id -u)"; fi | tee log\n',
    );
    assert.ok(s);
    assert.deepEqual(
      s.commands.map((c) => [c.name, c.inSubshell, c.conditional]),
      [
        ['apt-get', false, false],
        ['cd', true, false],
        ['make', true, false],
        ['true', false, true],
        ['echo', false, true],
        ['id', true, true],
        ['tee', false, false],
      ],
    );
    assert.equal(s.pipes.length, 1);
  });

  it('maps words back to the Dockerfile across continuations, comment lines and non-ASCII text', () => {
    const text = 'FROM x\nRUN echo "é" && \\\n# a comment Docker drops\n    apt-get install -y curl\n';
    const { model, script: s } = script(text);
    const install = s!.commands.find((c) => c.name === 'apt-get')!;
    assert.equal(model.textOf(install.words[2].range), '-y');
    assert.deepEqual(install.words[2].range.start, { line: 3, character: 20 });
    assert.equal(model.textOf(s!.commands[0].words[1].range), '"é"');
  });

  it('gives literal values without quotes, and none for expansions', () => {
    assert.equal(literalWord(`'a b'"c"d\\ e`), 'a bcd e');
    assert.equal(literalWord('"--no-install-recommends"'), '--no-install-recommends');
    assert.equal(literalWord('"$HOME"'), undefined);
    assert.equal(literalWord('$(pwd)'), undefined);
    assert.equal(literalWord('x$'), 'x$');
    assert.equal(literalWord("'$HOME'"), '$HOME');
  });

  it('is silent (undefined) for a RUN the shell cannot parse, and for exec form', () => {
    assert.equal(script("FROM x\nRUN echo 'open\n").script, undefined);
    assert.equal(script('FROM x\nRUN ["echo", "hi"]\n').script, undefined);
  });
});
