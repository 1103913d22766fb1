import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RegistryClient } from '../../../src/core/registry/client';
import { credentialChain, dockerCredential } from '../../../src/core/registry/credentials/chain';
import { MemoryCredentialStore } from '../../../src/core/registry/credentials/memoryStore';
import { runCredentialHelper } from '../../../src/core/registry/credentials/helper';
import { pushImage, tinyImage } from '../../fixtures/registry/builders';
import { authClient, env, requireRegistry, uniqueRepo } from './testEnv';

/**
 * A real `docker-credential-dwtest` executable in a temp folder on PATH: it records the server it
 * was given on stdin and answers the way Docker's helpers do.
 */
function writeHelper(dir: string, answers: Record<string, { Username: string; Secret: string }>): string {
  const file = path.join(dir, 'docker-credential-dwtest');
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  const cases = Object.entries(answers).map(
    ([server, answer]) =>
      `  ${quote(server)}) printf '%s\\n' ${quote(JSON.stringify({ ServerURL: server, ...answer }))} ;;`,
  );
  fs.writeFileSync(
    file,
    [
      '#!/bin/sh',
      '[ "$1" = get ] || { echo "only get" >&2; exit 2; }',
      'read -r server',
      `printf '%s\\n' "$server" >> ${quote(path.join(dir, 'asked.log'))}`,
      'case "$server" in',
      ...cases,
      "  *) echo 'credentials not found in native keychain'; exit 1 ;;",
      'esac',
      '',
    ].join('\n'),
  );
  fs.chmodSync(file, 0o755);
  return file;
}

describe('Docker credential helpers through a real executable on PATH (integration)', function () {
  this.timeout(60_000);
  let dir: string;
  let savedPath: string | undefined;
  const config = (value: unknown) => {
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(file, JSON.stringify(value));
    return file;
  };
  const asked = () => fs.readFileSync(path.join(dir, 'asked.log'), 'utf8').trim().split('\n');

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-helper-'));
    savedPath = process.env.PATH;
    process.env.PATH = `${dir}${path.delimiter}${savedPath}`;
    writeHelper(dir, {
      '127.0.0.1:5001': { Username: env.user, Secret: env.pass },
      'https://index.docker.io/v1/': { Username: '<token>', Secret: 'hub-refresh-token' },
    });
  });

  afterEach(() => {
    process.env.PATH = savedPath;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs `get` with the server on stdin and reads the JSON answer back', async () => {
    assert.deepEqual(await runCredentialHelper('dwtest', '127.0.0.1:5001'), {
      found: true,
      credential: { kind: 'password', username: env.user, password: env.pass },
    });
    assert.deepEqual(await runCredentialHelper('dwtest', 'https://index.docker.io/v1/'), {
      found: true,
      credential: { kind: 'identity-token', token: 'hub-refresh-token' },
    });
    assert.deepEqual(await runCredentialHelper('dwtest', 'ghcr.io'), {
      found: false,
      reason: 'docker-credential-dwtest has no credentials for ghcr.io',
    });
    assert.deepEqual(asked(), ['127.0.0.1:5001', 'https://index.docker.io/v1/', 'ghcr.io']);
  });

  it('reports a missing helper or an unusable name without throwing', async () => {
    assert.deepEqual(await runCredentialHelper('not-installed-xyz', 'ghcr.io'), {
      found: false,
      reason: 'docker-credential-not-installed-xyz is not installed (not on PATH)',
    });
    assert.deepEqual(await runCredentialHelper('../evil', 'ghcr.io'), {
      found: false,
      reason: '"../evil" is not a credential helper name',
    });
  });

  it('uses credHelpers for its registry and credsStore for the others; Docker Hub is asked as https://index.docker.io/v1/', async () => {
    const file = config({
      credsStore: 'dwtest',
      credHelpers: { '127.0.0.1:5001': 'dwtest', 'ghcr.io': 'not-installed-xyz' },
      auths: { 'ghcr.io': { auth: Buffer.from('u:from-auths').toString('base64') } },
    });
    assert.deepEqual(await dockerCredential('127.0.0.1:5001', { dockerConfigFile: file }), {
      kind: 'password',
      username: env.user,
      password: env.pass,
    });
    assert.deepEqual(await dockerCredential('docker.io', { dockerConfigFile: file }), {
      kind: 'identity-token',
      token: 'hub-refresh-token',
    });
    const logs: string[] = [];
    assert.deepEqual(
      await dockerCredential('ghcr.io', { dockerConfigFile: file, log: (l) => logs.push(l) }),
      { kind: 'password', username: 'u', password: 'from-auths' },
      'falls back to auths',
    );
    assert.deepEqual(logs, ['docker-credential-not-installed-xyz is not installed (not on PATH)']);
    assert.deepEqual(asked(), ['127.0.0.1:5001', 'https://index.docker.io/v1/']);
  });

  it("logs in to the basic-auth registry with the helper's credentials, which come before a stored one", async function () {
    const host = await requireRegistry(this, 'TEST_AUTH_REGISTRY');
    const repo = uniqueRepo('it/helper');
    await pushImage(authClient(host), repo, tinyImage('oci'), 'h1');
    const file = config({ credHelpers: { [host]: 'dwtest' } });
    writeHelper(dir, { [host]: { Username: env.user, Secret: env.pass } });
    const viaHelper = new RegistryClient(host, { credentials: credentialChain({ dockerConfigFile: file }) });
    assert.deepEqual((await viaHelper.tags(repo)).items, ['h1']);
    assert.deepEqual(asked(), [host]);
    const store = new MemoryCredentialStore();
    await store.set(host, { kind: 'password', username: env.user, password: 'not-the-password' });
    const chain = credentialChain({ store, dockerConfigFile: file });
    assert.deepEqual(
      await chain(host),
      { kind: 'password', username: env.user, password: env.pass },
      "Docker's helper answers first",
    );
    assert.deepEqual((await new RegistryClient(host, { credentials: chain }).tags(repo)).items, ['h1']);
    assert.deepEqual(await chain('127.0.0.1:1'), undefined, 'no credential anywhere for another registry');
    await store.set('127.0.0.1:1', { kind: 'identity-token', token: 'stored' });
    assert.deepEqual(
      await chain('127.0.0.1:1'),
      { kind: 'identity-token', token: 'stored' },
      'the store answers where Docker has nothing',
    );
  });
});
