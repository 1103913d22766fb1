import assert from 'node:assert/strict';
import { escapePattern, parseIgnoreFile } from '../../../../src/core/rules/support/dockerignore';

/**
 * Whether a .dockerignore line excludes the path itself, as Docker reads it on Linux: a port of
 * moby/patternmatcher's ignorefile.ReadAll (comments, trimming, `!`) and Pattern.compile (the
 * regular expression it builds). @balena/dockerignore ports an older version, with fewer
 * characters escaped, so a line is checked against both.
 */
function mobyExcludes(line: string, path: string): boolean {
  if (line.startsWith('#')) return false;
  let pattern = line.trim();
  if (!pattern || pattern.startsWith('!')) return false;
  if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
  let regex = '^';
  let exact = true;
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '*') {
      exact = false;
      if (chars[i + 1] === '*') {
        i++;
        if (chars[i + 1] === '/') i++;
        regex += i + 1 === chars.length ? '.*' : '(.*/)?';
      } else regex += '[^/]*';
    } else if (c === '?') {
      exact = false;
      regex += '[^/]';
    } else if ('.+()|{}$'.includes(c)) regex += `\\${c}`;
    else if (c === '\\') {
      if (i + 1 < chars.length) {
        regex += `\\${chars[++i]}`;
        exact = false;
      } else regex += '\\\\';
    } else if (c === '[' || c === ']') {
      exact = false;
      regex += c;
    } else regex += c;
  }
  return exact ? path === pattern : new RegExp(`${regex}$`).test(path);
}

describe('escapePattern: a .dockerignore line for exactly one name', () => {
  const names = [
    'plain.key',
    'a[1].key',
    '[app]',
    '*.key',
    'we?rd.key',
    'back\\slash',
    '$(whoami).key',
    '!important.key',
    '#hash.key',
    'x#y!z',
    ' leading.key',
    '.env.local ',
    '\tboth \t',
    'a+b (c) {d} e|f ^g.key',
    'dir with space/[x]/*.pem',
    'caf\u00e9 \ufffd \u65e5.key',
  ];
  for (const name of names) {
    it(`${JSON.stringify(name)} → ${JSON.stringify(escapePattern(name))}`, () => {
      const line = escapePattern(name)!;
      // the name with its special characters replaced: a wildcard would match it, the name does not
      const decoy = name.replace(/[^\w./]/g, 'x');
      assert.equal(mobyExcludes(line, name), true, 'Docker excludes the name');
      if (decoy !== name) assert.equal(mobyExcludes(line, decoy), false, `Docker excludes ${decoy} too`);
      // Dockwright's context paths take `\` for a separator, as Windows does: Docker's port alone
      if (name.includes('\\')) return;
      const file = parseIgnoreFile('.dockerignore', `${line}\n`);
      assert.equal(file.excludes(name), true, '@balena/dockerignore excludes the name');
      if (decoy !== name) assert.equal(file.excludes(decoy), false, `@balena/dockerignore excludes ${decoy} too`);
    });
  }

  it('writes no line for a name with a line break', () => assert.equal(escapePattern('a\nb'), undefined));

  it('the port of Docker reads plain patterns as Docker does', () => {
    assert.equal(mobyExcludes('*.log', 'a.log'), true);
    assert.equal(mobyExcludes('**/*.log', 'x/y/a.log'), true);
    assert.equal(mobyExcludes('# a.log', '# a.log'), false);
    assert.equal(mobyExcludes(' # a.log', '# a.log'), true);
    assert.equal(mobyExcludes('a+b', 'a+b'), true);
    assert.equal(mobyExcludes('a^b', 'a^b'), true, 'exact: no wildcard, so no regular expression');
    assert.equal(mobyExcludes('a^b*', 'a^bc'), false, 'a regular expression, where ^ anchors');
  });
});

describe('parseIgnoreFile: .dockerignore read as Docker reads it', () => {
  it('a `#` starts a comment only as the first character of a line, and a BOM is dropped', () => {
    const file = parseIgnoreFile('.dockerignore', '\uFEFF.git\n# a.log\n #notes\n');
    assert.equal(file.excludes('.git'), true);
    assert.equal(file.excludes('a.log'), false);
    assert.equal(file.excludes('#notes'), true);
    assert.equal(file.patternFor('#notes'), '#notes');
  });

  it('matches case-sensitively', () => {
    const file = parseIgnoreFile('.dockerignore', 'id_rsa\n*.LOG\n');
    assert.equal(file.excludes('ID_RSA'), false);
    assert.equal(file.excludes('a.log'), false);
    assert.equal(file.excludes('a.LOG'), true);
  });
});
