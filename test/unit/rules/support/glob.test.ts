import assert from 'node:assert/strict';
import { componentsOf, globToRegExp, patternReaches, sourceMatches } from '../../../../src/core/rules/support/glob';

describe('glob: .dockerignore patterns against COPY sources', () => {
  const reaches: [string, string, boolean][] = [
    ['.env', '.env*', true],
    ['.env.*', '.env*', true],
    ['.env.*', '*.json', true], // .env.json
    ['Dockerfile*', '*.json', true],
    ['**/*.log', '*.json', false],
    ['**/*.py[cod]', '*.py', false],
    ['**/*.py[cod]', 'app.p?c', true],
    ['**/*.py[cod]', 'app.py[a-c]', true],
    ['**/*.py[cod]', 'app.py[^c-o]', false],
    ['dist', 'dist/*.js', true], // the folder above
    ['dist', '*/package.json', true],
    ['**/node_modules', 'src/*/index.js', true],
    ['**/node_modules', 'src/*.js', false],
    ['certs/server.pem', 'certs/*.pem', true],
    ['certs/server.pem', 'certs/*.crt', false],
    ['a\\*b', 'a?b', true],
    ['a\\*b', 'a[!x]b', false],
    ['target', 'targets/*.jar', false],
  ];
  for (const [pattern, source, expected] of reaches)
    it(`${pattern} ${expected ? 'leaves out' : 'cannot leave out'} something ${source} copies`, () =>
      assert.equal(patternReaches(componentsOf(pattern), componentsOf(source)), expected));

  it('a source matches a path component by component, names escaped', () => {
    assert.equal(sourceMatches(componentsOf('certs/*.pem'), componentsOf('certs/a.pem')), true);
    assert.equal(sourceMatches(componentsOf('certs/*.pem'), componentsOf('certs/x/a.pem')), false);
    assert.equal(sourceMatches(componentsOf('a[*]'), componentsOf('a*')), true);
    assert.equal(sourceMatches(componentsOf('a?'), componentsOf('a[')), true);
    assert.equal(sourceMatches(componentsOf('ab'), componentsOf('a?')), false);
  });

  it('globToRegExp reads classes and escapes, and takes a [ that is never closed as itself', () => {
    const cases: [string, string, boolean][] = [
      ['*.csproj', 'Api.csproj', true],
      ['*.csproj', 'src/Api.csproj', false],
      ['package*.json', 'package-lock.json', true],
      ['a[bc]d', 'acd', true],
      ['a[^bc]d', 'aed', true],
      ['a[^bc]d', 'abd', false],
      ['a[b-d]?', 'acz', true],
      ['a\\*', 'a*', true],
      ['a\\*', 'ab', false],
      ['a[b', 'a[b', true],
      ['\ufffd["a",', '\ufffd["a",', true],
      ['(x)+{y}|$', '(x)+{y}|$', true],
    ];
    for (const [glob, name, expected] of cases)
      assert.equal(globToRegExp(glob).test(name), expected, `${glob} ${name}`);
  });
});
