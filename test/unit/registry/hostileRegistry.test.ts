// Issue 13: the client driven through every bad shape of a hostile registry (test/support/
// hostileRegistry.ts). For each: nothing hangs (every call has a bound far above what it needs),
// nothing that is not a tag, repository name or digest of Docker's grammar comes out of the client's
// public methods (nor any control, bidi or line-separator character, in results, errors or logs),
// nothing reaches another host, and the text the view writes (pull commands, FROM lines, digests)
// is refused for every hostile name.
import assert from 'node:assert/strict';
import { isDigest, isRepositoryPath, isTag } from '../../../src/core/dockerfile/imageRef';
import { RegistryClient, type RegistryClientOptions } from '../../../src/core/registry/client';
import { DockerHubRepositories } from '../../../src/core/registry/dockerHub';
import {
  AbortedError,
  InvalidNameError,
  MalformedResponseError,
  RegistryError,
  ResponseTooLargeError,
  TimeoutError,
} from '../../../src/core/registry/errors';
import { PageWalk } from '../../../src/core/registry/paging';
import { checkedDigest, fromLine, imageReference, pullCommand } from '../../../src/core/registry/reference';
import { RegistryImageResolver } from '../../../src/core/registry/resolver';
import {
  GOOD_REPOSITORIES,
  GOOD_TAGS,
  HOSTILE_DIGEST_HEADER,
  HOSTILE_REPOSITORIES,
  HOSTILE_TAGS,
  startHostileRegistry,
  type HostileRegistry,
} from '../../support/hostileRegistry';
import { until as untilMs, within as withinMs } from '../../support/waits';

/** Far more than any call here needs; a call still pending then has hung. */
const BOUND_MS = 5000;
const within = <T>(promise: Promise<T>, ms = BOUND_MS) => withinMs(promise, ms);
const until = (what: string, check: () => boolean, ms = BOUND_MS) => untilMs(what, check, ms);

/** A character no name, message or log line may carry: C0/C1 controls, line separators, bidi controls. */
function unsafe(text: string): boolean {
  return [...text].some((c) => {
    const n = c.codePointAt(0)!;
    return n < 0x20 || (n >= 0x7f && n <= 0x9f) || (n >= 0x2028 && n <= 0x202e) || (n >= 0x2066 && n <= 0x2069);
  });
}

/** Every string in a value (results, errors), at any depth. */
function assertClean(value: unknown, where = 'value'): void {
  if (typeof value === 'string')
    assert.ok(!unsafe(value), `${where} carries a control character: ${JSON.stringify(value)}`);
  else if (value instanceof Uint8Array)
    return; // manifest bytes: hashed, never shown
  else if (Array.isArray(value)) value.forEach((v, i) => assertClean(v, `${where}[${i}]`));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) assertClean(v, `${where}.${k}`);
}

describe('the registry client against a hostile registry (unit, 127.0.0.1)', function () {
  this.timeout(30_000);
  let registry: HostileRegistry;
  const logs: string[] = [];
  const client = (options: RegistryClientOptions = {}) =>
    new RegistryClient(registry.host, {
      retries: 0,
      timeoutMs: 3000,
      maxPages: 50,
      log: (l) => logs.push(l),
      ...options,
    });

  /** The call's typed error, checked clean. */
  async function failure(promise: Promise<unknown>): Promise<RegistryError> {
    const error = await within(
      promise.then(
        () => undefined,
        (e: unknown) => e,
      ),
    );
    assert.ok(error instanceof RegistryError, `expected a RegistryError, got ${String(error)}`);
    assert.ok(!unsafe(error.message), error.message);
    assertClean({ ...error }, 'the error');
    return error;
  }

  before(async () => {
    registry = await startHostileRegistry();
  });
  after(() => registry.close());
  afterEach(() => {
    for (const line of logs)
      assert.ok(
        !unsafe(line) && !HOSTILE_TAGS.some((t) => t.length > 3 && line.includes(t)),
        `log line shows what it left out: ${JSON.stringify(line)}`,
      );
    logs.length = 0;
  });

  it('tags and repository names: only those of the grammar come out, once', async () => {
    const c = client();
    const tags = await within(c.tags('bad-tags'));
    assert.deepEqual(tags, { items: [...GOOD_TAGS].sort() });
    assert.deepEqual((await within(c.allTags('bad-tags'))).sort(), [...GOOD_TAGS].sort());
    const catalog = await within(c.catalog());
    assert.deepEqual(catalog.items, [...GOOD_REPOSITORIES].sort());
    assert.ok(tags.items.every(isTag) && catalog.items.every(isRepositoryPath));
    assertClean([tags, catalog]);
    assert.ok(
      logs.some((l) => l.includes(`left out ${HOSTILE_TAGS.length} of`)) &&
        logs.some((l) => l.includes(`left out ${HOSTILE_REPOSITORIES.length} of`)),
    );
  });

  it('digests: one that is no digest, or not of the bytes, is refused, and nothing is deleted by it', async () => {
    const c = client();
    for (const call of [
      c.headManifest('app', 'bad-digest'),
      c.getManifest('app', 'bad-digest'),
      c.describe('app', 'bad-digest'),
      c.deleteTag('app', 'bad-digest'),
      c.getManifest('app', 'lying'),
      c.describe('app', 'lying'),
    ]) {
      assert.ok((await failure(call)) instanceof MalformedResponseError);
    }
    assert.ok(registry.requests.every((r) => r.method !== 'DELETE'));
    // A HEAD cannot be checked against bytes: a lying digest of the grammar passes, with nothing else of it.
    const head = await within(c.headManifest('app', 'lying'));
    assert.ok(isDigest(head.digest) && head.mediaType === '');
  });

  it('manifests and configs: free fields with escapes are left out; bad or huge indexes are refused', async () => {
    const c = client();
    const index = await within(c.describe('app', 'index'));
    assert.ok(index.kind === 'index' && index.platforms.every((p) => isDigest(p.digest)));
    assert.deepEqual(
      index.platforms.map((p) => p.platform),
      [undefined, { os: 'linux', architecture: 'arm64' }],
    );
    const image = await within(c.describe('app', 'image'));
    assert.ok(
      image.kind === 'image' &&
        image.os === undefined &&
        image.architecture === undefined &&
        image.created === undefined,
    );
    const platforms = await within(c.describePlatforms('app', 'index'));
    assert.equal(platforms.length, 2);
    assertClean([index, image, platforms, await within(c.getManifest('app', 'image'))]);
    assert.match(
      (await failure(c.getManifest('app', 'bad-entry'))).message,
      /an entry of the index is not a descriptor/,
    );
    assert.match((await failure(c.getManifest('app', 'huge-index'))).message, /the index has more than 1000 entries/);
  });

  it('paging that stands still, goes round, brings nothing new or never ends: every walk ends, and says so', async () => {
    const c = client();
    const before = registry.requests.length;
    for (const repository of ['stuck', 'round', 'stale', 'endless']) {
      const walked = await within(c.walkTags(repository));
      assert.ok(
        walked.truncated?.startsWith(`Only part of repository ${repository} is listed: `),
        `${repository}: ${walked.truncated}`,
      );
      assert.ok(walked.items.every(isTag));
      assertClean(walked);
    }
    const asked = registry.requests.length - before;
    assert.ok(asked <= 2 + 3 + 2 + 50, `${asked} requests`);
  });

  it('a Link to another host: only its `last` is used, on the registry itself', async () => {
    const c = client();
    assert.deepEqual(await within(c.allTags('away')), ['a', 'b', 'c']);
    assert.deepEqual(
      registry.other.requests.filter((r) => r.url.includes('/away/')),
      [],
    );
    assert.ok(registry.requests.some((r) => r.url === '/v2/away/tags/list?n=1000&last=b'));
  });

  it('a redirect to another host: followed without the credentials, and what comes back is checked', async () => {
    const c = client({ credentials: async () => ({ kind: 'password', username: 'me', password: 'hunter2' }) });
    assert.deepEqual(await within(c.tags('redirected')), { items: ['from-other'] });
    const there = registry.other.requests.filter((r) => r.url.startsWith('/v2/redirected/'));
    assert.equal(there.length, 1);
    assert.equal(there[0].headers.authorization, undefined, 'no credentials to another host');
  });

  it('bodies past the cap, declared or streamed: refused at the cap, the connection dropped', async () => {
    const c = client();
    for (const repository of ['declared-huge', 'streamed-huge']) {
      const error = await failure(c.tags(repository));
      assert.ok(error instanceof ResponseTooLargeError);
      assert.equal(
        error.message,
        `${registry.host} sent more than 8388608 bytes for repository ${repository}: refused.`,
      );
      await until(`${repository}: the client hung up`, () => registry.hungUp.includes(`/v2/${repository}/tags/list`));
    }
  });

  it('answers that never start, or trickle: the timeout ends them, and so does the caller', async () => {
    const quick = client({ timeoutMs: 500 });
    for (const repository of ['silent', 'loris']) {
      const started = Date.now();
      assert.ok((await failure(quick.tags(repository))) instanceof TimeoutError);
      assert.ok(Date.now() - started < 500 + 1000, `${repository} took ${Date.now() - started} ms`);
    }
    const patient = client({ timeoutMs: 60_000 });
    for (const repository of ['silent', 'loris']) {
      const controller = new AbortController();
      const asking = failure(patient.walkTags(repository, { signal: controller.signal }));
      await until(
        'the request arrived',
        () => registry.requests.filter((r) => r.url.startsWith(`/v2/${repository}/`)).length >= 2,
      );
      controller.abort();
      assert.ok((await within(asking, 1000)) instanceof AbortedError);
    }
  });

  it('a token that would add a header of its own is refused', async () => {
    const error = await failure(client().tags('tokened'));
    assert.ok(error instanceof MalformedResponseError);
    assert.match(error.message, /its token has characters a header cannot carry/);
  });

  it('Docker Hub: bad names left out; a next page that loops or leaves Hub is not followed', async () => {
    const hub = new DockerHubRepositories({
      apiBase: registry.url,
      retries: 0,
      timeoutMs: 3000,
      log: (l) => logs.push(l),
    });
    const walk = new PageWalk('namespace acme');
    const first = walk.take(await within(hub.list('acme')), undefined);
    const second = walk.take(await within(hub.list('acme', { cursor: first.next })), first.next);
    assert.deepEqual(first.items, ['acme/api']);
    assert.equal(second.next, undefined);
    assert.match(second.truncated ?? '', /^Only part of namespace acme is listed: /);
    for (const namespace of ['loop', 'away']) {
      const page = await within(hub.list(namespace));
      assert.equal(page.next, undefined);
      assert.match(page.truncated ?? '', new RegExp(`^Only part of namespace ${namespace} is listed: `));
    }
    assert.deepEqual(
      registry.other.requests.filter((r) => r.url.includes('/repositories/')),
      [],
    );
  });

  it('the pin fixes get nothing unvalidated through the resolver', async () => {
    const c = client();
    const resolver = new RegistryImageResolver({ clientFor: () => c });
    assert.deepEqual((await within(resolver.listTags(`${registry.host}/bad-tags`))).sort(), [...GOOD_TAGS].sort());
    assert.equal(await within(resolver.digest(`${registry.host}/app:bad-digest`)), undefined);
    assert.deepEqual(await within(resolver.listTags(`${registry.host}/stuck`)), ['a']);
  });

  it('the text the view writes: one clean line from what came out, and a refusal for every hostile name', async () => {
    const c = client();
    const tags = (await within(c.tags('bad-tags'))).items;
    for (const tag of tags) {
      for (const text of [
        pullCommand({ registry: registry.host, repository: 'bad-tags', tag }),
        fromLine({ registry: registry.host, repository: 'bad-tags', tag }),
      ]) {
        assert.match(text, /^(docker pull|FROM) \S+$/);
      }
    }
    for (const tag of HOSTILE_TAGS) {
      for (const build of [pullCommand, fromLine, imageReference]) {
        assert.throws(
          () => build({ registry: registry.host, repository: 'app', tag }),
          (e: Error) => e instanceof InvalidNameError && !unsafe(e.message),
        );
      }
    }
    for (const repository of HOSTILE_REPOSITORIES) {
      assert.throws(
        () => fromLine({ registry: registry.host, repository, tag: '1.0' }),
        (e: Error) => e instanceof InvalidNameError && !unsafe(e.message),
      );
    }
    assert.throws(() => checkedDigest(registry.host, HOSTILE_DIGEST_HEADER), InvalidNameError);
    assert.throws(
      () => pullCommand({ registry: `${registry.host}\nRUN id`, repository: 'app', tag: '1' }),
      InvalidNameError,
    );
  });
});
