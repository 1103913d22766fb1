// Registry listing cost: one repository with 5,000 tags on the local registry (TEST_REGISTRY from
// the test set-up, 127.0.0.1:5000), pushed through the API as one small image and 5,000 tag PUTs
// of its manifest. Then, in the same run: time to the first page of tags (goal < 150 ms), time to
// list all (goal < 1 s) and the HTTP requests that took (goal ≤ 1 per 100 tags).
// Run alone: `npx tsx bench/registry.bench.ts` (`npm run bench` runs it with the others).
import { RegistryClient } from '../src/core/registry/client';
import { putManifest } from '../src/core/registry/push';
import { pushImage, tinyImage } from '../test/fixtures/registry/builders';
import { env } from '../test/integration/registry/testEnv';

const TAGS = Number(process.env.BENCH_TAGS ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const REPO = 'bench/many-tags';
const PARALLEL_PUTS = 16;
const GOALS = { firstPageMs: 150, allMs: 1000, requestsPer100: 1 };

/** A client whose fetch counts requests. */
function countingClient(host: string): { client: RegistryClient; requests: () => number } {
  let count = 0;
  const client = new RegistryClient(host, { fetch: (url, init) => (count++, fetch(url, init)) });
  return { client, requests: () => count };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

/** Pushes the image and PUTs every tag the repository lacks (all of them on a fresh registry). */
async function push(host: string): Promise<{ ms: number; puts: number }> {
  const client = new RegistryClient(host);
  const image = tinyImage('oci');
  const existing = new Set(await client.allTags(REPO).catch(() => []));
  const missing = Array.from({ length: TAGS }, (_, i) => `1.${Math.floor(i / 100)}.${i % 100}`).filter(
    (t) => !existing.has(t),
  );
  const [, ms] = await timed(async () => {
    await pushImage(client, REPO, image, 'seed');
    let next = 0;
    const worker = async () => {
      while (next < missing.length) await putManifest(client, REPO, missing[next++], image.mediaType, image.manifest);
    };
    await Promise.all(Array.from({ length: PARALLEL_PUTS }, worker));
  });
  return { ms, puts: missing.length };
}

async function main(): Promise<void> {
  const host = env.registry;
  const up =
    host &&
    (await fetch(`http://${host}/v2/`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    ));
  if (!up) {
    console.log(
      `registry: skipped, no registry at TEST_REGISTRY=${host ?? 'unset'}: start it with scripts/test-env/setup.sh (as root)`,
    );
    if (process.env.CI === 'true') process.exitCode = 1;
    return;
  }
  const pushed = await push(host);
  const firstPage: number[] = [];
  const all: number[] = [];
  let total = 0;
  let requests = 0;
  let pagedRequests = 0;
  for (let run = 0; run < RUNS; run++) {
    // A fresh client each time: nothing cached, as when the tree first opens the repository.
    const first = countingClient(host);
    const [page, pageMs] = await timed(() => first.client.tags(REPO, { pageSize: 100 }));
    if (page.items.length !== 100 || !page.next) throw new Error(`the first page has ${page.items.length} tags`);
    firstPage.push(pageMs);
    const whole = countingClient(host);
    const [tags, allMs] = await timed(() => whole.client.allTags(REPO));
    all.push(allMs);
    total = tags.length;
    requests = whole.requests();
    // "Load more" a hundred at a time to the end, as the tree does.
    let cursor: string | undefined = page.next;
    while (cursor) cursor = (await first.client.tags(REPO, { pageSize: 100, cursor })).next;
    pagedRequests = first.requests();
  }
  if (total < TAGS) throw new Error(`listed ${total} tags, expected at least ${TAGS}`);
  const per100 = (requests / total) * 100;
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log(
    `registry: ${host}/${REPO} with ${TAGS} tags of one manifest: ${pushed.puts} tag PUTs in ${(pushed.ms / 1000).toFixed(1)} s (${PARALLEL_PUTS} in parallel; tags already there are not pushed again)`,
  );
  console.log(
    `  first page of 100 tags: ${median(firstPage).toFixed(1)} ms median of ${RUNS}, fresh client; goal < ${GOALS.firstPageMs} ms: ${verdict(median(firstPage) < GOALS.firstPageMs)}`,
  );
  console.log(
    `  all ${total} tags: ${median(all).toFixed(1)} ms median of ${RUNS}; goal < ${GOALS.allMs} ms: ${verdict(median(all) < GOALS.allMs)}`,
  );
  console.log(
    `  HTTP requests to list all: ${requests} (${per100.toFixed(2)} per 100 tags); paging by 100 to the end: ${pagedRequests}; goal ≤ ${GOALS.requestsPer100} per 100 tags: ${verdict(per100 <= GOALS.requestsPer100 && (pagedRequests / total) * 100 <= GOALS.requestsPer100)}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
