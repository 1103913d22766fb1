import assert from 'node:assert/strict';
import { RegistryClients } from '../../../src/core/registry/pool';
import { RegistryImageResolver } from '../../../src/core/registry/resolver';
import { json, startFaultServer, type FaultServer } from '../../support/faultServer';

describe('the ImageResolver for the pin fixes (unit, local server)', function () {
  this.timeout(10_000);
  let server: FaultServer;
  let now = 0;
  let resolver: RegistryImageResolver;
  const logs: string[] = [];
  const INDEX = `sha256:${'1'.repeat(64)}`;

  beforeEach(async () => {
    server = await startFaultServer({
      '/v2/team/node/tags/list': (_q, res) =>
        json(res, 200, { name: 'team/node', tags: ['18-slim', 'latest', '20.11-slim', '20-slim', '20', '18'] }),
      'HEAD /v2/team/node/manifests/20': (_q, res) => {
        res.writeHead(200, {
          'Docker-Content-Digest': INDEX,
          'Content-Type': 'application/vnd.oci.image.index.v1+json',
        });
        res.end();
      },
      '/v2/private/app/tags/list': (_q, res) => json(res, 401, {}, { 'WWW-Authenticate': 'Basic realm="r"' }),
    });
    now = 1_000_000;
    logs.length = 0;
    const clients = new RegistryClients({ retries: 0, timeoutMs: 2000 });
    resolver = new RegistryImageResolver({
      clientFor: (r) => clients.get(r),
      now: () => now,
      ttlMs: 60_000,
      failureTtlMs: 5_000,
      log: (l) => logs.push(l),
    });
  });

  afterEach(() => server.close());

  it('lists tags newest first and caches the answer for its TTL', async () => {
    const want = ['20.11-slim', '20', '20-slim', '18', '18-slim', 'latest'];
    assert.deepEqual(await resolver.listTags(`${server.host}/team/node`), want);
    assert.deepEqual(await resolver.listTags(`${server.host}/team/node:20`), want, 'the tag is ignored');
    assert.equal(server.requests.length, 1);
    now += 61_000;
    await resolver.listTags(`${server.host}/team/node`);
    assert.equal(server.requests.length, 2);
  });

  it("gives a tag's digest from HEAD (the index digest), and a written digest as it is", async () => {
    assert.equal(await resolver.digest(`${server.host}/team/node:20`), INDEX);
    assert.equal(await resolver.digest(`${server.host}/team/node@sha256:abc`), 'sha256:abc');
    assert.equal(server.requests.filter((r) => r.method === 'HEAD').length, 1);
  });

  it('resolves to nothing, without throwing, with no credentials, an unknown tag or no network', async () => {
    assert.deepEqual(await resolver.listTags(`${server.host}/private/app`), []);
    assert.equal(await resolver.digest(`${server.host}/team/node:nope`), undefined);
    assert.deepEqual(await resolver.listTags('${REGISTRY}/app'), [], 'variables are not resolved');
    const host = server.host;
    await server.close();
    assert.deepEqual(await resolver.listTags(`${host}/offline/app`), []);
    assert.equal(await resolver.digest(`${host}/offline/app:1`), undefined);
    assert.equal(logs.length, 4);
    assert.match(logs[3], /Cannot reach .*connection refused/);
  });

  it('says why a look-up came back empty, while it remembers the failure', async () => {
    const host = server.host;
    await resolver.digest(`${host}/team/node:20`);
    assert.equal(resolver.failure(`${host}/team/node:20`), undefined, 'an answer is no failure');
    await server.close();
    await resolver.digest(`${host}/offline/app:1`);
    assert.match(resolver.failure(`${host}/offline/app:1`) ?? '', /^Cannot reach .*connection refused/);
    await resolver.listTags(`${host}/offline/other`);
    assert.match(
      resolver.failure(`${host}/offline/other`) ?? '',
      /^Cannot reach /,
      'the tags of an image without a tag',
    );
    now += 6_000;
    assert.equal(resolver.failure(`${host}/offline/app:1`), undefined, 'forgotten with the failure');
  });

  it('remembers a failure briefly, and not a cancelled call', async () => {
    await resolver.listTags(`${server.host}/private/app`);
    await resolver.listTags(`${server.host}/private/app`);
    assert.equal(server.requests.length, 1, 'the failure is remembered');
    now += 6_000;
    await resolver.listTags(`${server.host}/private/app`);
    assert.equal(server.requests.length, 2);
    const controller = new AbortController();
    controller.abort();
    assert.deepEqual(await resolver.listTags(`${server.host}/team/node`, controller.signal), []);
    assert.equal(
      (await resolver.listTags(`${server.host}/team/node`)).length,
      6,
      'the cancelled call left nothing behind',
    );
  });
});
