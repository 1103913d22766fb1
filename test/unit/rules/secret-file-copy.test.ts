import assert from 'node:assert/strict';
import { applyEdits } from '../../../src/core/lint/fix';
import { findings } from '../../support/ruleHarness';
import { fixture, ruleTester } from '../../support/ruleTester';

ruleTester.run('secret-file-copy', {
  valid: [
    ...['.env.example', '.env.sample', 'id_rsa.pub', 'cert.pem', 'ca-bundle.pem', 'environment.ts'].map((file) => ({
      name: `example env files, public keys and certificates: ${file}`,
      code: `FROM alpine\nCOPY ${file} /x/\n`,
    })),
    {
      name: 'copies from other stages',
      code: 'FROM alpine AS a\nRUN touch /.npmrc\nFROM alpine\nCOPY --from=a /.npmrc /root/.npmrc\n',
    },
  ],
  invalid: [
    ...[
      '.env',
      '.env.production',
      '.npmrc',
      '.pypirc',
      'id_rsa',
      'keys/id_ed25519',
      'server.pem',
      'tls.key',
      '.netrc',
      '.aws/credentials',
      '.docker/config.json',
    ].map((file) => ({
      name: `COPY of a credentials file, on the source: ${file}`,
      code: `FROM alpine\nCOPY ${file} /x/\n`,
      findings: [{ column: 6, severity: 'error' as const }],
    })),
    { name: 'ADD of a credentials file', code: 'FROM alpine\nADD .env /app/.env\n', count: 1 },
    {
      name: 'still warns in a build stage whose output never reaches the final image, saying so',
      code: 'FROM node:20 AS deps\nCOPY .npmrc .\nRUN npm ci && rm .npmrc\nFROM node:20-slim\nCMD ["node"]\n',
      count: 1,
      message: /even in a build stage/,
    },
    {
      name: 'moves the file into a secret mount on the RUN that needs it',
      code: fixture('secret-file-copy', 'input.Dockerfile'),
      safe: false,
      secrets: [{ id: 'npmrc', src: '.npmrc' }],
      note: /--secret id=npmrc,src=\.npmrc/,
      output: fixture('secret-file-copy', 'fixed.Dockerfile'),
    },
    {
      name: 'picks the RUN whose tool reads the file, and removes a COPY of that file alone',
      code: 'FROM alpine\nCOPY id_rsa /root/.ssh/id_rsa\nRUN apk add --no-cache git openssh\nRUN git clone git@github.com:o/r.git /src\n',
      output:
        'FROM alpine\nRUN apk add --no-cache git openssh\nRUN --mount=type=secret,id=id_rsa,target=/root/.ssh/id_rsa git clone git@github.com:o/r.git /src\n',
    },
    {
      name: 'lets a RUN as another user than root read the mounted secret',
      code: 'FROM node:20\nCOPY .npmrc /home/node/.npmrc\nUSER node\nRUN npm ci\n',
      output: 'FROM node:20\nUSER node\nRUN --mount=type=secret,id=npmrc,target=/home/node/.npmrc,mode=0444 npm ci\n',
    },
    { name: 'offers no fix when no RUN follows', code: 'FROM alpine\nCOPY .env /app/\nCMD ["app"]\n', output: null },
    {
      name: 'offers no fix when the target cannot be known',
      code: 'FROM alpine\nCOPY .env .\nRUN ./setup\n',
      output: null,
    },
  ],
});

describe('secret-file-copy: its fix needs nothing more (unit)', () => {
  it('leaves syntax-directive silent: a secret mount builds without a # syntax= line', () => {
    const text = fixture('secret-file-copy', 'input.Dockerfile');
    const [fix] = findings(text, 'secret-file-copy').flatMap((d) => d.fixes);
    const fixed = applyEdits(text, fix.edits);
    assert.match(fixed, /RUN --mount=type=secret/);
    assert.doesNotMatch(fixed, /# syntax=/);
    assert.deepEqual(findings(fixed, 'syntax-directive'), []);
  });
});
