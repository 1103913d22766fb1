// The rule tester and its helpers: a table that says something false must fail.
import assert from 'node:assert/strict';
import { checkInvalid, checkValid, dedent, dockerfile, fixture } from '../support/ruleTester';

describe('rule tester (unit)', () => {
  it('dedents: common indentation, the blank first and last lines, the final line break kept', () => {
    assert.equal(dedent('\n    FROM alpine\n      RUN a\n\n    CMD b\n  '), 'FROM alpine\n  RUN a\n\nCMD b\n');
    assert.equal(dedent('FROM alpine'), 'FROM alpine');
    assert.equal(dedent('\n\tFROM alpine\n\tRUN a\n'), 'FROM alpine\nRUN a\n');
  });

  it('takes Dockerfiles as written: continuations, \\${ and \\` for the Dockerfile, ${} interpolated', () => {
    const image = 'alpine:3.20';
    const text = dockerfile`
      # escape=\`
      FROM ${image}
      RUN echo \${HOME} && \
          make
    `;
    assert.equal(text, '# escape=`\nFROM alpine:3.20\nRUN echo ${HOME} && \\\n    make\n');
  });

  it('reads fixtures by rule and name', () => {
    assert.match(fixture('json-args', 'input.Dockerfile'), /^FROM /m);
  });

  it('passes true tables', () => {
    checkValid('apk-no-cache', 'FROM alpine:3.20\nRUN apk add --no-cache curl\n');
    checkInvalid('apk-no-cache', {
      code: 'FROM alpine:3.20\nRUN apk add curl\n',
      line: 2,
      count: 1,
      message: '--no-cache',
      severity: 'warning',
      findings: [{ line: 2, column: 5 }],
      safe: true,
      output: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    });
    checkInvalid('workdir-absolute', { code: 'FROM alpine:3.20\nWORKDIR app\n', output: null });
  });

  it('fails tables that say something false', () => {
    const code = 'FROM alpine:3.20\nRUN apk add curl\n';
    const wrong: [string, () => void][] = [
      ['valid that fires', () => checkValid('apk-no-cache', code)],
      ['invalid that does not fire', () => checkInvalid('apk-no-cache', { code: 'FROM alpine:3.20\n' })],
      ['a 0-based line', () => checkInvalid('apk-no-cache', { code, line: 1 })],
      ['a wrong count', () => checkInvalid('apk-no-cache', { code, count: 2 })],
      ['a wrong message', () => checkInvalid('apk-no-cache', { code, message: /pip/ })],
      ['a wrong column', () => checkInvalid('apk-no-cache', { code, findings: [{ column: 1 }] })],
      ['a wrong output', () => checkInvalid('apk-no-cache', { code, output: code })],
      ['no fix where there is one', () => checkInvalid('apk-no-cache', { code, output: null })],
      ['a fix that is not there', () => checkInvalid('apk-no-cache', { code, fix: 'Rewrite', output: code })],
      ['a wrong safe', () => checkInvalid('apk-no-cache', { code, safe: false })],
    ];
    for (const [what, run] of wrong) assert.throws(run, assert.AssertionError, what);
  });

  it('checks the context after the fix', () => {
    const text = 'FROM node:20\nCOPY . .\n';
    const context = { '.dockerignore': '*.log\n', '.git/HEAD': '' };
    checkInvalid('dockerignore-incomplete', {
      code: text,
      context,
      output: text,
      outputContext: { '.dockerignore': '*.log\n.git\n' },
    });
    assert.throws(
      () =>
        checkInvalid('dockerignore-incomplete', {
          code: text,
          context,
          output: text,
          outputContext: { '.dockerignore': '*.log\n' },
        }),
      assert.AssertionError,
    );
  });
});
