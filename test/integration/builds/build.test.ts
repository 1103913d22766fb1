import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildAndPushCommands, buildCommand, type BuildSpec, type Engine } from '../../../src/core/builds';
import { docker, exec, fixtureContext, processesWith, REGISTRY, requireEngine, run, RUN_ID, until } from './support';

// The multistage fixture: stages base (ARG GREETING, RUN line 3), build (cache mount, line 8),
// broken (fails at line 12) and final (secret mount, line 17). Lines below are 0-based.
describe('builds on the real engine (integration)', function () {
  this.timeout(120_000);
  let engine: Engine;
  let context: string;
  const images: string[] = [];
  const tag = (name: string) => {
    const t = `dockwright-build-test/${name}:${RUN_ID}`;
    images.push(t);
    return t;
  };
  const spec = (more: Partial<BuildSpec>): BuildSpec => ({ context, network: 'none', ...more });

  before(async function () {
    engine = await requireEngine(this);
    context = fixtureContext('multistage');
  });

  after(async () => {
    if (context) fs.rmSync(context, { recursive: true, force: true });
    if (images.length) await exec(process.env.DOCKER_BIN ?? '/usr/bin/docker', ['image', 'rm', '-f', ...images]);
  });

  it('detects docker with BuildKit for /usr/bin/docker (no buildx plugin here) and keeps DOCKER_HOST', () => {
    assert.equal(engine.kind, 'docker');
    assert.equal(engine.env.DOCKER_HOST, process.env.DOCKER_HOST);
  });

  it('builds one stage of a multi-stage Dockerfile with --target', async () => {
    const image = tag('target');
    const build = await run(buildCommand(spec({ target: 'build', tags: [image] }), engine), context);
    assert.equal(build.exitCode, 0, build.output);
    const stages = new Set(build.progress.instructionSteps.map((s) => s.stage));
    assert.deepEqual([...stages].sort(), ['base', 'build']);
    assert.equal(await docker('run', '--rm', '--network=none', image, 'cat', '/app.out'), 'app');
    const missing = await exec(process.env.DOCKER_BIN ?? '/usr/bin/docker', [
      'run',
      '--rm',
      '--network=none',
      image,
      'cat',
      '/greeting.final',
    ]);
    assert.notEqual(missing.exitCode, 0);
  });

  it('passes build args', async () => {
    const image = tag('args');
    const greeting = `hi-${RUN_ID}`;
    const build = await run(
      buildCommand(spec({ target: 'base', tags: [image], buildArgs: { GREETING: greeting } }), engine),
      context,
    );
    assert.equal(build.exitCode, 0, build.output);
    assert.deepEqual(build.progress.instructionSteps.find((s) => s.line === 2)?.logs, [`greeting=${greeting}`]);
    assert.equal(await docker('run', '--rm', '--network=none', image, 'cat', '/greeting'), `greeting=${greeting}`);
  });

  it('keeps a cache mount between builds, and shows the step cached the second time', async () => {
    const args = { GREETING: `cache-${RUN_ID}` }; // a fresh base, so the first build really runs the step
    const cacheStep = (b: { progress: { instructionSteps: { line?: number; state: string; logs: string[] }[] } }) =>
      b.progress.instructionSteps.find((s) => s.line === 7)!;
    const first = await run(buildCommand(spec({ target: 'build', buildArgs: args }), engine), context);
    assert.equal(first.exitCode, 0, first.output);
    assert.equal(cacheStep(first).state, 'done');
    const lines = Number(/cache lines: (\d+)/.exec(cacheStep(first).logs.join('\n'))?.[1]);
    assert.ok(lines >= 1);
    const second = await run(buildCommand(spec({ target: 'build', buildArgs: args }), engine), context);
    assert.equal(second.exitCode, 0, second.output);
    assert.equal(cacheStep(second).state, 'cached');
    assert.match(second.output, /#\d+ CACHED/);
    // the mount outlives the layers: a build from another base finds what the first one wrote
    const third = await run(
      buildCommand(spec({ target: 'build', buildArgs: { GREETING: `cache-again-${RUN_ID}` } }), engine),
      context,
    );
    assert.equal(cacheStep(third).state, 'done');
    assert.ok(
      Number(/cache lines: (\d+)/.exec(cacheStep(third).logs.join('\n'))?.[1]) > lines,
      cacheStep(third).logs.join('\n'),
    );
  });

  it('gives a secret to RUN and leaves it nowhere in the image (history, inspect, file system)', async () => {
    const image = tag('secret');
    const secret = `s3cret-${RUN_ID}-value`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-secret-'));
    const secretFile = path.join(dir, 'token');
    fs.writeFileSync(secretFile, secret);
    try {
      const build = await run(
        buildCommand(
          spec({ target: 'final', tags: [image], secrets: [{ id: 'token', src: secretFile }], noCache: true }),
          engine,
        ),
        context,
      );
      assert.equal(build.exitCode, 0, build.output);
      assert.deepEqual(
        build.progress.instructionSteps.find((s) => s.line === 16)?.logs,
        [`secret bytes: ${secret.length}`],
        'the RUN read the secret',
      );
      assert.ok(!build.output.includes(secret));
      assert.ok(!(await docker('history', '--no-trunc', image)).includes(secret), 'not in the history');
      assert.ok(!(await docker('image', 'inspect', image)).includes(secret), 'not in inspect');
      const archive = path.join(dir, 'image.tar');
      await docker('save', '--output', archive, image);
      // docker save keeps layers as plain (uncompressed) tars, so a byte search covers every file
      const bytes = fs.readFileSync(archive);
      assert.ok(bytes.length > 100_000, 'the saved image holds the layers');
      assert.equal(bytes.indexOf(secret), -1, 'not in any layer');
      assert.ok(bytes.indexOf('greeting=') >= 0, 'the search does see file contents');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('maps a failing build to the failing instruction line', async () => {
    const build = await run(buildCommand(spec({ target: 'broken', noCache: true }), engine), context);
    assert.equal(build.exitCode, 1);
    assert.equal(build.failure?.line, 11, build.output);
    assert.equal(build.failure?.step?.stage, 'broken');
    assert.match(build.failure!.message, /exit code: 3/);
    assert.deepEqual(build.failure?.step?.logs, ['about to fail']);
  });

  it('builds and pushes to the local registry; the registry reports the image digest', async () => {
    const repository = `dockwright-build-test/push-${RUN_ID}`;
    const image = `${REGISTRY}/${repository}:1`;
    images.push(image);
    const [build, push] = buildAndPushCommands(
      spec({ target: 'final', tags: [image], secrets: [{ id: 'token', env: 'DOCKWRIGHT_TEST_SECRET' }] }),
      engine,
    );
    const built = await run({ ...build, env: { ...build.env, DOCKWRIGHT_TEST_SECRET: 'x' } }, context);
    assert.equal(built.exitCode, 0, built.output);
    const pushed = await run(push, context);
    assert.equal(pushed.exitCode, 0, pushed.output);
    const printed = /digest: (sha256:[0-9a-f]{64})/.exec(pushed.output)?.[1];
    const accept = [
      'application/vnd.oci.image.index.v1+json',
      'application/vnd.docker.distribution.manifest.list.v2+json',
      'application/vnd.docker.distribution.manifest.v2+json',
      'application/vnd.oci.image.manifest.v1+json',
    ].join(', ');
    const response = await fetch(`http://${REGISTRY}/v2/${repository}/manifests/1`, { headers: { Accept: accept } });
    assert.equal(response.status, 200);
    const digest = response.headers.get('docker-content-digest');
    const manifest = (await response.json()) as { config: { digest: string } };
    assert.equal(digest, printed);
    assert.match(
      String(await docker('image', 'inspect', '--format', '{{join .RepoDigests " "}}', image)),
      new RegExp(`${repository}@${digest}`),
    );
    assert.equal(
      manifest.config.digest,
      (await docker('image', 'inspect', '--format', '{{.Id}}', image)).trim(),
      'the pushed config is the built image',
    );
  });

  it('cancels a running build: the runner returns within 2 s and no process of the build remains', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-cancel-'));
    const marker = `dockwright-cancel-${RUN_ID}`;
    fs.writeFileSync(
      path.join(dir, 'Dockerfile'),
      `FROM local/busybox:1\nRUN echo ${marker} started && sleep 60 && echo ${marker}\n`,
    );
    const image = tag('cancel');
    const controller = new AbortController();
    let abortedAt = 0;
    try {
      const running = run(buildCommand(spec({ context: dir, tags: [image] }), engine), dir, {
        signal: controller.signal,
        onProgress: (e) => {
          if (e.type === 'log' && e.line.includes(`${marker} started`) && !abortedAt) {
            abortedAt = Date.now();
            controller.abort();
          }
        },
      });
      const build = await running;
      const took = Date.now() - abortedAt;
      assert.ok(abortedAt > 0, `the RUN started: ${build.output}`);
      assert.equal(build.cancelled, true);
      assert.ok(took < 2000, `the runner returned ${took} ms after the abort`);
      assert.deepEqual(processesWith(image), [], 'no docker client of this build is left');
      // the engine stops the RUN once its client is gone
      const runGone = await until(() => processesWith(marker).length === 0, 10_000);
      assert.ok(runGone, `the RUN is still there: ${JSON.stringify(processesWith(marker))}`);
      assert.notEqual(
        (await exec(process.env.DOCKER_BIN ?? '/usr/bin/docker', ['image', 'inspect', image])).exitCode,
        0,
        'no image was made',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
