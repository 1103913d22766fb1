import assert from 'node:assert/strict';
import { RegistryClient } from '../../../src/core/registry/client';
import type { Page } from '../../../src/core/registry/paging';
import { putManifest } from '../../../src/core/registry/push';
import { pushImage, tinyImage } from '../../fixtures/registry/builders';
import { enginePush, requireEngine } from './engine';
import { requireRegistry, uniqueRepo } from './testEnv';

/** Follows continuation tokens to the end, checking each page's size. */
async function walk(next: (cursor?: string) => Promise<Page<string>>, pageSize: number): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await next(cursor);
    assert.ok(page.items.length <= pageSize, `page of ${page.items.length} > ${pageSize}`);
    pages.push(page.items);
    cursor = page.next;
    assert.ok(pages.length < 1000, 'the cursor never ends');
  } while (cursor !== undefined);
  return pages;
}

describe('registry catalog and tag paging (integration)', function () {
  this.timeout(120_000);
  let host: string;
  let requests: string[];
  let client: RegistryClient;
  const repo = uniqueRepo('it/paging');
  const tags = ['1.0', '1.1', '2.0', '2.0-slim', '10.0', 'latest', 'edge'];

  before(async function () {
    host = await requireRegistry(this, 'TEST_REGISTRY');
    requests = [];
    client = new RegistryClient(host, {
      fetch: (url, init) => {
        requests.push(`${init?.method ?? 'GET'} ${url}`);
        return fetch(url, init);
      },
    });
    const image = tinyImage('oci');
    await pushImage(client, repo, image, tags[0]);
    for (const tag of tags.slice(1)) await putManifest(client, repo, tag, image.mediaType, image.manifest);
  });

  it('pages the catalog with n, last and the Link header', async function () {
    await requireEngine(this);
    for (const name of ['a', 'b', 'c']) await enginePush(`${host}/${repo}-cat-${name}:1`);
    // The registries keep every earlier run's repositories: compare the first pages with the start
    // of the whole catalog, and start a page just before this run's three.
    const whole = (await walk((cursor) => client.catalog({ pageSize: 1000, cursor }), 1000)).flat();
    requests.length = 0;
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await client.catalog({ pageSize: 2, cursor });
      assert.ok(page.items.length <= 2);
      pages.push(page.items);
      cursor = page.next;
    } while (cursor !== undefined && pages.length < 3);
    assert.deepEqual(pages.flat(), whole.slice(0, pages.flat().length));
    assert.ok(pages.length >= 2, 'more than one page');
    assert.ok(
      requests.some((r) => r.includes('_catalog?n=2&last=')),
      `followed Link with last: ${requests.join(', ')}`,
    );
    const ours = await client.catalog({ pageSize: 3, cursor: `${repo}-cat-` });
    assert.deepEqual(
      ours.items,
      ['a', 'b', 'c'].map((name) => `${repo}-cat-${name}`),
    );
  });

  it('pages tags although registry 2.8 ignores n: lexical pages from one request', async () => {
    requests.length = 0;
    const pages = await walk((cursor) => client.tags(repo, { pageSize: 3, cursor }), 3);
    assert.deepEqual(pages, [['1.0', '1.1', '10.0'], ['2.0', '2.0-slim', 'edge'], ['latest']]);
    assert.equal(requests.length, 1, `later pages come from the kept answer: ${requests.join(', ')}`);
  });

  it('pages tags correctly after the kept answer expired', async () => {
    let now = Date.now();
    const fresh = new RegistryClient(host, { now: () => now });
    const first = await fresh.tags(repo, { pageSize: 4 });
    now += 10 * 60_000;
    const second = await fresh.tags(repo, { pageSize: 4, cursor: first.next });
    assert.deepEqual(
      [first.items, second.items, second.next],
      [['1.0', '1.1', '10.0', '2.0'], ['2.0-slim', 'edge', 'latest'], undefined],
    );
  });

  it('lists every tag at once', async () => {
    assert.deepEqual((await client.allTags(repo)).sort(), [...tags].sort());
  });
});
