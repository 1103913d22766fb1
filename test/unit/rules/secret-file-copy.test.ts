import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findings, roundTrip } from '../../support/ruleHarness';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/secret-file-copy', name), 'utf8');

describe('secret-file-copy (unit)', () => {
  it('fires on COPY or ADD of a credentials file, on the source', () => {
    for (const file of ['.env', '.env.production', '.npmrc', '.pypirc', 'id_rsa', 'keys/id_ed25519', 'server.pem', 'tls.key', '.netrc', '.aws/credentials', '.docker/config.json']) {
      const found = findings(`FROM alpine\nCOPY ${file} /x/\n`, 'secret-file-copy');
      assert.deepEqual(found.map((f) => [f.range.start.character, f.severity]), [[5, 'error']], file);
    }
    assert.equal(findings('FROM alpine\nADD .env /app/.env\n', 'secret-file-copy').length, 1);
  });

  it('is silent on example env files, public keys and certificates, and on copies from other stages', () => {
    for (const file of ['.env.example', '.env.sample', 'id_rsa.pub', 'cert.pem', 'ca-bundle.pem', 'environment.ts']) {
      assert.deepEqual(findings(`FROM alpine\nCOPY ${file} /x/\n`, 'secret-file-copy'), [], file);
    }
    assert.deepEqual(findings('FROM alpine AS a\nRUN touch /.npmrc\nFROM alpine\nCOPY --from=a /.npmrc /root/.npmrc\n', 'secret-file-copy'), []);
  });

  it('still warns in a build stage whose output never reaches the final image, saying so', () => {
    const found = findings('FROM node:20 AS deps\nCOPY .npmrc .\nRUN npm ci && rm .npmrc\nFROM node:20-slim\nCMD ["node"]\n', 'secret-file-copy');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /even in a build stage/);
  });

  it('moves the file into a secret mount on the RUN that needs it', () => {
    const text = fixture('input.Dockerfile');
    assert.equal(roundTrip(text, 'secret-file-copy'), fixture('fixed.Dockerfile'));
    const [fix] = findings(text, 'secret-file-copy')[0].fixes;
    assert.equal(fix.safe, false);
    assert.deepEqual(fix.secrets, [{ id: 'npmrc', src: '.npmrc' }]);
    assert.match(fix.note!, /--secret id=npmrc,src=\.npmrc/);
  });

  it('picks the RUN whose tool reads the file, and removes a COPY of that file alone', () => {
    const text = 'FROM alpine\nCOPY id_rsa /root/.ssh/id_rsa\nRUN apk add --no-cache git openssh\nRUN git clone git@github.com:o/r.git /src\n';
    assert.equal(roundTrip(text, 'secret-file-copy'), 'FROM alpine\nRUN apk add --no-cache git openssh\nRUN --mount=type=secret,id=id_rsa,target=/root/.ssh/id_rsa git clone git@github.com:o/r.git /src\n');
  });

  it('offers no fix when no RUN follows or the target cannot be known', () => {
    assert.deepEqual(findings('FROM alpine\nCOPY .env /app/\nCMD ["app"]\n', 'secret-file-copy')[0].fixes, []);
    assert.deepEqual(findings('FROM alpine\nCOPY .env .\nRUN ./setup\n', 'secret-file-copy')[0].fixes, []);
  });
});
