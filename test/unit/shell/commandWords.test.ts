import assert from 'node:assert/strict';
import { plainWords, soleCommand } from '../../../src/core/shell/commandWords';

// [command, its plain words or undefined when it needs a shell]
const PLAIN: [string, string[] | undefined][] = [
  // the answers of the hand-written tokeniser the parser replaced, kept
  ['node server.js --port 8080', ['node', 'server.js', '--port', '8080']],
  [`run --name='a b' x=1 "c d"`, ['run', '--name=a b', 'x=1', 'c d']],
  ['exec node "my app.js"', ['exec', 'node', 'my app.js']],
  [`echo 'a b'c"d"`, ['echo', 'a bcd']],
  [`echo "it's" 'a$b' 'a\`b\\'`, ['echo', "it's", 'a$b', 'a`b\\']],
  ['echo "" \'\'', ['echo', '', '']],
  ['echo é "ü"', ['echo', 'é', 'ü']],
  ['app\tx', ['app', 'x']],
  ['  app  ', ['app']],
  ['!app x', ['!app', 'x']],
  ['app !', ['app', '!']],
  ['x~ a~/b', ['x~', 'a~/b']],
  ["''~", ['~']],
  ['echo "~"', ['echo', '~']],
  ['echo a,b @x a:b %PATH% ^x =x', ['echo', 'a,b', '@x', 'a:b', '%PATH%', '^x', '=x']],
  ['ls *.txt', undefined],
  ['ls a?', undefined],
  ['ls [ab]', undefined],
  ['echo ]', undefined],
  ['echo {', undefined],
  ['app > log', undefined],
  ['app > log arg', undefined],
  ['app 2>&1', undefined],
  ['A=1 app', undefined],
  ['a=b', undefined],
  ['app # note', undefined],
  ['node app.js #', undefined],
  ['cat ~/x', undefined],
  ['~/bin/app', undefined],
  ['echo "$HOME"', undefined],
  ['echo $', undefined],
  ['echo "a$"', undefined],
  ['"$"', undefined],
  ['echo "a\\"b"', undefined],
  ['a;b', undefined],
  ['app;', undefined],
  ['app&&b', undefined],
  ['a|b', undefined],
  ['echo `id`', undefined],
  ['echo \\x', undefined],
  ['a\\ b', undefined],
  ['C:\\app\\x.exe', undefined],
  ["$'x'", undefined],
  ['! app', undefined],
  ['"!" app', undefined],
  ['"A=1" app', undefined],
  ["app 'x", undefined],
  ['', undefined],
  ['(node app)', undefined],
  ['{ node app; }', undefined],
  ['node $(cat x)', undefined],
  ['echo $((1+2))', undefined],
  // where a parser could read more into the text than the tokeniser did
  ['echo {a,b}', undefined],
  ['{a,b}', undefined],
  ['run a=b', ['run', 'a=b']],
  ['run a=(x)', undefined],
  ['app &', undefined],
  ['app a#b', ['app', 'a#b']],
  ['echo \\#', undefined],
  ['echo @(x)', undefined],
  ['a[1]=x app', undefined],
  // shell keywords and builtins the JSON form would not run as the shell does: refused now
  ['time app', undefined],
  ['export A', undefined],
  ['let x=1', undefined],
  ['coproc x', undefined],
  ['A+=1 app', undefined],
  ['if', undefined],
  ['then x', undefined],
];

describe('plainWords, decided on the shell parser (unit)', () => {
  for (const [command, words] of PLAIN) {
    it(`${JSON.stringify(command)} → ${words ? JSON.stringify(words) : 'needs a shell'}`, () => {
      assert.deepEqual(plainWords(command), words);
    });
  }
});

// [command, whether it is one simple command that `exec` can start]
const SOLE: [string, boolean][] = [
  ['node server.js --port $PORT', true],
  ['node ${X:-y} "$@"', true],
  ['echo $((1+2))', true],
  ['app;', true],
  ['exec node app', true],
  ['npm run migrate && node server.js | tee log', false],
  ['a || b', false],
  ['a; b', false],
  ['app &', false],
  ['app > log', false],
  ['node $(cat args)', false],
  ['node `cat args`', false],
  ['(node app)', false],
  ['{ node app; }', false],
  ['if true; then app; fi', false],
  // `exec A=1 app` and `exec ! app` would run no app: these are refused now
  ['A=1 app', false],
  ['! app', false],
  ['time app', false],
  ['export A=1', false],
  ['[[ -f x ]]', false],
  ['echo "a`b"', false],
];

describe('soleCommand, decided on the shell parser (unit)', () => {
  for (const [command, sole] of SOLE) {
    it(`${JSON.stringify(command)} → ${sole ? 'one command' : 'not one command'}`, () => {
      assert.equal(!!soleCommand(command), sole);
    });
  }

  it('gives the command words, for the caller to see a leading exec', () => {
    assert.deepEqual(
      soleCommand('"exec" node $APP')!.words.map((w) => w.value),
      ['exec', 'node', undefined],
    );
  });
});
