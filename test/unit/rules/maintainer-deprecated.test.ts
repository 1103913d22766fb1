import assert from 'node:assert/strict';
import { DockerfileParser, Label } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { applyEdits } from '../../../src/core/lint/fix';
import { findings } from '../../support/ruleHarness';
import { dockerfile, fixture, ruleTester } from '../../support/ruleTester';

ruleTester.run('maintainer-deprecated', {
  valid: [
    { name: 'the fixed fixture, without MAINTAINER', code: fixture('maintainer-deprecated', 'fixed.Dockerfile') },
    {
      name: 'MAINTAINER in a comment, and a LABEL that says the same',
      code: 'FROM alpine:3.20\n# MAINTAINER in a comment\nLABEL maintainer=x\n',
    },
  ],
  invalid: [
    {
      name: 'fixes by rewriting it as the authors label, quoting the author',
      code: fixture('maintainer-deprecated', 'input.Dockerfile'),
      count: 1,
      safe: true,
      output: fixture('maintainer-deprecated', 'fixed.Dockerfile'),
    },
    { name: 'MAINTAINER in any case', code: 'FROM alpine:3.20\nmaintainer someone\n', count: 1 },
    {
      name: 'escapes $, which LABEL expands and MAINTAINER does not, and " and the escape character',
      code: 'FROM alpine:3.20\nMAINTAINER $USER "J" C:\\dev <a@b>\n',
      output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="\\$USER \\"J\\" C:\\\\dev <a@b>"\n',
    },
    {
      name: 'escapes with the backtick under # escape=`, where \\ is a plain character',
      code: '# escape=`\nFROM alpine:3.20\nMAINTAINER ${USER} "J" C:\\dev `x\n',
      output: '# escape=`\nFROM alpine:3.20\nLABEL org.opencontainers.image.authors="`${USER} `"J`" C:\\dev ``x"\n',
    },
    {
      name: 'joins continuation lines as BuildKit does (comment and empty lines dropped, no space added)',
      code: dockerfile`
        FROM alpine:3.20
        MAINTAINER Jane \
        # her team
        
          Doe
      `,
      output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane   Doe"\n',
    },
    { name: 'offers no fix for a MAINTAINER without an author', code: 'FROM alpine:3.20\nMAINTAINER\n', output: null },
    {
      name: 'offers no fix when the author starts with --, which BuildKit reads as a flag',
      code: 'FROM alpine:3.20\nMAINTAINER --jane\n',
      output: null,
    },
  ],
});

/** Go's unicode.IsSpace. */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/**
 * What BuildKit records for `LABEL name=value`: the parser's word split (quotes and escapes kept),
 * then the shell lexer's quote and escape removal and variable expansion, with no variable set (a
 * variable shows as «name» rather than as nothing). After parser.parseWords and shell.Lex in
 * moby/buildkit's frontend/dockerfile.
 */
function buildkitLabel(line: string, escape: string): [string, string][] {
  const rest = /^LABEL[ \t]+(.*)$/s.exec(line)![1];
  // parser.parseWords: white space splits words outside quotes; an escape keeps the next character
  const words: string[] = [];
  let word = '';
  let quote = '';
  let inWord = false;
  const chars = [...rest];
  for (let i = 0; i < chars.length; i++) {
    let c = chars[i];
    if (!quote && GO_SPACE.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (!quote && (c === '"' || c === "'")) quote = c;
    else if (quote && c === quote) quote = '';
    else if (c === escape && quote !== "'") {
      if (i === chars.length - 1) continue; // an escape at the end is dropped
      word += c;
      c = chars[++i];
    }
    word += c;
  }
  if (inWord) words.push(word);
  return words.map((w) => {
    const at = w.indexOf('=');
    return [lex(w.slice(0, at), escape), lex(w.slice(at + 1), escape)];
  });
}

/** shell.Lex.ProcessWord with no variables: quotes removed, escapes applied, `$name` → «name». */
function lex(word: string, escape: string): string {
  const chars = [...word];
  let out = '';
  let i = 0;
  const dollar = () => {
    i++;
    const m = /^(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?\-$!])/.exec(chars.slice(i).join(''));
    if (!m) return '$';
    i += [...m[0]].length;
    return `«${m[0].replace(/^\{|\}$/g, '')}»`;
  };
  while (i < chars.length) {
    const c = chars[i];
    if (c === "'") {
      const end = chars.indexOf("'", i + 1);
      assert.ok(end > 0, `unterminated ' in ${word}`);
      out += chars.slice(i + 1, end).join('');
      i = end + 1;
    } else if (c === '"') {
      i++;
      for (;;) {
        assert.ok(i < chars.length, `unterminated " in ${word}`);
        const d = chars[i];
        if (d === '"') break;
        if (d === '$') out += dollar();
        else {
          i++;
          if (d === escape && i === chars.length) continue;
          if (d === escape && ['"', '$', escape].includes(chars[i])) out += chars[i++];
          else out += d;
        }
      }
      i++;
    } else if (c === '$') out += dollar();
    else if (c === escape) {
      out += chars[i + 1] ?? '';
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

describe('maintainer-deprecated: the label holds exactly what MAINTAINER said', () => {
  const authors = [
    'Jane Doe <jane@example.com>',
    '$USER',
    '${USER:-jane} $1 $$ $ a$',
    'Jane "JD" Doe',
    "it's O'Brien",
    'C:\\Users\\jane\\',
    'back`tick ``',
    'tab\there  two  spaces',
    '# not a comment = neither a key',
    'Zoë Ñandú \ufffd \u00e9\u00e8 日本',
    '\\"$`\'',
  ];
  const problems = (text: string) =>
    validate(text)
      .map((p) => (typeof p.message === 'string' ? p.message : p.message.value))
      .filter((m) => !/MAINTAINER/.test(m));
  for (const escape of ['\\', '`']) {
    for (const author of authors) {
      // a MAINTAINER line whose last character is the escape character continues: not a test of this
      if (author.endsWith(escape)) continue;
      it(`${JSON.stringify(author)} with the escape character ${escape}`, () => {
        const head = escape === '`' ? '# escape=`\n' : '';
        const code = `${head}FROM alpine:3.20\nMAINTAINER ${author}\n`;
        const [finding] = findings(code, 'maintainer-deprecated');
        const fixed = applyEdits(code, finding.fixes[0].edits);
        const line = fixed.split('\n').find((l) => l.startsWith('LABEL'))!;
        assert.deepEqual(buildkitLabel(line, escape), [['org.opencontainers.image.authors', author]], line);
        // dockerfile-ast reads one property, and keeps an escape before `$` (its variables see it)
        const labels = DockerfileParser.parse(fixed)
          .getInstructions()
          .filter((i): i is Label => i instanceof Label);
        const properties = labels.flatMap((l) => l.getProperties());
        assert.deepEqual(
          properties.map((p) => [p.getName(), p.getValue()]),
          [['org.opencontainers.image.authors', author.replace(/\$/g, `${escape}$`)]],
        );
        assert.deepEqual(problems(fixed), problems(code), 'dockerfile-utils finds new problems');
      });
    }
  }

  it('the oracle reads BuildKit quoting: variables expand, escapes and quotes go', () => {
    assert.deepEqual(buildkitLabel('LABEL a="x $y \\$z \\q" b=\'$c\' d=e\\ f', '\\'), [
      ['a', 'x «y» $z \\q'],
      ['b', '$c'],
      ['d', 'e f'],
    ]);
    assert.deepEqual(buildkitLabel('LABEL a="`"\\`$" b="c `"d`"" e=f` g', '`'), [
      ['a', '"\\$'],
      ['b', 'c "d"'],
      ['e', 'f g'],
    ]);
  });
});
