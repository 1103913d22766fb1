import assert from 'node:assert/strict';
import { expandSnippet, parseSnippet } from './snippetSyntax';

describe('snippet syntax expander (unit)', () => {
  it('inserts placeholder defaults, mirrors them and leaves $0 and bare tab stops empty', () => {
    const e = expandSnippet('FROM ${1:node}:${2:22} AS build\nFROM $1:$2-slim\n$3$0');
    assert.equal(e.text, 'FROM node:22 AS build\nFROM node:22-slim\n');
    assert.deepEqual(e.tabStops, [1, 2, 3, 0]);
  });

  it('lets the first placeholder with a value define its mirrors, even when a mirror comes first', () => {
    assert.equal(expandSnippet('$1-${1:x}-${1:y}').text, 'x-x-x');
  });

  it('expands nested placeholders and mirrors inside defaults', () => {
    assert.equal(
      expandSnippet('ssh-keyscan ${1:github.com}; git clone ${2:git@$1:${3:org}/repo.git}').text,
      'ssh-keyscan github.com; git clone git@github.com:org/repo.git',
    );
  });

  it('takes the first option of a choice, or the one chosen, for the choice and its mirrors', () => {
    const body = 'FROM ${1|gcr.io/distroless/static:nonroot,scratch|}\n# $1';
    const first = expandSnippet(body);
    assert.equal(first.text, 'FROM gcr.io/distroless/static:nonroot\n# gcr.io/distroless/static:nonroot');
    assert.deepEqual(first.choices.get(1), ['gcr.io/distroless/static:nonroot', 'scratch']);
    assert.equal(expandSnippet(body, { choose: () => 'scratch' }).text, 'FROM scratch\n# scratch');
    assert.throws(() => expandSnippet(body, { choose: () => 'alpine' }), /no option/);
  });

  it('unescapes \\, \\| and \\\\ in choices and keeps other characters as written', () => {
    const e = expandSnippet('${1|a\\,b,c\\|d,e\\\\f,$x{y}|}');
    assert.deepEqual(e.choices.get(1), ['a,b', 'c|d', 'e\\f', '$x{y}']);
  });

  it('treats a choice with an empty option as text, like VS Code', () => {
    const e = expandSnippet('apk add ${1|--virtual x ,|}curl');
    assert.equal(e.choices.size, 0);
    assert.equal(e.text, 'apk add ${1|--virtual x ,|}curl');
    assert.ok(e.problems.some((p) => /choice/.test(p)));
  });

  it('honours the escapes \\$, \\} and \\\\ and leaves any other backslash alone', () => {
    const e = expandSnippet('ENV PATH="/venv/bin:\\$PATH" \\\nRUN echo \\} \\\\ \\n');
    assert.equal(e.text, 'ENV PATH="/venv/bin:$PATH" \\\nRUN echo } \\ \\n');
    assert.deepEqual(e.problems, []);
  });

  it('escapes inside placeholders too', () => {
    assert.equal(expandSnippet('${1:exec "\\$@" \\} done}').text, 'exec "$@" } done');
  });

  it('reports an unescaped shell variable as an unknown snippet variable, inserted by name', () => {
    const e = expandSnippet('USER $APP_UID\nRUN echo ${HOME}');
    assert.equal(e.text, 'USER APP_UID\nRUN echo HOME');
    assert.equal(e.problems.length, 2);
  });

  it('reports a literal $ that is not a tab stop or variable (e.g. "$@")', () => {
    const e = expandSnippet('exec "$@"');
    assert.equal(e.text, 'exec "$@"');
    assert.match(e.problems[0], /literal "\$"/);
  });

  it('keeps an unclosed placeholder as text, as VS Code does, and reports it', () => {
    const e = expandSnippet('a ${1:b $2 c');
    assert.equal(e.text, 'a ${1:b  c');
    assert.match(e.problems[0], /never closed/);
  });

  it('resolves known variables, their defaults and their transforms', () => {
    const options = { variables: { TM_FILENAME: 'Dockerfile.api', TM_FILENAME_BASE: 'Dockerfile' } };
    assert.equal(expandSnippet('# $TM_FILENAME ${TM_DIRECTORY:none}', options).text, '# Dockerfile.api none');
    assert.equal(expandSnippet('${TM_FILENAME/^Dockerfile\\.(.*)$/${1:/upcase}/}', options).text, 'API');
    assert.deepEqual(expandSnippet('$TM_FILENAME $WORKSPACE_NAME $CURRENT_YEAR').problems, []);
  });

  it('applies tab stop transforms with if/else and case formats', () => {
    assert.equal(
      expandSnippet('${1:my-app} ${1/(.*)/${1:/pascalcase}/} ${1/-(.*)/${1:?has:none}/}').text,
      'my-app MyApp myhas',
    );
    assert.equal(expandSnippet('${1:x} ${1/^y$/${0:-other}/}').text, 'x other');
    assert.equal(
      expandSnippet('${1:Hello World} ${1/(\\w+) (\\w+)/${2:/downcase}_${1:/camelcase}/g}').text,
      'Hello World world_hello',
    );
  });

  it('lists tab stops in Tab order with $0 last, and parses a body given as lines', () => {
    const parsed = parseSnippet(['RUN ${2:b}', '$0 ${1:a}']);
    assert.deepEqual(
      parsed.nodes.map((n) => n.kind),
      ['text', 'tabstop', 'text', 'tabstop', 'text', 'tabstop'],
    );
    assert.deepEqual(expandSnippet(['RUN ${2:b}', '$0 ${1:a}']).tabStops, [1, 2, 0]);
  });
});
