import assert from 'node:assert/strict';
import util from 'node:util';
import { RegistryClient } from '../../../src/core/registry/client';
import { credentialChain } from '../../../src/core/registry/credentials/chain';
import { MemoryCredentialStore } from '../../../src/core/registry/credentials/memoryStore';
import type { Credential } from '../../../src/core/registry/credentials/types';
import { UnauthorizedError } from '../../../src/core/registry/errors';
import { logIn, logOut } from '../../../src/core/registry/session';
import { TokenCache } from '../../../src/core/registry/tokenCache';
import { pushImage, tinyImage } from '../../fixtures/registry/builders';
import { enginePush, requireEngine } from './engine';
import { authClient, env, requireRegistry, uniqueRepo } from './testEnv';

const WRONG = 'wrong-password-3f9c';

/** Every rejection message and log line, checked for the secrets. */
function assertNoSecret(texts: string[], secrets: string[]): void {
  for (const text of texts)
    for (const secret of secrets) assert.ok(!text.includes(secret), `a secret leaked into: ${text}`);
}

for (const [label, variable] of [
  ['htpasswd basic auth', 'TEST_AUTH_REGISTRY'],
  ['token auth', 'TEST_TOKEN_REGISTRY'],
] as const) {
  describe(`registry ${label}: log in, log out (integration)`, function () {
    this.timeout(120_000);
    let host: string;
    const repo = uniqueRepo('it/auth');
    const logs: string[] = [];
    const docker = '/nonexistent/config.json';

    before(async function () {
      host = await requireRegistry(this, variable);
      await requireEngine(this);
      await enginePush(`${host}/${repo}:1`, { host, user: env.user, pass: env.pass });
    });

    it('refuses a wrong password with a clear error and stores nothing', async () => {
      const store = new MemoryCredentialStore();
      const error = await logIn(host, { kind: 'password', username: env.user, password: WRONG }, store, {
        log: (l) => logs.push(l),
      }).catch((e: unknown) => e);
      assert.ok(error instanceof UnauthorizedError, String(error));
      assert.equal(
        error.message,
        `${host} rejected the credentials: log in again with a valid user name and password or token.`,
      );
      assert.equal(store.size, 0);
      assertNoSecret(
        [error.message, util.inspect(error, { depth: 8 }), ...logs],
        [WRONG, Buffer.from(`${env.user}:${WRONG}`).toString('base64')],
      );
    });

    it('without credentials says the registry needs them', async () => {
      const error = await new RegistryClient(host).tags(repo).catch((e: unknown) => e);
      assert.ok(error instanceof UnauthorizedError && !error.hadCredentials, String(error));
      assert.match(error.message, /needs credentials: log in/);
    });

    it('logs in, lists through the stored credential, logs out and is refused again', async () => {
      const store = new MemoryCredentialStore();
      const credential: Credential = { kind: 'password', username: env.user, password: env.pass };
      const client = new RegistryClient(host, {
        credentials: credentialChain({ store, dockerConfigFile: docker }),
        log: (l) => logs.push(l),
      });
      await assert.rejects(client.tags(repo), UnauthorizedError, 'not logged in yet');
      assert.deepEqual(
        await logIn(host, credential, store, { log: (l) => logs.push(l), clients: [client], dockerConfigFile: docker }),
        { dockerComesFirst: false },
      );
      assert.deepEqual(await store.get(host), credential);
      assert.deepEqual((await client.tags(repo)).items, ['1'], 'the same client uses the new credential');
      const result = await logOut(host, store, [client], docker);
      assert.equal(result.dockerStillLoggedIn, false);
      assert.equal(await store.get(host), undefined);
      await assert.rejects(client.tags(repo), (e: Error) => e instanceof UnauthorizedError && !e.hadCredentials);
      assertNoSecret(logs, [env.pass, Buffer.from(`${env.user}:${env.pass}`).toString('base64')]);
    });
  });
}

describe('registry bearer tokens: cache, expiry and refresh (integration)', function () {
  this.timeout(60_000);
  let host: string;
  const repo = uniqueRepo('it/token');
  let tokenRequests = 0;
  let now = Date.now();
  let client: RegistryClient;
  let cache: TokenCache;

  before(async function () {
    host = await requireRegistry(this, 'TEST_TOKEN_REGISTRY');
    cache = new TokenCache(() => now);
    client = authClient(host, {
      tokenCache: cache,
      now: () => now,
      fetch: (url, init) => {
        if (new URL(url).pathname === '/token') tokenRequests++;
        return fetch(url, init);
      },
    });
    await pushImage(client, repo, tinyImage('oci'), 'v1');
  });

  it('reuses a token until it expires, then fetches a new one', async () => {
    await client.tags(repo);
    const before = tokenRequests;
    await client.tags(repo);
    await client.headManifest(repo, 'v1');
    assert.equal(tokenRequests, before, 'the pull token is reused');
    now += 400_000; // past the token server's 300 s
    assert.deepEqual((await client.tags(repo)).items, ['v1']);
    assert.equal(tokenRequests, before + 1, 'an expired token is fetched again');
  });

  it('fetches a new token when the registry answers 401 to a cached one', async () => {
    // A token the registry will not take, cached as if still valid: the 401 must lead to a new one.
    const key = TokenCache.key(`http://${process.env.TEST_TOKEN_SERVER ?? '127.0.0.1:5003'}/token`, 'test-registry', [
      `repository:${repo}:pull`,
    ]);
    cache.clear();
    cache.set(key, 'not.a.valid-token', 3600);
    const before = tokenRequests;
    assert.deepEqual((await client.tags(repo)).items, ['v1']);
    assert.equal(tokenRequests, before + 1);
    assert.notEqual(cache.get(key), 'not.a.valid-token');
  });
});
