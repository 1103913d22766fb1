import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { DOCKER, exec } from '../builds/support';
import { buildCli } from '../../unit/cli/support';
import { context, ENGINES, imageLayers, type TestEngine } from './support';

// `dockwright image layers` on images built here with known layer sizes, on each engine of the test
// environment: Docker 20.10, buildx 0.13 on dockerd 26 (containerd store) and podman 4.3.
// Sizes are each engine's own: exact file bytes (overlay2), 4 KiB blocks (containerd snapshots),
// 512-byte tar blocks (podman); within SLACK of the bytes written. Wasted bytes are exact.

const KiB = 1024;
const MiB = 1024 * KiB;
const SLACK = 64 * KiB;
const DATA = randomBytes(64 * KiB);

const KNOWN_SIZES = `FROM local/busybox:1 AS build
RUN echo built > /artifact

FROM local/busybox:1
COPY data.bin /data.bin
RUN dd if=/dev/zero of=/big bs=1M count=3
RUN rm /big
RUN mkdir -p /var/lib/apt/lists && dd if=/dev/zero of=/var/lib/apt/lists/a bs=1k count=100 && \\
    dd if=/dev/zero of=/var/lib/apt/lists/b bs=1k count=100
RUN rm -rf /var/lib/apt/lists/*
COPY --from=build /artifact /artifact
ENV X=1
`;

interface Json {
  total: number;
  base?: { line: number; size: number };
  instructions?: { line: number; keyword: string; size: number; layer: boolean | null }[];
  unmapped?: string;
  history: unknown[];
  wasted?: {
    total: number;
    entries: {
      path: string;
      bytes: number;
      files: number;
      addedBy: { line?: number };
      hiddenBy: { line?: number };
      rule?: string;
    }[];
  };
}

function within(actual: number | undefined, bytes: number, what: string): void {
  assert.ok(
    actual !== undefined && actual >= bytes && actual <= bytes + SLACK,
    `${what}: ${actual} is not ${bytes} (+${SLACK})`,
  );
}

function describeEngine(engine: TestEngine) {
  describe(`dockwright image layers on ${engine.name} (integration)`, function () {
    this.timeout(600_000);
    const tags: string[] = [];
    const dirs: string[] = [];
    const tag = (name: string) => (tags.push(engine.tag(name)), engine.tag(name));
    const ctx = (files: Record<string, string | Buffer>) => (dirs.push(context(files)), dirs[dirs.length - 1]);

    before(async function () {
      await engine.require(this);
      await buildCli();
    });
    after(async () => {
      if (tags.length) await engine.remove(...tags);
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('puts each layer size on its line and finds the wasted bytes with the lines that added and hid them', async () => {
      const dir = ctx({ Dockerfile: KNOWN_SIZES, 'data.bin': DATA });
      const image = tag('known');
      await engine.build(dir, image);
      const run = await imageLayers(engine, [image, '--dockerfile', 'Dockerfile', '--format', 'json'], dir);
      assert.equal(run.exitCode, 0, run.stderr);
      const json = JSON.parse(run.stdout) as Json;
      assert.equal(json.unmapped, undefined);
      const at = (line: number) => json.instructions!.find((i) => i.line === line);
      assert.equal(json.base?.line, 4);
      assert.ok(json.base!.size > 1_000_000, `base ${json.base!.size}`);
      within(at(5)?.size, DATA.length, 'COPY data.bin');
      within(at(6)?.size, 3 * MiB, 'RUN dd 3 MiB');
      within(at(7)?.size, 0, 'RUN rm');
      within(at(8)?.size, 200 * KiB, 'RUN dd 2 × 100 KiB');
      within(at(11)?.size, 6, 'COPY --from');
      assert.deepEqual([at(12)?.keyword, at(12)?.size, at(12)?.layer], ['ENV', 0, false]);
      assert.deepEqual(
        json.wasted?.entries.map((e) => [e.path, e.bytes, e.files, e.addedBy.line, e.hiddenBy.line, e.rule]),
        [
          ['/big', 3 * MiB, 1, 6, 7, 'prefer-multi-stage'],
          ['/var/lib/apt/lists/', 200 * KiB, 2, 8, 10, 'apt-lists-cleanup'],
        ],
      );
      assert.equal(json.wasted?.total, 3 * MiB + 200 * KiB);

      const text = await imageLayers(engine, [image, '--dockerfile', 'Dockerfile'], dir);
      assert.match(text.stdout, /^ {5}6 {5}\+3\.[12] MB {2}RUN dd if=\/dev\/zero of=\/big bs=1M count=3$/m);
      assert.match(text.stdout, /^ {4}12 {4}no layer {2}ENV X=1$/m);
      assert.match(
        text.stdout,
        /3\.1 MB {2}\/big \(1 file\): added by line 6, removed by line 7 {2}\[prefer-multi-stage\]/,
      );
    });

    it('exits 1 over a budget, with a line saying which', async () => {
      const dir = ctx({ Dockerfile: KNOWN_SIZES, 'data.bin': DATA });
      const image = tag('known');
      await engine.build(dir, image);
      const cases: [string[], number, RegExp | undefined][] = [
        [['--max-size', '100MB', '--max-wasted', '4MiB'], 0, undefined],
        [['--max-size', '1MB'], 1, /layers add up to \d\.\d MB, over --max-size 1\.0 MB/],
        [['--max-wasted', '3MiB'], 1, /wasted bytes add up to 3\.4 MB, over --max-wasted 3\.1 MB/],
      ];
      for (const [budget, exitCode, message] of cases) {
        const run = await imageLayers(engine, [image, ...budget], dir);
        assert.equal(run.exitCode, exitCode, `${budget.join(' ')}: ${run.stderr}`);
        if (message) assert.match(run.stderr, message);
        else assert.equal(run.stderr, '');
      }
    });

    it('maps a --target stage, not the last one', async () => {
      const dir = ctx({ Dockerfile: KNOWN_SIZES, 'data.bin': DATA });
      const image = tag('target');
      await engine.build(dir, image, '--target', 'build');
      const run = await imageLayers(
        engine,
        [image, '--dockerfile', 'Dockerfile', '--target', 'build', '--format', 'json'],
        dir,
      );
      assert.equal(run.exitCode, 0, run.stderr);
      const json = JSON.parse(run.stdout) as Json;
      assert.equal(json.unmapped, undefined, run.stderr);
      assert.deepEqual(
        json.instructions?.map((i) => [i.line, i.keyword]),
        [[2, 'RUN']],
      );
      assert.equal(json.base?.line, 1);
      // the same image against the last stage does not match, and says so rather than guess
      const wrong = await imageLayers(engine, [image, '--dockerfile', 'Dockerfile'], dir);
      assert.equal(wrong.exitCode, 0);
      assert.match(wrong.stderr, /the sizes are not shown by line: history entry \d+ of \d+ .* is not line \d+'s/);
      assert.match(wrong.stdout, /^ {4}#2 /m);
    });

    it('says in one line that an image is not there, and exits 2', async () => {
      const run = await imageLayers(engine, [engine.tag('no-such-image')], context({}));
      assert.equal(run.exitCode, 2);
      assert.match(
        run.stderr,
        /^dockwright: no image '.*no-such-image.*' in the (Docker|podman) engine's local store$/,
      );
      assert.equal(run.stdout, '');
    });
  });
}

for (const engine of ENGINES) describeEngine(engine);

describe('dockwright image layers on buildx: COPY --link and heredocs (integration)', function () {
  this.timeout(300_000);
  const engine = ENGINES.find((e) => e.name === 'buildx')!;
  const image = engine.tag('buildkit-syntax');
  let dir: string;
  before(async function () {
    await engine.require(this);
    await buildCli();
  });
  after(async () => {
    await engine.remove(image);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('maps COPY --link, RUN <<EOF and COPY <<EOF to their lines', async () => {
    dir = context({
      Dockerfile: `FROM local/busybox:1
COPY --link data.bin /linked.bin
RUN <<EOF
dd if=/dev/zero of=/h bs=1k count=512
EOF
COPY <<EOF /note
hello
EOF
`,
      'data.bin': DATA,
    });
    await engine.build(dir, image);
    const run = await imageLayers(engine, [image, '--dockerfile', 'Dockerfile', '--format', 'json'], dir);
    assert.equal(run.exitCode, 0, run.stderr);
    const json = JSON.parse(run.stdout) as Json;
    assert.equal(json.unmapped, undefined, run.stderr);
    const at = (line: number) => json.instructions!.find((i) => i.line === line)?.size;
    assert.deepEqual(
      json.instructions?.map((i) => [i.line, i.keyword]),
      [
        [2, 'COPY'],
        [3, 'RUN'],
        [6, 'COPY'],
      ],
    );
    within(at(2), DATA.length, 'COPY --link');
    within(at(3), 512 * KiB, 'RUN <<EOF');
    within(at(6), 0, 'COPY <<EOF');
  });
});

describe('dockwright image layers on hard input (integration)', function () {
  this.timeout(900_000);
  const engine = ENGINES.find((e) => e.name === 'docker20')!;
  const dirs: string[] = [];
  const tags: string[] = [];
  before(async function () {
    await engine.require(this);
    await buildCli();
  });
  after(async () => {
    if (tags.length) await engine.remove(...tags);
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('says that an engine does not answer (DOCKER_HOST at a dead socket), quickly, and exits 2', async () => {
    const dead = {
      ...engine,
      cli: () => ({
        ...engine.cli(),
        env: { ...engine.cli().env, DOCKER_HOST: 'unix:///tmp/dockwright-no-engine.sock' },
      }),
    };
    const run = await imageLayers(dead, ['local/busybox:1'], context({}));
    assert.equal(run.exitCode, 2);
    assert.match(
      run.stderr,
      /^dockwright: the engine does not answer: Cannot connect to the Docker daemon at unix:\/\/\/tmp\/dockwright-no-engine\.sock\./,
    );
    assert.ok(run.ms < 30_000, `${run.ms} ms`);
  });

  it('maps an image whose base image is no longer in the store', async () => {
    const base = engine.tag('gone-base');
    const image = engine.tag('orphan');
    tags.push(image);
    const dir = context({ Dockerfile: `FROM ${base}\nRUN echo hi > /hi\n` });
    dirs.push(dir);
    await exec(DOCKER, ['tag', 'local/busybox:1', base]);
    await engine.build(dir, image);
    await engine.remove(base);
    const run = await imageLayers(engine, [image, '--dockerfile', 'Dockerfile', '--format', 'json'], dir);
    assert.equal(run.exitCode, 0, run.stderr);
    const json = JSON.parse(run.stdout) as Json;
    assert.deepEqual(
      json.instructions?.map((i) => [i.line, i.keyword]),
      [[2, 'RUN']],
    );
  });

  it('maps an image of 200 instructions and 101 layers', async () => {
    // overlay2 stacks at most 127 layers (125 on top of a base): 100 COPY and 100 LABEL stay under it
    const files: Record<string, string> = {};
    const lines = ['FROM local/busybox:1'];
    for (let i = 0; i < 100; i++) {
      files[`f${i}`] = 'x'.repeat(1000 + i);
      lines.push(`COPY f${i} /many/f${i}`, `LABEL n${i}=${i}`);
    }
    const dir = context({ ...files, Dockerfile: lines.join('\n') + '\n' });
    dirs.push(dir);
    const image = engine.tag('many');
    tags.push(image);
    await engine.build(dir, image);
    const run = await imageLayers(engine, [image, '--dockerfile', 'Dockerfile', '--format', 'json'], dir);
    assert.equal(run.exitCode, 0, run.stderr);
    const json = JSON.parse(run.stdout) as Json;
    assert.equal(json.unmapped, undefined);
    assert.equal(json.instructions?.length, 200);
    assert.deepEqual(
      json.instructions?.filter((i) => i.keyword === 'COPY').map((i) => i.size),
      Array.from({ length: 100 }, (_, i) => 1000 + i),
    );
    assert.equal(json.wasted?.total, 0);
    console.log(`      200 instructions, 101 layers: ${run.ms} ms, peak RSS ${run.peakRssMiB.toFixed(0)} MiB`);
  });

  it('reads a large layer with flat memory', async () => {
    // DOCKWRIGHT_BIG_LAYER_MB=1024 for the 1 GB case; 256 MB by default, to spare a 2-core machine
    const mb = Number(process.env.DOCKWRIGHT_BIG_LAYER_MB || 256);
    const small = context({
      Dockerfile: 'FROM local/busybox:1\nRUN dd if=/dev/zero of=/big bs=1M count=1\nRUN rm /big\n',
    });
    const big = context({
      Dockerfile: `FROM local/busybox:1\nRUN dd if=/dev/zero of=/big bs=1M count=${mb}\nRUN rm /big\n`,
    });
    dirs.push(small, big);
    const [smallImage, bigImage] = [engine.tag('small-layer'), engine.tag('big-layer')];
    tags.push(smallImage, bigImage);
    await engine.build(small, smallImage);
    await engine.build(big, bigImage);
    const smallRun = await imageLayers(engine, [smallImage, '--format', 'json'], small);
    const bigRun = await imageLayers(engine, [bigImage, '--format', 'json'], big);
    assert.equal(bigRun.exitCode, 0, bigRun.stderr);
    assert.equal((JSON.parse(bigRun.stdout) as Json).wasted?.total, mb * MiB);
    console.log(
      `      peak RSS: ${smallRun.peakRssMiB.toFixed(0)} MiB for a 1 MiB layer (${smallRun.ms} ms), ${bigRun.peakRssMiB.toFixed(0)} MiB for ${mb} MiB (${bigRun.ms} ms)`,
    );
    // garbage chunks wait for the collector (V8 lets some tens of MiB of them pile up); a layer held whole would add all of it
    assert.ok(bigRun.peakRssMiB - smallRun.peakRssMiB < Math.min(96, mb / 2), 'memory grows with the layer');
  });
});
