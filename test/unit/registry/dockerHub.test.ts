import assert from 'node:assert/strict';
import { DockerHubRepositories } from '../../../src/core/registry/dockerHub';
import { MalformedResponseError, NotFoundError } from '../../../src/core/registry/errors';
import { json, startFaultServer, type FaultServer } from '../../support/faultServer';

/** Docker Hub's namespace listing answer, as https://hub.docker.com/v2/repositories/<ns>/ gives it. */
function hubPage(base: string, namespace: string, names: string[], page: number, last: boolean) {
  return {
    count: 3,
    next: last ? null : `${base}/v2/repositories/${namespace}/?page=${page + 1}&page_size=2`,
    previous: page > 1 ? `${base}/v2/repositories/${namespace}/?page=${page - 1}&page_size=2` : null,
    results: names.map((name) => ({
      name,
      namespace,
      repository_type: 'image',
      is_private: false,
      star_count: 1,
      pull_count: 10,
      last_updated: '2024-01-01T00:00:00Z',
    })),
  };
}

describe('Docker Hub namespace listing (unit, local server in place of hub.docker.com)', () => {
  let server: FaultServer;
  afterEach(() => server.close());

  it('lists a namespace page by page through its `next` links', async () => {
    server = await startFaultServer({
      '/v2/repositories/acme/': (req, res) => {
        const page = Number(new URL(req.url!, 'http://x').searchParams.get('page') ?? 1);
        json(
          res,
          200,
          page === 1
            ? hubPage(server.url, 'acme', ['api', 'web'], 1, false)
            : hubPage(server.url, 'acme', ['worker'], 2, true),
        );
      },
    });
    const hub = new DockerHubRepositories({ apiBase: server.url });
    const first = await hub.list('acme', { pageSize: 2 });
    assert.deepEqual(first.items, ['acme/api', 'acme/web']);
    assert.equal(new URL(server.requests[0].url, 'http://x').searchParams.get('page_size'), '2');
    assert.deepEqual(await hub.list('acme', { cursor: first.next }), { items: ['acme/worker'] });
  });

  it('a namespace that does not exist, a broken answer, a bad name', async () => {
    server = await startFaultServer({ '/v2/repositories/broken/': (_q, res) => json(res, 200, { results: 'x' }) });
    const hub = new DockerHubRepositories({ apiBase: server.url });
    await assert.rejects(
      hub.list('nobody'),
      (e: Error) => e instanceof NotFoundError && e.message === 'docker.io has no namespace nobody.',
    );
    await assert.rejects(hub.list('broken'), MalformedResponseError);
    await assert.rejects(hub.list('Not/A/Namespace'), /is not a Docker Hub namespace/);
  });
});
