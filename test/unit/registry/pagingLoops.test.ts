// Issue 14's sibling, defect 15: a Link header that does not advance made 10,591 requests in 10 s.
// A walk through a registry's pages now stops on a page already read, on a page with nothing new,
// and past its caps, and says so. Each server here answers 500 after a bounded number of requests,
// so that a client that does not stop fails at once instead of hanging the run.
import assert from 'node:assert/strict';
import { RegistryClient } from '../../../src/core/registry/client';
import { DockerHubRepositories } from '../../../src/core/registry/dockerHub';
import { MalformedResponseError } from '../../../src/core/registry/errors';
import { PageWalk } from '../../../src/core/registry/paging';
import { json, startFaultServer, type FaultServer, type Handler } from '../../support/faultServer';

const BUDGET = 60;

/** A tags/list or catalog answer from `page(n)` for the n-th request; 500 past the budget. */
function paged(
  field: 'tags' | 'repositories',
  page: (n: number, url: URL) => { items: string[]; link?: string },
): Handler {
  let n = 0;
  return (req, res) => {
    if (++n > BUDGET) return json(res, 500, { errors: [{ code: 'TOO_MANY' }] });
    const { items, link } = page(n, new URL(req.url!, 'http://x'));
    json(res, 200, { [field]: items }, link ? { Link: link } : {});
  };
}

describe('paging that does not advance, and the caps of a walk (unit)', function () {
  this.timeout(10_000);
  const servers: FaultServer[] = [];
  const logs: string[] = [];

  async function serve(routes: Record<string, Handler>): Promise<FaultServer> {
    const server = await startFaultServer(routes);
    servers.push(server);
    return server;
  }
  async function clientFor(
    routes: Record<string, Handler>,
    options: { maxPages?: number; maxEntries?: number } = {},
  ): Promise<[RegistryClient, FaultServer]> {
    const server = await serve(routes);
    return [
      new RegistryClient(server.host, { retries: 0, timeoutMs: 2000, log: (l) => logs.push(l), ...options }),
      server,
    ];
  }

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    logs.length = 0;
  });

  it('stops on a Link that names the page just read, at the second request', async () => {
    const [client, server] = await clientFor({
      '/v2/app/tags/list': paged('tags', () => ({
        items: ['a'],
        link: '</v2/app/tags/list?last=a&n=1000>; rel="next"',
      })),
    });
    assert.deepEqual(await client.allTags('app'), ['a']);
    assert.equal(server.requests.length, 2, 'the first page, then the one that repeats');
    assert.ok(
      logs.some((l) =>
        l.endsWith('Only part of repository app is listed: the registry pointed back to a page already read.'),
      ),
    );
    const walked = await client.walkTags('app');
    assert.deepEqual(walked, {
      items: ['a'],
      truncated: 'Only part of repository app is listed: the registry pointed back to a page already read.',
    });
  });

  it('stops on a Link going round (a → b → a) and on `last=` (back to the first page)', async () => {
    const [client, server] = await clientFor({
      '/v2/round/tags/list': paged('tags', (_n, url) =>
        url.searchParams.get('last') === 'a'
          ? { items: ['b'], link: '</v2/round/tags/list?last=b>; rel="next"' }
          : { items: ['a'], link: '</v2/round/tags/list?last=a>; rel="next"' },
      ),
      '/v2/empty/tags/list': paged('tags', () => ({
        items: ['a'],
        link: '</v2/empty/tags/list?last=&n=1000>; rel="next"',
      })),
    });
    assert.deepEqual(await client.walkTags('round'), {
      items: ['a', 'b'],
      truncated: 'Only part of repository round is listed: the registry pointed back to a page already read.',
    });
    assert.deepEqual(await client.walkTags('empty'), {
      items: ['a'],
      truncated: 'Only part of repository empty is listed: the registry pointed back to a page already read.',
    });
    assert.ok(server.requests.length <= 4, `${server.requests.length} requests`);
  });

  it('stops on pages that bring nothing new, whatever their cursor', async () => {
    const [client, server] = await clientFor({
      '/v2/app/tags/list': paged('tags', (n) => ({
        items: ['same'],
        link: `</v2/app/tags/list?last=x${n}>; rel="next"`,
      })),
    });
    assert.deepEqual(await client.walkTags('app'), {
      items: ['same'],
      truncated: 'Only part of repository app is listed: a page of the registry brought no new entries.',
    });
    assert.equal(server.requests.length, 2);
  });

  it('stops after maxPages of a list that never ends, and at maxEntries or the limit', async () => {
    const endless: Handler = paged('tags', (n) => ({
      items: [`t${String(n).padStart(4, '0')}`],
      link: `</v2/app/tags/list?last=t${String(n).padStart(4, '0')}>; rel="next"`,
    }));
    const [client, server] = await clientFor({ '/v2/app/tags/list': endless }, { maxPages: 20 });
    const walked = await client.walkTags('app');
    assert.equal(walked.items.length, 20);
    assert.equal(walked.truncated, 'Only part of repository app is listed: the list goes on past 20 pages.');
    assert.equal(server.requests.length, 20);
    const [few] = await clientFor(
      {
        '/v2/app/tags/list': paged('tags', (_n, url) => {
          const n = Number(url.searchParams.get('last')?.slice(1) ?? 0) + 1;
          return { items: [`a${n}`, `b${n}`, `c${n}`], link: `</v2/app/tags/list?last=c${n}>; rel="next"` };
        }),
      },
      { maxEntries: 7 },
    );
    assert.deepEqual(await few.walkTags('app'), {
      items: ['a1', 'b1', 'c1', 'a2', 'b2', 'c2', 'a3'],
      truncated: 'Only part of repository app is listed: the list goes on past 7 entries.',
    });
    assert.deepEqual(await few.allTags('app', { limit: 2 }), ['a1', 'b1']);
  });

  it('a single page whose next is itself, or unusable, has no next and says why', async () => {
    const [client] = await clientFor({
      '/v2/_catalog': paged('repositories', () => ({
        items: ['a', 'b'],
        link: '</v2/_catalog?last=b&n=2>; rel="next"',
      })),
      '/v2/app/tags/list': paged('tags', () => ({
        items: ['1'],
        link: '</v2/app/tags/list?last=%0A%1B%5B31m&n=2>; rel="next"',
      })),
    });
    assert.deepEqual(await client.catalog({ pageSize: 2, cursor: 'b' }), {
      items: ['a', 'b'],
      truncated: 'Only part of the repository catalog is listed: the registry pointed back to a page already read.',
    });
    assert.deepEqual(await client.tags('app', { pageSize: 2 }), {
      items: ['1'],
      truncated: "Only part of repository app is listed: the registry's link to the next page is not usable.",
    });
  });

  it('walks a catalog the way "Load more" does, stopping where the registry goes round', async () => {
    const [client] = await clientFor({
      '/v2/_catalog': paged('repositories', (_n, url) =>
        url.searchParams.get('last') === 'b'
          ? { items: ['c'], link: '</v2/_catalog?last=>; rel="next"' }
          : { items: ['a', 'b'], link: '</v2/_catalog?last=b>; rel="next"' },
      ),
    });
    const walk = new PageWalk('the repository catalog');
    const first = walk.take(await client.catalog({ pageSize: 2 }), undefined);
    const second = walk.take(await client.catalog({ pageSize: 2, cursor: first.next }), first.next);
    assert.deepEqual(
      [first, second],
      [
        { items: ['a', 'b'], next: 'b' },
        {
          items: ['c'],
          truncated: 'Only part of the repository catalog is listed: the registry pointed back to a page already read.',
        },
      ],
    );
  });

  it('Docker Hub: a next page that is this page again, or on another host, is not followed', async () => {
    const other = await serve({});
    const hubRoutes: Record<string, Handler> = {
      '/v2/repositories/same/': (req, res) =>
        json(res, 200, { next: `${hubServer.url}${req.url}`, results: [{ name: 'a' }] }),
      '/v2/repositories/away/': (_q, res) =>
        json(res, 200, { next: `${other.url}/v2/repositories/away/?page=2`, results: [{ name: 'a' }] }),
    };
    const hubServer = await serve(hubRoutes);
    const hub = new DockerHubRepositories({ apiBase: hubServer.url });
    assert.deepEqual(await hub.list('same'), {
      items: ['same/a'],
      truncated: 'Only part of namespace same is listed: the registry pointed back to a page already read.',
    });
    assert.deepEqual(await hub.list('away'), {
      items: ['away/a'],
      truncated: "Only part of namespace away is listed: the registry's link to the next page is not usable.",
    });
    await assert.rejects(
      hub.list('away', { cursor: `${other.url}/v2/repositories/away/?page=2` }),
      MalformedResponseError,
    );
    await assert.rejects(hub.list('away', { cursor: 'not a url' }), MalformedResponseError);
    assert.equal(other.requests.length, 0, 'nothing was asked of the other host');
    assert.equal(hubServer.requests.length, 2);
  });
});
