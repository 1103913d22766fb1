import assert from 'node:assert/strict';
import { fastShape } from '../../../src/core/shell/fastShape';
import { mvdanShape, shapeOf } from '../../../src/core/shell/tree';
import { seededRandom } from '../../support/seededRandom';
import { corpusOrSkip } from '../real-world/sharedCorpus';
import { brokenAtRandom, generatedScript } from './generatedScripts';
import { corpusShellTexts } from './shellTexts';

/** The fast reader either declines or gives mvdan-sh's very shape; true when it accepted. */
function agrees(text: string, parts: boolean): boolean {
  const fast = fastShape(text, parts);
  if (fast === undefined) return false;
  assert.deepStrictEqual(
    fast,
    mvdanShape(text, parts),
    `the fast reader differs from mvdan-sh on ${JSON.stringify(text)}`,
  );
  return true;
}

describe('the fast shell reader (unit)', () => {
  const accepted: [string, string, 'parts declined'?][] = [
    ['an empty text', ''],
    ['blanks and a comment only', ' \t# nothing\n'],
    ['one command', 'apt-get update'],
    ['an && chain with tabs', 'apt-get update \t&& apt-get install -y curl \t&& rm -rf /var/lib/apt/lists/*'],
    ['|| and ;', 'a || b; c'],
    ['pipes', 'curl -fsSL x | tar -xz |& tee log'],
    ['background', 'a & b &'],
    ['quotes and escapes', `echo "a \\"b\\" $HOME \${X}" 'c d' e\\ f`],
    ['assignments only', 'A=1'],
    ['assignments before a command', 'A=1 B+=2 C= cmd D=3'],
    ['redirections', 'cmd 2>&1 >|out &>all &>>more <<<"here" >&- <in 3<>rw'],
    ['a statement of redirections only', '> file'],
    ['comments mid-line and in words', 'a#b c # d && e'],
    ['line breaks', 'a &&\n\n  # c\n b\nc;\nd'],
    ['a declaration', 'export A=1 B && make'],
    ['a lone $', "grep x$ y $ 'z$'", 'parts declined'],
    ['globs and braces as arguments', 'rm -rf /var/lib/* a?[bc] {x,y}', 'parts declined'],
    ['globs as arguments, with parts', 'rm -rf /var/lib/* a? {x,y}'],
    ['parts', `echo a'b'"c" \\ d`],
    ['a quoted heredoc, and commands after its line', "cat <<'EOF' > f && b\n$(x) `y` \"\nEOF\nc"],
    ['a heredoc with plain expansions', 'cat <<-EOF | sh # c\n\techo $X ${Y}\n\tEOF\n'],
    ['non-ASCII text, in byte offsets', 'echo "naïve café" ü\u00a0x | grep ’x’ # Möller\nb 日本 && c'],
    ['backquotes', 'make -j`nproc` && `which x` --y "$X" | a`b; c`'],
    ['a heredoc in a loop', 'for x in a; do\n  cat <<E >> f\nx\nE\n  b\ndone'],
  ];
  for (const [what, text, partsDeclined] of accepted)
    it(`reads ${what} as mvdan-sh does`, () => {
      assert.ok(agrees(text, false), 'declined');
      assert.equal(agrees(text, true), !partsDeclined, 'with parts');
    });

  // prettier-ignore
  const hostile = [
    '"unbalanced', "'unbalanced", 'a \\', 'a &&', 'a ||', '| x', 'a |', 'a ;; b', 'a &&& b', '&', ';', 'a; ;',
    '!', '! a', 'a && ! b', '}', ')', '(a)', '{ a; }', 'a )', 'echo }', 'echo {', 'a\\\nb', 'a \\\n b', 'a\tb\t',
    'if a; then b; fi', 'for x in y; do z; done', 'while a; do b; done', 'case x in y) z;; esac', '[[ -f x ]]',
    '((x++))', 'f() { a; }', 'function f { a; }', 'echo $(id)', 'echo `id`', 'diff <(a) <(b)', 'cat <<EOF\nx\nEOF',
    "echo $'a\\n'", 'echo $((1+2))', 'echo ${X:-y}', 'echo ${#X}', 'local x=1', 'declare -a x=(1 2)', 'readonly A',
    'export A=$(x)', 'export 1A=x', 'export -p', 'A=1 export B', 'export A > f', 'a[1]=x', 'A=(1 2)', 'let x=1',
    'time a', 'coproc a', 'echo é', 'a\r\nb', '2>&1', 'a 2>', 'a >', 'a > #x', 'a >&', 'a <& 0', 'a 12>x', 'x=1 >f y',
    'echo a2>x', 'echo 2&>x', 'a &>', 'a;#x', 'a &&#x\nb', 'a & ; b', 'a&b', 'a|&b', 'echo "$"', 'echo $"x"', 'echo $-',
    'echo a{', 'echo !x', '!x', 'echo a=b', '"A"=1 cmd', 'A\\=1 cmd', 'A=#x cmd', 'A+= cmd', 'A+=', 'A= ', 'nameref x',
    'typeset -x A', 'export A B=2 "C"', "export 'A=1'", 'export A-B=1', 'export --x=1', 'export A[1]=2', 'export }',
    'a b (c)', 'a b(c)', 'A=1 (x)', 'a (x)', 'a = (x)', '(a) b', '{ a; } b', 'if (a) { b; }', 'a > f (x)', 'B=(x) a',
    'cat <<E\nx', 'cat <<E "a\nb"\nx\nE', 'cat <<E\n$(a)\nE', 'cat <<E <<F\nx\nE\nF', 'a $(cat <<E\nx\nE\n)',
    'cat <<E\nx\n E\n', 'cat <<"E"x\nE', 'cat << E\nx\nE', 'cat <<E;\nx\nE', 'cat <<E &&\nx\nE\nb',
    'a @(x|y) b', "a @('/i', '/q') b", '@(x) a', 'a @(x)#y', 'a @(x', 'a x@(y(z))w', 'case a in @(x)) b;; esac',
  ];
  it('declines or agrees with mvdan-sh on hostile and edge cases', () => {
    for (const text of hostile) {
      agrees(text, false);
      agrees(text, true);
    }
  });

  it('declines or agrees with mvdan-sh on thousands of generated scripts', () => {
    const random = seededRandom(16);
    let taken = 0;
    const count = 4000;
    for (let n = 0; n < count; n++) if (agrees(generatedScript(random), n % 2 === 0)) taken++;
    // the generator must exercise the fast reader, not only its declining
    assert.ok(taken > count / 10, `only ${taken} of ${count} generated scripts were read by the fast reader`);
  });

  it('declines or agrees with mvdan-sh on the corpus’s shell texts, each broken at random', function () {
    const corpus = corpusOrSkip(this);
    if (!corpus) return;
    const texts = corpusShellTexts(corpus);
    const random = seededRandom(894);
    let taken = 0;
    const count = 1500;
    for (let n = 0; n < count; n++) {
      const { text, parts } = texts[Math.floor(random() * texts.length)];
      if (agrees(brokenAtRandom(text, random), parts)) taken++;
    }
    assert.ok(taken > count / 4, `only ${taken} of ${count} broken texts were read by the fast reader`);
  });

  it('reads the corpus’s shell texts as mvdan-sh does, and most of them', function () {
    const corpus = corpusOrSkip(this);
    if (!corpus) return;
    const texts = corpusShellTexts(corpus);
    const taken = texts.filter((t) => agrees(t.text, t.parts)).length;
    assert.ok(taken / texts.length > 0.95, `the fast reader took only ${taken} of ${texts.length} texts`);
  });
});

describe('shell texts nested deeper than the stack (unit)', () => {
  // hostile RUNs: each reader recurses into nested commands, so these once threw out of every rule
  const deep: [string, string][] = [
    ['50,000 nested $(', `echo ${'$('.repeat(50_000)}a${')'.repeat(50_000)}`],
    ['50,000 nested blocks', `${'{ '.repeat(50_000)}a; ${'} '.repeat(50_000)}`],
    ['20,000 nested ifs', `${'if a; then '.repeat(20_000)}b; ${'fi; '.repeat(20_000)}`],
    ['200,000 commands joined by && before a [[', `${'a && '.repeat(200_000)}[[ -f x ]]`],
  ];
  for (const [what, text] of deep)
    it(`reads ${what} as unreadable, not an error`, () => {
      assert.equal(shapeOf(text), null);
    });
});
