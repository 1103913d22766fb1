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
  const wordLists: [string, string, string[], number][] = [
    ['a for loop’s word list', 'for f in $(ls | grep x); do echo "$f"; done', ['ls', 'grep', 'echo'], 1],
    ['a case word', 'case "$(uname -m | tr A-Z a-z)" in x86_64) echo ok;; esac', ['uname', 'tr', 'echo'], 1],
  ];
  for (const [what, run, names, pipes] of wordLists)
    it(`reads the commands and pipes of ${what}`, () => {
      const { script: s } = script(`FROM x\nRUN ${run}\n`);
      assert.deepEqual(
        s?.commands.map((c) => c.name),
        names,
      );
      assert.equal(s?.pipes.length, pipes);
    });

  const joined: [string, string, string[]][] = [
    ['inside a word', 'RUN apt-get ins\\\ntall curl', ['apt-get', 'install', 'curl']],
    ['before white space, which parts the words', 'RUN apt-get ins\\\n    tall', ['apt-get', 'ins', 'tall']],
    ['right after a word', 'RUN apt-get install\\\ncurl', ['apt-get', 'installcurl']],
    ['inside single quotes', "RUN echo 'a\\\nb'", ['echo', 'ab']],
    ['after a shell comment, which goes on', 'RUN echo hi # say hi \\\n && rm -rf /', ['echo', 'hi']],
  ];
  for (const [what, run, words] of joined)
    it(`joins a continuation ${what} as Docker does, before the shell reads it`, () => {
      const { script: s } = script(`FROM x\n${run}\n`);
      assert.deepEqual(
        s?.commands.flatMap((c) => c.words.map((w) => w.value)),
        words,
      );
    });

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

  it('is silent (undefined) for a RUN the shell cannot parse, in shell form or in an sh -c script', () => {
    assert.equal(script("FROM x\nRUN echo 'open\n").script, undefined);
    assert.equal(script('FROM x\nRUN ["/bin/sh", "-c", "echo \'open"]\n').script, undefined);
  });

  it('reads a RUN that starts with [ but is no JSON array as shell form, as BuildKit runs it', () => {
    const { script: s } = script('FROM x\nRUN [ -f /etc/debian_version ] && apt-get install -y curl\n');
    assert.equal(s?.exec, undefined);
    assert.deepEqual(
      s!.commands.map((c) => c.name),
      ['[', 'apt-get'],
    );
  });

  it('reads exec form as one command: the program and its arguments, each inside its quotes', () => {
    const { model, script: s } = script('FROM x\nRUN [ "apt-get",  "install",\\\n    "-y", "a b" ]\n');
    assert.equal(s?.exec, 'program');
    assert.deepEqual(
      s.commands.map((c) => c.words.map((w) => w.value)),
      [['apt-get', 'install', '-y', 'a b']],
    );
    assert.equal(s.commands[0].name, 'apt-get');
    assert.deepEqual(
      s.commands[0].words.map((w) => model.textOf(w.range)),
      ['apt-get', 'install', '-y', 'a b'],
    );
    assert.deepEqual(s.commands[0].words[2].range.start, { line: 2, character: 5 });
  });

  for (const [shell, line] of [
    ['"/bin/sh", "-c"', 'sh -c'],
    ['"bash", "-o", "pipefail", "-c"', 'bash with options before -c'],
    ['"sh", "-ec"', 'sh -ec'],
  ] as const)
    it(`reads the script of exec form's ${line} as shell, mapped into its JSON string`, () => {
      const text = `FROM x\nRUN [${shell}, "echo \\"a\\tb\\" && sudo apt-get install curl"]\n`;
      const { model, script: s } = script(text);
      assert.equal(s?.exec, 'shell');
      assert.deepEqual(
        s.commands.map((c) => c.name),
        ['echo', 'sudo'],
      );
      assert.equal(s.commands[0].words[1].value, 'a\tb', 'JSON escapes decoded');
      assert.equal(model.textOf(s.commands[0].words[1].range), '\\"a\\tb\\"', 'the word spans its escapes');
      assert.equal(model.textOf(s.commands[1].range), 'sudo apt-get install curl');
    });

  it('reads exec form that runs a script file, or a shell without -c, as a program', () => {
    assert.equal(script('FROM x\nRUN ["sh", "build.sh"]\n').script?.exec, 'program');
    assert.equal(script('FROM x\nRUN ["bash", "-e", "build.sh"]\n').script?.exec, 'program');
  });
});
