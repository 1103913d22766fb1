import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findings, roundTrip } from '../../support/ruleHarness';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/secret-in-arg-env', name), 'utf8');

describe('secret-in-arg-env (unit)', () => {
  it('fires on ARG and ENV names that look secret, one finding per declaration', () => {
    const text = 'FROM alpine\nARG NPM_TOKEN\nENV DB_PASSWORD=x OTHER=1\nARG apiKey\nENV AWS_SECRET_ACCESS_KEY=abc\nARG GITHUB_CREDENTIALS\nARG LDAP_ROOTPASS\n';
    assert.deepEqual(findings(text, 'secret-in-arg-env').map((f) => f.range.start.line), [1, 2, 3, 4, 5, 6]);
  });

  it('fires on values that look like credentials whatever the name', () => {
    for (const value of ['AKIAIOSFODNN7EXAMPLE', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'glpat-abcdefghij0123456789', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U']) {
      assert.equal(findings(`FROM alpine\nENV SETTING=${value}\n`, 'secret-in-arg-env').length, 1, value);
    }
  });

  it('is silent on names that only mention a secret (TOKEN_URL, PASSWORD_FILE, *_PATH) and on public keys', () => {
    for (const name of ['TOKEN_URL', 'PASSWORD_FILE', 'SECRET_PATH', 'GITHUB_TOKEN_DIR', 'GPG_KEY', 'TOKENIZER', 'BYPASS_CACHE', 'KEYRING_VERSION']) {
      assert.deepEqual(findings(`FROM alpine\nARG ${name}=x\n`, 'secret-in-arg-env'), [], name);
    }
  });

  it('is an error by default', () => {
    assert.equal(findings('FROM alpine\nARG NPM_TOKEN\n', 'secret-in-arg-env')[0].severity, 'error');
  });

  it('offers the file form first when there is no syntax line, and the env form as FIX-EXAMPLES.md shows', () => {
    const text = fixture('input.Dockerfile');
    const [fix] = findings(text, 'secret-in-arg-env');
    assert.deepEqual(fix.fixes.map((f) => f.title), ['Pass NPM_TOKEN as a secret mount (read /run/secrets/npm_token)', 'Pass NPM_TOKEN as a secret mount (env=NPM_TOKEN)']);
    assert.equal(roundTrip(text, 'secret-in-arg-env', /env=NPM_TOKEN/), fixture('fixed-env.Dockerfile'));
    assert.equal(roundTrip(text, 'secret-in-arg-env', /read \/run\/secrets/), fixture('fixed-file.Dockerfile'));
  });

  it('puts the env form first when the file has a syntax line, and tells the --secret flag', () => {
    const text = `# syntax=docker/dockerfile:1\n${fixture('input.Dockerfile')}`;
    const fixes = findings(text, 'secret-in-arg-env')[0].fixes;
    assert.match(fixes[0].title, /env=NPM_TOKEN/);
    assert.match(fixes[0].note!, /--secret id=npm_token,env=NPM_TOKEN/);
    assert.deepEqual(fixes[0].secrets, [{ id: 'npm_token', env: 'NPM_TOKEN' }]);
    assert.equal(fixes[0].safe, false);
    // the syntax line is there: the env form adds none
    assert.equal(roundTrip(text, 'secret-in-arg-env', /env=/).match(/# syntax/g)!.length, 1);
  });

  it('lifts a pinned syntax line older than 1.10 for the env form', () => {
    const fixed = roundTrip('# syntax=docker/dockerfile:1.4\nFROM alpine\nARG API_TOKEN\nRUN curl -H "Authorization: $API_TOKEN" https://x\n', 'secret-in-arg-env', /env=/);
    assert.equal(fixed, '# syntax=docker/dockerfile:1\nFROM alpine\nRUN --mount=type=secret,id=api_token,env=API_TOKEN \\\n    curl -H "Authorization: $API_TOKEN" https://x\n');
  });

  it('removes every declaration of the name (global ARG, stage ARG, one ENV pair) and rewrites each RUN that uses it', () => {
    const text = 'ARG NPM_TOKEN\nFROM node:20-slim\nARG NPM_TOKEN\nENV NODE_ENV=production NPM_TOKEN=$NPM_TOKEN\nRUN --mount=type=cache,target=/root/.npm npm ci\nRUN echo ${NPM_TOKEN} > /dev/null\n';
    const fixed = roundTrip(text, 'secret-in-arg-env', /env=/);
    assert.equal(
      fixed,
      '# syntax=docker/dockerfile:1\nFROM node:20-slim\nENV NODE_ENV=production\nRUN --mount=type=cache,target=/root/.npm npm ci\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \\\n    echo ${NPM_TOKEN} > /dev/null\n',
    );
  });

  it('only removes a secret that no RUN uses, and says how to pass it', () => {
    const found = findings('FROM alpine\nENV DB_PASSWORD=hunter2\nCMD ["app"]\n', 'secret-in-arg-env');
    assert.deepEqual(found[0].fixes.map((f) => f.title), ['Remove DB_PASSWORD from the Dockerfile']);
    assert.match(found[0].fixes[0].note!, /docker run -e/);
    assert.equal(roundTrip('FROM alpine\nENV DB_PASSWORD=hunter2\nCMD ["app"]\n', 'secret-in-arg-env'), 'FROM alpine\nCMD ["app"]\n');
  });

  it('indents the continued command like the file\'s other continuations', () => {
    const text = 'FROM alpine\nARG GH_TOKEN\nRUN apk add --no-cache git \\\n\t&& true\nRUN git clone https://$GH_TOKEN@github.com/o/r\n';
    assert.match(roundTrip(text, 'secret-in-arg-env', /env=/), /RUN --mount=type=secret,id=gh_token,env=GH_TOKEN \\\n\tgit clone/);
  });

  it('puts the secret mount before the RUN\'s other flags in both forms', () => {
    const text = 'FROM node:20-slim\nARG NPM_TOKEN\nRUN --mount=type=cache,target=/root/.npm \\\n    npm ci --token=$NPM_TOKEN\n';
    assert.equal(
      roundTrip(text, 'secret-in-arg-env', /env=/),
      '# syntax=docker/dockerfile:1\nFROM node:20-slim\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \\\n    --mount=type=cache,target=/root/.npm \\\n    npm ci --token=$NPM_TOKEN\n',
    );
    assert.equal(
      roundTrip(text, 'secret-in-arg-env', /read/),
      'FROM node:20-slim\nRUN --mount=type=secret,id=npm_token --mount=type=cache,target=/root/.npm \\\n    NPM_TOKEN="$(cat /run/secrets/npm_token)" && npm ci --token=$NPM_TOKEN\n',
    );
  });

  it('keeps the continuation indentation and CRLF of the file', () => {
    const fixed = roundTrip('FROM alpine\r\n  ARG GH_TOKEN\r\n  RUN git clone https://$GH_TOKEN@github.com/o/r\r\n', 'secret-in-arg-env', /env=/);
    assert.equal(fixed, '# syntax=docker/dockerfile:1\r\nFROM alpine\r\n  RUN --mount=type=secret,id=gh_token,env=GH_TOKEN \\\r\n      git clone https://$GH_TOKEN@github.com/o/r\r\n');
  });
});
