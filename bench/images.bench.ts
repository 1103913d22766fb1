// Image layers, on the real engines (scripts/test-env/setup.sh): a large image is built once (a
// `dd` of BENCH_IMAGE_MB, 1024 by default, removed in the next RUN, so its bytes are all wasted),
// then each round times, in an order that rotates:
//  - plain `docker history` of the image, and the per-instruction sizes (readImageFacts with the
//    base image's ONBUILD, mapHistory: what the editor shows after a build);
//  - plain `docker image save` to /dev/null, the same read through a pipe by node and thrown away
//    (the floor for any reader here), and the wasted-bytes total (readImageArchive, the save read
//    as a stream, and attributeWaste);
//  - `dockwright image layers` end to end (dist/cli.js: both, and the text).
// Medians and ranges over BENCH_RUNS rounds (5 by default). Engines: Docker 20.10 (legacy save
// layout, plain tar layers) and buildx's dockerd 26 with the containerd store (OCI layout, gzip
// layers) when its variables are set. The images carry the label dockwright.bench=images and are
// removed at the end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { detectEngine, type Engine } from '../src/core/builds';
import { loadExeca } from '../src/core/builds/execa';
import { parseDockerfile } from '../src/core/dockerfile/model';
import { attributeWaste, formatBytes, mapHistory, readImageArchive, readImageFacts } from '../src/core/images';
import { loadTestEnvFile, testEnvFilePath } from '../scripts/lib/testEnvFile.cjs';
import { median, recordResults } from './support/results';
import { loadTestEnv } from './support/testEnv';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const IMAGE_MB = Number(process.env.BENCH_IMAGE_MB ?? 1024);
const CLI = path.resolve(__dirname, '..', 'dist/cli.js');
const DOCKERFILE = `FROM local/busybox:1
LABEL dockwright.bench=images
ENV APP=/app
WORKDIR /app
RUN dd if=/dev/zero of=/big bs=1M count=${IMAGE_MB}
RUN rm /big
RUN echo done > /app/done
CMD ["sh"]
`;

interface Target {
  name: string;
  engine: Engine;
  /** The engine's variables for plain commands and the CLI. */
  env: Record<string, string>;
  buildArgs: string[];
}

async function targets(): Promise<Target[]> {
  loadTestEnv();
  loadTestEnvFile({ file: path.join(path.dirname(testEnvFilePath()), 'buildx', 'env.sh') });
  const found: Target[] = [];
  const docker = process.env.DOCKER_BIN ?? '/usr/bin/docker';
  if (process.env.DOCKER_HOST) {
    const env = { DOCKER_HOST: process.env.DOCKER_HOST, DOCKER_BUILDKIT: '1' };
    const engine = await detectEngine({ engine: 'docker', dockerPath: docker, env });
    found.push({ name: 'Docker 20.10', engine, env, buildArgs: ['build', '--network=none'] });
  }
  const buildx = process.env.DOCKWRIGHT_BUILDX_DOCKER;
  if (buildx && process.env.DOCKWRIGHT_BUILDX_DOCKER_HOST) {
    const env = {
      DOCKER_HOST: process.env.DOCKWRIGHT_BUILDX_DOCKER_HOST,
      DOCKER_CONFIG: process.env.DOCKWRIGHT_BUILDX_DOCKER_CONFIG ?? '',
    };
    const engine = await detectEngine({ engine: 'docker', dockerPath: buildx, env });
    found.push({ name: 'buildx / dockerd 26 (containerd)', engine, env, buildArgs: ['buildx', 'build', '--load'] });
  }
  return found;
}

async function run(command: string, args: string[], env: Record<string, string>, discard = true): Promise<void> {
  const { execa } = await loadExeca();
  const stdout = discard ? 'ignore' : 'pipe';
  const r = await execa(command, args, { env, stdin: 'ignore', stdout, reject: false });
  if (r.exitCode !== 0)
    throw new Error(`${command} ${args.join(' ')}: exit ${r.exitCode} ${String(r.stderr).slice(-500)}`);
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

const summary = (values: number[]) => ({
  median: median(values),
  min: Math.min(...values),
  max: Math.max(...values),
});
const show = (label: string, values: number[]) => {
  const s = summary(values);
  console.log(`  ${label.padEnd(44)} ${s.median.toFixed(0).padStart(6)} ms  [${s.min.toFixed(0)}-${s.max.toFixed(0)}]`);
};

async function benchTarget(t: Target, dir: string): Promise<Record<string, unknown>> {
  const image = `dockwright-bench/images:${process.pid}`;
  const model = parseDockerfile(DOCKERFILE);
  await run(t.engine.command, [...t.buildArgs, '-q', '-t', image, dir], t.env);
  try {
    const jobs: Record<string, () => Promise<unknown>> = {
      'plain docker history': () => run(t.engine.command, ['history', image], t.env),
      'sizes per instruction (core)': async () => {
        const facts = await readImageFacts(t.engine, image, { baseImage: 'local/busybox:1' });
        const mapping = mapHistory(model, facts.history, { baseOnBuild: facts.baseOnBuild });
        if (!mapping.mapped) throw new Error(mapping.reason);
      },
      'plain docker image save > /dev/null': () => run(t.engine.command, ['image', 'save', image], t.env),
      'docker image save read by node, discarded': async () => {
        // the floor for any reader in this process: the pipe, and nothing done with the bytes
        const { execa } = await loadExeca();
        const child = execa(t.engine.command, ['image', 'save', image], { env: t.env, buffer: false, stdin: 'ignore' });
        for await (const chunk of child.stdout) void chunk;
        await child;
      },
      'wasted bytes total (core)': async () => {
        const waste = attributeWaste(await readImageArchive(t.engine, image));
        if (waste.total !== IMAGE_MB * 2 ** 20) throw new Error(`wasted ${waste.total}`);
      },
      'dockwright image layers (CLI, both)': () =>
        run('node', [CLI, 'image', 'layers', image, '--dockerfile', path.join(dir, 'Dockerfile')], {
          ...t.env,
          PATH: `${path.dirname(t.engine.command)}:${process.env.PATH}`,
        }),
    };
    const names = Object.keys(jobs);
    const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    for (let round = 0; round < RUNS; round++)
      for (let k = 0; k < names.length; k++) {
        const name = names[(k + round) % names.length];
        times[name].push(await timed(jobs[name]));
      }
    console.log(`${t.name}: an image of ${formatBytes(IMAGE_MB * 2 ** 20)} wasted, ${RUNS} rounds (median, range)`);
    for (const name of names) show(name, times[name]);
    return Object.fromEntries(names.map((n) => [n, summary(times[n])]));
  } finally {
    await run(t.engine.command, ['image', 'rm', '-f', image], t.env).catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const found = await targets().catch(() => []);
  if (!found.length) {
    console.log(`images: skipped, no engine: start the test environment with scripts/test-env/setup.sh (as root)`);
    if (process.env.CI === 'true') process.exitCode = 1;
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-bench-images-'));
  fs.writeFileSync(path.join(dir, 'Dockerfile'), DOCKERFILE);
  const results: Record<string, unknown> = { imageMiB: IMAGE_MB, runs: RUNS };
  try {
    for (const t of found) results[t.name] = await benchTarget(t, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  recordResults(results);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
