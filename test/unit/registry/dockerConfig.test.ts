import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dockerCredential } from '../../../src/core/registry/credentials/chain';
import {
  credentialFromEntry,
  dockerConfigPath,
  helperFor,
  parseDockerConfig,
  readDockerConfig,
} from '../../../src/core/registry/credentials/dockerConfig';

const FIXTURE = path.join(__dirname, '../../fixtures/registry/docker-config/config.json');

describe("Docker's config.json (unit)", () => {
  it('is found through DOCKER_CONFIG, else in ~/.docker', () => {
    assert.equal(dockerConfigPath({ DOCKER_CONFIG: '/etc/dc' }, '/home/u'), '/etc/dc/config.json');
    assert.equal(dockerConfigPath({}, '/home/u'), '/home/u/.docker/config.json');
  });

  it('reads auths (base64 auth, username/password, identitytoken) under normalised keys', async () => {
    const config = (await readDockerConfig(FIXTURE))!;
    assert.deepEqual([...config.auths.keys()], ['docker.io', 'ghcr.io', '127.0.0.1:5001', 'registry.example.com']);
    assert.deepEqual(credentialFromEntry(config.auths.get('docker.io')), {
      kind: 'password',
      username: 'hubuser',
      password: 'hub-pass:with:colons',
    });
    assert.deepEqual(credentialFromEntry(config.auths.get('ghcr.io')), {
      kind: 'identity-token',
      token: 'ghcr-identity-token',
      username: 'ghcr-user',
    });
    assert.deepEqual(credentialFromEntry(config.auths.get('127.0.0.1:5001')), {
      kind: 'password',
      username: 'plainuser',
      password: 'plain-pass',
    });
    assert.equal(credentialFromEntry(config.auths.get('registry.example.com')), undefined);
  });

  it('picks the credHelpers entry for a registry, else credsStore', async () => {
    const config = (await readDockerConfig(FIXTURE))!;
    assert.equal(helperFor(config, '123.dkr.ecr.eu-west-1.amazonaws.com'), 'ecr-login');
    assert.equal(helperFor(config, 'ghcr.io'), 'desktop');
    assert.equal(helperFor(parseDockerConfig('{"auths":{}}'), 'ghcr.io'), undefined);
  });

  it('is absent without a file; a broken one gets a clear error that quotes none of it', async () => {
    assert.equal(await readDockerConfig('/nonexistent/config.json'), undefined);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-config-'));
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(file, '{"auths": {"x": {"auth": "c2VjcmV0LXZhbHVl"}');
    try {
      await assert.rejects(
        readDockerConfig(file),
        (e: Error) =>
          e.message === `${file} is not valid JSON: Docker's credentials in it are not used` &&
          !String(e.stack).includes('c2VjcmV0'),
      );
      assert.throws(() => parseDockerConfig('[1]'), /is not a JSON object/);
      const logs: string[] = [];
      assert.equal(
        await dockerCredential('x', { dockerConfigFile: file, log: (l) => logs.push(l) }),
        undefined,
        'a broken file means no credential, not an exception',
      );
      assert.equal(logs.length, 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
