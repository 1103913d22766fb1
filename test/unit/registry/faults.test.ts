import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import util from 'node:util';
import { RegistryClient, type RegistryClientOptions } from '../../../src/core/registry/client';
import {
  AbortedError,
  CatalogUnsupportedError,
  DeniedError,
  MalformedResponseError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  RegistryError,
  InvalidNameError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
  UnsupportedError,
} from '../../../src/core/registry/errors';
import { json, sequence, slow, startFaultServer, type FaultServer, type Handler } from '../../support/faultServer';

const SECRET = 'hunter2-s3cr3t';
const BASIC = Buffer.from(`me:${SECRET}`).toString('base64');

/** Echoes whatever authorization it got, the way a careless server might, in body and headers. */
const echoAuth =
  (status: number): Handler =>
  (req, res) =>
    json(
      res,
      status,
      { errors: [{ code: 'DENIED', message: `you sent ${req.headers.authorization}` }] },
      { 'WWW-Authenticate': `Basic realm="${req.headers.authorization ?? 'x'}"` },
    );

/** A registry sending callers to its own /token for a bearer token, answering once `token` comes back. */
const bearerTags =
  (token: string): Handler =>
  (req, res) =>
    req.headers.authorization === `Bearer ${token}`
      ? json(res, 200, { tags: ['1'] })
      : json(
          res,
          401,
          {},
          {
            'WWW-Authenticate': `Bearer realm="http://${req.headers.host}/token",service="fault",scope="repository:${/^\/v2\/(.+)\/tags\/list/.exec(req.url!)![1]}:pull"`,
          },
        );

describe('registry client faults against a local fault server (unit)', function () {
  this.timeout(10_000);
  let server: FaultServer | undefined;
  const sleeps: number[] = [];
  const logs: string[] = [];

  async function clientFor(
    routes: Record<string, Handler>,
    options: RegistryClientOptions = {},
  ): Promise<RegistryClient> {
    server = await startFaultServer(routes);
    return new RegistryClient(server.host, {
      sleep: async (ms) => void sleeps.push(ms),
      log: (l) => logs.push(l),
      timeoutMs: 2000,
      ...options,
    });
  }

  async function failure(promise: Promise<unknown>): Promise<RegistryError> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof RegistryError, `expected a RegistryError, got ${String(error)}`);
    assertClean(error);
    return error;
  }

  /** Nothing the client says, logs or keeps in an error's cause may carry the secret. */
  function assertClean(error: Error): void {
    for (const text of [error.message, util.inspect(error, { depth: 10 }), ...logs]) {
      assert.ok(!text.includes(SECRET) && !text.includes(BASIC), `secret leaked: ${text}`);
    }
  }

  afterEach(async () => {
    await server?.close();
    server = undefined;
    sleeps.length = 0;
    logs.length = 0;
  });

  it('401 without credentials: unauthorized, asks to log in', async () => {
    const client = await clientFor({ '/v2/app/tags/list': echoAuth(401) });
    const error = await failure(client.tags('app'));
    assert.ok(error instanceof UnauthorizedError);
    assert.equal(
      error.message,
      `${server!.host} needs credentials: log in to it (or run \`docker login ${server!.host}\`).`,
    );
  });

  it('401 to the credentials: unauthorized, says they were rejected, and leaks them nowhere', async () => {
    const client = await clientFor(
      { '/v2/app/tags/list': echoAuth(401) },
      { credentials: async () => ({ kind: 'password', username: 'me', password: SECRET }) },
    );
    const error = await failure(client.tags('app'));
    assert.ok(error instanceof UnauthorizedError && error.hadCredentials);
    assert.match(error.message, /rejected the credentials/);
    assert.equal(server!.requests.at(-1)!.headers.authorization, `Basic ${BASIC}`, 'the credentials were sent');
  });

  it('403: denied, naming what was asked for', async () => {
    const client = await clientFor(
      { '/v2/app/tags/list': echoAuth(403) },
      { credentials: async () => ({ kind: 'password', username: 'me', password: SECRET }) },
    );
    const error = await failure(client.tags('app'));
    assert.ok(error instanceof DeniedError);
    assert.equal(
      error.message,
      `${server!.host} denied access to repository app: the account lacks the permission for it.`,
    );
  });

  it('404: not found, for a tag and for a repository', async () => {
    const client = await clientFor({});
    const tag = await failure(client.headManifest('app', '1.2'));
    assert.ok(tag instanceof NotFoundError);
    assert.equal(tag.message, `${server!.host} has no tag app:1.2.`);
    assert.equal(
      (await failure(client.tags('nothing/here'))).message,
      `${server!.host} has no repository nothing/here.`,
    );
  });

  it('429 with Retry-After: waits as told, then succeeds', async () => {
    const limited: Handler = (_q, res) =>
      json(res, 429, { errors: [{ code: 'TOOMANYREQUESTS' }] }, { 'Retry-After': '2' });
    const client = await clientFor({
      '/v2/app/tags/list': sequence(limited, limited, (_q, res) => json(res, 200, { name: 'app', tags: ['1'] })),
    });
    assert.deepEqual((await client.tags('app')).items, ['1']);
    assert.deepEqual(sleeps, [2000, 2000]);
    assert.equal(server!.requests.length, 3);
  });

  it('429 for ever: rate limited after the bounded retries', async () => {
    const client = await clientFor(
      { '/v2/app/tags/list': (_q, res) => json(res, 429, {}, { 'Retry-After': '1' }) },
      { retries: 2 },
    );
    const error = await failure(client.tags('app'));
    assert.ok(error instanceof RateLimitedError);
    assert.equal(error.message, `${server!.host} is limiting requests (HTTP 429): try again in 1 s.`);
    assert.equal(server!.requests.length, 3);
  });

  it('429 asking for an hour: fails at once instead of waiting', async () => {
    const client = await clientFor({ '/v2/app/tags/list': (_q, res) => json(res, 429, {}, { 'Retry-After': '3600' }) });
    const error = await failure(client.tags('app'));
    assert.ok(error instanceof RateLimitedError && error.retryAfterMs === 3_600_000);
    assert.deepEqual([server!.requests.length, sleeps], [1, []]);
  });

  it('502, 503 and 504 are retried with doubling backoff', async () => {
    const statuses = [502, 503, 504];
    const client = await clientFor({
      '/v2/app/tags/list': (_q, res) =>
        statuses.length ? json(res, statuses.shift()!, {}) : json(res, 200, { tags: ['ok'] }),
    });
    assert.deepEqual((await client.tags('app')).items, ['ok']);
    assert.deepEqual(sleeps, [250, 500, 1000]);
  });

  it('500: a server error with its code, not retried', async () => {
    const client = await clientFor({
      '/v2/app/tags/list': (_q, res) => json(res, 500, { errors: [{ code: 'UNKNOWN', message: `boom ${SECRET}` }] }),
    });
    const error = await failure(client.tags('app'));
    assert.ok(error instanceof ServerError && error.retryable);
    assert.equal(error.message, `${server!.host} failed with HTTP 500 (UNKNOWN) for repository app: try again later.`);
    assert.equal(server!.requests.length, 1);
  });

  it('a slow answer past the timeout: timeout, nothing hangs', async function () {
    this.timeout(5000);
    const client = await clientFor(
      { '/v2/app/tags/list': slow(30_000, (_q, res) => json(res, 200, { tags: [] })) },
      { timeoutMs: 300 },
    );
    const error = await failure(client.tags('app'));
    assert.ok(error instanceof TimeoutError);
    assert.equal(error.message, `${server!.host} did not answer within 300 ms.`);
  });

  it('a body that stalls half-way: timeout too', async function () {
    this.timeout(5000);
    const client = await clientFor(
      {
        '/v2/app/tags/list': (_q, res) => {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.write('{"tags":[');
        },
      },
      { timeoutMs: 300 },
    );
    assert.ok((await failure(client.tags('app'))) instanceof TimeoutError);
  });

  it('the caller aborting: aborted at once', async function () {
    this.timeout(5000);
    const client = await clientFor({ '/v2/app/tags/list': slow(30_000, (_q, res) => json(res, 200, {})) });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    assert.ok((await failure(client.tags('app', { signal: controller.signal }))) instanceof AbortedError);
    assert.ok(
      (await failure(client.tags('app', { signal: controller.signal }))) instanceof AbortedError,
      'an aborted signal sends nothing',
    );
  });

  it('malformed JSON, a wrong shape and a schema 1 manifest: malformed answers', async () => {
    const client = await clientFor({
      '/v2/app/tags/list': (_q, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"tags": [1, 2');
      },
      '/v2/app/manifests/shape': (_q, res) =>
        json(res, 200, { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', layers: 'no' }),
      '/v2/app/manifests/old': (_q, res) => json(res, 200, { schemaVersion: 1, name: 'app' }),
      '/v2/app2/tags/list': (_q, res) => json(res, 200, { name: 'app2' }),
    });
    const errors = [
      await failure(client.tags('app')),
      await failure(client.getManifest('app', 'shape')),
      await failure(client.getManifest('app', 'old')),
      await failure(client.tags('app2')),
    ];
    assert.ok(errors.every((e) => e instanceof MalformedResponseError));
    const host = server!.host;
    assert.deepEqual(
      errors.map((e) => e.message),
      [
        `${host} sent a malformed answer for repository app: it is not valid JSON.`,
        `${host} sent a malformed answer for tag app:shape: the manifest has no config descriptor.`,
        `${host} sent a malformed answer for tag app:old: it is an old schema 1 manifest, which Dockwright does not read.`,
        `${host} sent a malformed answer for repository app2: it has no "tags" list.`,
      ],
    );
  });

  it('a HEAD without Docker-Content-Digest falls back to GET and hashes; content not matching its digest is malformed', async () => {
    const manifest = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [] };
    const body = Buffer.from(JSON.stringify(manifest));
    const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
    const wrong = `sha256:${'0'.repeat(64)}`;
    const client = await clientFor({
      'HEAD /v2/app/manifests/1': (_q, res) => {
        res.writeHead(200, { 'Content-Type': manifest.mediaType });
        res.end();
      },
      'GET /v2/app/manifests/1': (_q, res) => {
        res.writeHead(200, { 'Content-Type': manifest.mediaType });
        res.end(body);
      },
      [`GET /v2/app/manifests/${wrong}`]: (_q, res) => {
        res.writeHead(200, { 'Content-Type': manifest.mediaType });
        res.end(body);
      },
    });
    assert.equal((await client.headManifest('app', '1')).digest, digest);
    assert.deepEqual(
      server!.requests.map((r) => r.method),
      ['HEAD', 'GET'],
    );
    const error = await failure(client.getManifest('app', wrong));
    assert.ok(error instanceof MalformedResponseError);
    assert.match(error.message, /its content does not match its digest/);
  });

  it('an oversized body, declared or streamed: refused at the cap', async () => {
    const big = Buffer.alloc(64 * 1024, 'x');
    const client = await clientFor(
      {
        '/v2/declared/tags/list': (_q, res) => {
          res.writeHead(200, { 'Content-Length': big.length });
          res.end(big);
        },
        '/v2/streamed/tags/list': (_q, res) => {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          for (let i = 0; i < 64; i++) res.write(big);
          res.end();
        },
      },
      { maxBodyBytes: 16 * 1024 },
    );
    for (const repo of ['declared', 'streamed']) {
      const error = await failure(client.tags(repo));
      assert.ok(error instanceof ResponseTooLargeError);
      assert.equal(error.message, `${server!.host} sent more than 16384 bytes for repository ${repo}: refused.`);
    }
  });

  it('nothing listening: a network error saying so', async () => {
    const client = await clientFor({});
    const host = server!.host;
    await server!.close();
    server = undefined;
    const error = await failure(client.ping());
    assert.ok(error instanceof NetworkError);
    assert.equal(error.message, `Cannot reach ${host}: connection refused. Check the address and the network.`);
  });

  it('no catalog: Docker Hub and GHCR say so without asking; a registry answering 404 says so too', async () => {
    const offline = { fetch: () => Promise.reject(new Error('no request may be made')) };
    const hub = await failure(new RegistryClient('docker.io', offline).catalog());
    assert.ok(hub instanceof CatalogUnsupportedError);
    assert.equal(
      hub.message,
      'docker.io does not offer a repository catalog: give repository names (e.g. library/nginx) or a namespace to list.',
    );
    assert.ok((await failure(new RegistryClient('ghcr.io', offline).catalog())) instanceof CatalogUnsupportedError);
    const client = await clientFor({});
    assert.ok((await failure(client.catalog())) instanceof CatalogUnsupportedError);
  });

  it('deletes switched off (405 UNSUPPORTED): unsupported', async () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const client = await clientFor({
      [`DELETE /v2/app/manifests/${digest}`]: (_q, res) => json(res, 405, { errors: [{ code: 'UNSUPPORTED' }] }),
    });
    const error = await failure(client.deleteManifest('app', digest));
    assert.ok(error instanceof UnsupportedError);
    assert.match(error.message, new RegExp(`does not allow this operation on manifest app@${digest}`));
  });

  it('names that cannot be a repository, tag or digest: invalid, and nothing is sent', async () => {
    const client = await clientFor({});
    const upper = await failure(client.tags('Team/App'));
    assert.ok(upper instanceof InvalidNameError);
    assert.equal(
      upper.message,
      `"Team/App" is not a valid repository name for ${server!.host}: lower-case letters and digits, separated by . _ - or /.`,
    );
    for (const call of [
      client.tags('app/../../v2/_catalog'),
      client.headManifest('app', '../x'),
      client.getManifest('app', 'a?b'),
      client.tags(''),
    ]) {
      assert.ok((await failure(call)) instanceof InvalidNameError);
    }
    assert.equal(server!.requests.length, 0);
  });

  it('follows Link pages from a registry that honours n, and the cursor is the next `last`', async () => {
    const all = ['a', 'b', 'c', 'd', 'e'];
    const client = await clientFor({
      '/v2/app/tags/list': (req, res) => {
        const url = new URL(req.url!, 'http://x');
        const n = Number(url.searchParams.get('n'));
        const rest = all.filter((t) => t > (url.searchParams.get('last') ?? ''));
        const tags = rest.slice(0, n);
        const headers: Record<string, string> =
          rest.length > n ? { Link: `</v2/app/tags/list?last=${tags.at(-1)}&n=${n}>; rel="next"` } : {};
        json(res, 200, { name: 'app', tags }, headers);
      },
    });
    const first = await client.tags('app', { pageSize: 2 });
    const second = await client.tags('app', { pageSize: 2, cursor: first.next });
    const third = await client.tags('app', { pageSize: 2, cursor: second.next });
    assert.deepEqual(
      [first, second, third],
      [{ items: ['a', 'b'], next: 'b' }, { items: ['c', 'd'], next: 'd' }, { items: ['e'] }],
    );
    assert.deepEqual(await client.allTags('app'), all);
  });

  it('bearer: an identity token is exchanged with the OAuth2 refresh grant, and never logged', async () => {
    const client = await clientFor(
      {
        '/v2/app/tags/list': bearerTags('access-1'),
        'POST /token': (_q, res) => json(res, 200, { access_token: 'access-1', expires_in: 300 }),
      },
      { credentials: async () => ({ kind: 'identity-token', token: SECRET }) },
    );
    assert.deepEqual((await client.tags('app')).items, ['1']);
    const form = new URLSearchParams(server!.requests.find((r) => r.url === '/token')!.body);
    assert.deepEqual(
      [form.get('grant_type'), form.get('refresh_token'), form.get('service'), form.get('scope')],
      ['refresh_token', SECRET, 'fault', 'repository:app:pull'],
    );
    assert.ok(logs.length > 0 && logs.every((l) => !l.includes(SECRET)));
  });

  it('bearer: parallel calls share one token request', async () => {
    const client = await clientFor({
      '/v2/app/tags/list': bearerTags('shared'),
      '/token': slow(100, (_q, res) => json(res, 200, { token: 'shared', expires_in: 300 })),
    });
    const pages = await Promise.all(Array.from({ length: 5 }, () => client.tags('app')));
    assert.deepEqual(
      pages.map((p) => p.items),
      Array(5).fill(['1']),
    );
    assert.equal(server!.requests.filter((r) => r.url.startsWith('/token')).length, 1);
  });

  it('bearer: a token service refusing the credentials, or answering without a token', async () => {
    const challenge = bearerTags('never-issued');
    const client = await clientFor(
      {
        '/v2/app/tags/list': challenge,
        '/v2/other/tags/list': challenge,
        '/token': (req, res) =>
          req.url!.includes('other') ? json(res, 200, { nothing: true }) : echoAuth(401)(req, res, ''),
      },
      { credentials: async () => ({ kind: 'password', username: 'me', password: SECRET }) },
    );
    const refused = await failure(client.tags('app'));
    assert.ok(refused instanceof UnauthorizedError && refused.hadCredentials);
    const empty = await failure(client.tags('other'));
    assert.ok(empty instanceof MalformedResponseError);
    assert.equal(empty.message, `${server!.host} sent a malformed answer for a token: it holds no token.`);
  });
});
