import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  buildAndPushCommands,
  buildCommand,
  buildSummary,
  detectEngine,
  stepNotes,
  type BuildSpec,
  type Engine,
  type ProgressMode,
} from '../../../src/core/builds';
import {
  BUILDX_DOCKER,
  BUILDX_REGISTRY,
  buildxDocker,
  buildxEnv,
  exec,
  FIXTURES,
  fixtureContext,
  inBuildxNetwork,
  processesWith,
  processGroup,
  requireBuildx,
  run,
  RUN_ID,
  until,
  type Build,
} from './support';

// `docker buildx build` through the project's runner, on buildx 0.13.1 and dockerd 26 with the
// containerd image store (scripts/test-env/buildx.sh). The multistage fixture: stages base (ARG
// GREETING, RUN line 3), build (cache mount, line 8), broken (fails at line 12) and final (secret
// mount, line 17); heredoc: RUN <<EOF (line 2), COPY <<EOF (line 7), COPY --link (line 12), RUN
// (line 13). Lines below are 0-based. Both progress formats the extension can ask for are run.
const FORMATS: ProgressMode[] = ['plain', 'rawjson'];

describe('builds on buildx 0.13 and dockerd 26 (integration)', function () {
  this.timeout(180_000);
  let engine: Engine;
  let context: string;
  const images: string[] = [];
  const dirs: string[] = [];
  const tag = (name: string) => {
    const t = `dockwright-buildx-test/${name}:${RUN_ID}`;
    images.push(t);
    return t;
  };
  const tempDir = (name: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dockwright-buildx-${name}-`));
    dirs.push(dir);
    return dir;
  };
  const spec = (more: Partial<BuildSpec>): BuildSpec => ({ context, ...more });
  /** A copy of test/fixtures/builds/<folder> to build in. */
  const copyFixture = (folder: string) => {
    const dir = tempDir(path.basename(folder));
    fs.cpSync(path.join(FIXTURES, folder), dir, { recursive: true });
    return dir;
  };
  let secretFile: string;
  const build = (s: BuildSpec, options: Parameters<typeof run>[2] = {}) =>
    run(buildCommand(s, engine), s.context, options);
  const stepAt = (b: Build, line: number) => b.progress.instructionSteps.find((s) => s.line === line);

  before(async function () {
    engine = await requireBuildx(this);
    context = fixtureContext('multistage');
    dirs.push(context);
    secretFile = path.join(tempDir('token'), 'token');
    fs.writeFileSync(secretFile, 's3cr3t');
  });

  after(async () => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    if (images.length && BUILDX_DOCKER) await buildxDocker('image', 'rm', '-f', ...images).catch(() => undefined); // some were never built
  });

  describe('engine detection with the real docker CLI 26', () => {
    it('auto picks buildx where `docker buildx version` works, keeping DOCKER_HOST and DOCKER_CONFIG', async () => {
      assert.deepEqual(engine, { kind: 'buildx', command: BUILDX_DOCKER, env: buildxEnv() });
      const version = await exec(BUILDX_DOCKER, ['buildx', 'version']);
      assert.equal(version.exitCode, 1, 'without its DOCKER_CONFIG the CLI has no plugin: the probe is real');
      assert.match(await buildxDocker('buildx', 'version'), /^github\.com\/docker\/buildx 0\.13\./);
    });

    it('auto picks docker for the same CLI when its config has no buildx plugin', async () => {
      const config = tempDir('config');
      const detected = await detectEngine({
        engine: 'auto',
        dockerPath: BUILDX_DOCKER,
        env: { ...buildxEnv(), DOCKER_CONFIG: config },
      });
      assert.equal(detected.kind, 'docker');
    });
  });

  for (const progress of FORMATS) {
    describe(`--progress=${progress}`, () => {
      it('builds a multi-stage Dockerfile: a step note on each instruction line and the closing line', async () => {
        const image = tag(`final-${progress}`);
        const b = await build(
          spec({
            target: 'final',
            tags: [image],
            progress,
            noCache: true,
            secrets: [{ id: 'token', src: secretFile }],
          }),
        );
        assert.equal(b.exitCode, 0, b.output);
        assert.equal(b.failure, undefined);
        const notes = stepNotes(b.progress.steps);
        assert.deepEqual(
          notes.map((n) => n.line),
          [0, 2, 5, 6, 7, 15, 16, 17],
        );
        assert.ok(
          notes.filter((n) => n.line !== 0).every((n) => /^\d/.test(n.text)),
          JSON.stringify(notes),
        );
        assert.deepEqual(stepAt(b, 2)?.logs, ['greeting=hello']);
        assert.deepEqual(stepAt(b, 16)?.logs, ['secret bytes: 6']);
        assert.deepEqual(stepAt(b, 17)?.logs, ['no line break at the end']);
        assert.equal(notes.find((n) => n.line === 7)?.endLine, 8, 'a continued RUN spans its lines');
        assert.match(
          buildSummary({ progress: b.progress, exitCode: b.exitCode, durationMs: b.durationMs, tag: image }),
          new RegExp(`^Built ${image.replace(/[/.]/g, '\\$&')} in [\\d.]+ (ms|s): 8 steps, [01] cached\\.$`),
        );
        if (progress === 'rawjson') assert.match(b.output, /^\{\n {2}"vertexes": \[/, 'buildx printed rawjson');
      });

      it('maps a failing build to the failing instruction line, with the message and its log', async () => {
        const b = await build(spec({ target: 'broken', progress, noCache: true }));
        assert.equal(b.exitCode, 1, b.output);
        assert.equal(b.failure?.line, 11, b.output);
        assert.equal(b.failure?.file, 'Dockerfile');
        assert.equal(b.failure?.step?.stage, 'broken');
        assert.match(b.failure!.message, /exit code: 3$/);
        assert.deepEqual(b.failure?.step?.logs, ['about to fail']);
        assert.equal(stepNotes(b.progress.steps).find((n) => n.line === 11)?.text, 'failed');
        assert.match(
          buildSummary({ progress: b.progress, exitCode: b.exitCode, durationMs: b.durationMs }),
          / at line 12: RUN echo about to fail; {5}exit 3 \(exit code 1\)\.$/,
        );
      });

      it('keeps a cache mount between builds; the second build shows the step cached, and so do the notes', async () => {
        const args = { GREETING: `cache-${progress}-${RUN_ID}` }; // a fresh base: the first build runs the step
        const first = await build(spec({ target: 'build', progress, buildArgs: args }));
        assert.equal(first.exitCode, 0, first.output);
        assert.equal(stepAt(first, 7)?.state, 'done');
        const lines = Number(/cache lines: (\d+)/.exec(stepAt(first, 7)!.logs.join('\n'))?.[1]);
        assert.ok(lines >= 1, first.output);
        const second = await build(spec({ target: 'build', progress, buildArgs: args }));
        assert.equal(second.exitCode, 0, second.output);
        assert.equal(stepAt(second, 7)?.state, 'cached');
        assert.equal(stepNotes(second.progress.steps).find((n) => n.line === 7)?.text, 'cached');
        // the mount outlives the layers: a build from another base finds what the first wrote
        const third = await build(
          spec({ target: 'build', progress, buildArgs: { GREETING: `cache-again-${progress}-${RUN_ID}` } }),
        );
        assert.equal(stepAt(third, 7)?.state, 'done');
        assert.ok(Number(/cache lines: (\d+)/.exec(stepAt(third, 7)!.logs.join('\n'))?.[1]) > lines);
      });

      it('cancels a running build: the runner returns within 2 s and no process of the group is left, the buildx plugin included', async () => {
        const dir = tempDir('cancel');
        const marker = `dockwright-buildx-cancel-${progress}-${RUN_ID}`;
        fs.writeFileSync(
          path.join(dir, 'Dockerfile'),
          `FROM local/busybox:1\nRUN echo ${marker} started && sleep 60 && echo ${marker}\n`,
        );
        const image = tag(`cancel-${progress}`);
        const controller = new AbortController();
        let pgid = 0;
        let abortedAt = 0;
        let group: { pid: number; cmdline: string }[] = [];
        const b = await build(spec({ context: dir, tags: [image], progress }), {
          signal: controller.signal,
          onStart: (pid) => (pgid = pid),
          onProgress: (e) => {
            if (e.type === 'log' && e.line.includes(`${marker} started`) && !abortedAt) {
              group = processGroup(pgid);
              abortedAt = Date.now();
              controller.abort();
            }
          },
        });
        const took = Date.now() - abortedAt;
        assert.ok(abortedAt > 0, `the RUN started: ${b.output}`);
        assert.equal(b.cancelled, true);
        assert.ok(took < 2000, `the runner returned ${took} ms after the abort`);
        // the docker CLI runs its plugin as a child in its own process group
        assert.ok(
          group.some((p) => p.pid === pgid && p.cmdline.startsWith(BUILDX_DOCKER)),
          JSON.stringify(group),
        );
        assert.ok(
          group.some((p) => /cli-plugins\/docker-buildx buildx build/.test(p.cmdline)),
          JSON.stringify(group),
        );
        assert.deepEqual(processGroup(pgid), [], 'nothing of the process group is left');
        assert.deepEqual(processesWith(image), [], 'no docker or docker-buildx process of this build is left');
        // the engine stops the RUN once its client is gone
        assert.ok(
          await until(() => processesWith(marker).length === 0, 15_000),
          `the RUN is still there: ${JSON.stringify(processesWith(marker))}`,
        );
        await assert.rejects(buildxDocker('image', 'inspect', image), 'no image was made');
        if (progress === 'rawjson') assert.equal(stepAt(b, 1)?.logs[0], `${marker} started`);
      });
    });
  }

  it('builds one stage with --target', async () => {
    const image = tag('target');
    const b = await build(spec({ target: 'build', tags: [image], progress: 'rawjson' }));
    assert.equal(b.exitCode, 0, b.output);
    assert.deepEqual([...new Set(b.progress.instructionSteps.map((s) => s.stage))].sort(), ['base', 'build']);
    assert.equal(await buildxDocker('run', '--rm', image, 'cat', '/app.out'), 'app');
  });

  /** Every byte the image holds: its layers (gunzipped), configs, manifests and attestations. */
  async function imageBytes(image: string): Promise<Buffer[]> {
    const dir = tempDir('save');
    await buildxDocker('save', '--output', path.join(dir, 'image.tar'), image);
    const extracted = await exec('tar', ['-xf', path.join(dir, 'image.tar'), '-C', dir]);
    assert.equal(extracted.exitCode, 0, String(extracted.stderr));
    const blobs = fs.readdirSync(path.join(dir, 'blobs', 'sha256')).map((f) => path.join(dir, 'blobs', 'sha256', f));
    // the containerd store keeps layers gzipped: searched as they are, a secret would never be found
    return blobs.map((f) => fs.readFileSync(f)).map((b) => (b[0] === 0x1f && b[1] === 0x8b ? zlib.gunzipSync(b) : b));
  }

  for (const from of ['file', 'env'] as const) {
    it(`gives RUN a secret from ${from === 'file' ? 'a file' : 'an environment variable'} and leaves it in no layer, history, inspect output or log`, async () => {
      const image = tag(`secret-${from}`);
      const secret = `s3cret-${from}-${RUN_ID}-value`;
      const dir = tempDir('secret');
      const file = path.join(dir, 'token');
      fs.writeFileSync(file, secret);
      const variable = `DOCKWRIGHT_BUILDX_SECRET_${process.pid}`;
      const command = buildCommand(
        spec({
          target: 'final',
          tags: [image],
          progress: 'rawjson',
          noCache: true,
          secrets: [from === 'file' ? { id: 'token', src: file } : { id: 'token', env: variable }],
          metadataFile: path.join(dir, 'metadata.json'),
        }),
        engine,
      );
      assert.ok(!command.args.join(' ').includes(secret), 'the value is not on the command line');
      const b = await run(
        from === 'env' ? { ...command, env: { ...command.env, [variable]: secret } } : command,
        context,
      );
      assert.equal(b.exitCode, 0, b.output);
      assert.deepEqual(stepAt(b, 16)?.logs, [`secret bytes: ${secret.length}`], 'the RUN read the secret');
      const encoded = Buffer.from(secret).toString('base64');
      assert.ok(!b.output.includes(secret) && !b.output.includes(encoded), 'not in the build output');
      assert.ok(!(await buildxDocker('history', '--no-trunc', image)).includes(secret), 'not in the history');
      assert.ok(!(await buildxDocker('image', 'inspect', image)).includes(secret), 'not in inspect');
      assert.ok(!fs.readFileSync(path.join(dir, 'metadata.json'), 'utf8').includes(secret), 'not in the metadata');
      const bytes = await imageBytes(image);
      assert.ok(
        bytes.some((b) => b.includes('greeting=hello')),
        'the search does see file contents',
      );
      assert.ok(!bytes.some((b) => b.includes(secret)), 'not in any layer, config or attestation');
    });
  }

  it('builds heredoc RUN and COPY and COPY --link; each maps to its line', async () => {
    const dir = copyFixture('buildx-0.13/heredoc');
    const image = tag('heredoc');
    const b = await build({ context: dir, tags: [image], progress: 'rawjson', noCache: true });
    assert.equal(b.exitCode, 0, b.output);
    assert.deepEqual(
      stepNotes(b.progress.steps)
        .map((n) => n.line)
        .sort((x, y) => x - y),
      [0, 1, 6, 11, 12],
    );
    assert.deepEqual(stepAt(b, 1)?.logs, ['first step', 'second step']);
    assert.deepEqual(stepAt(b, 12)?.logs, ['linked app', 'entrypoint ran']);
    assert.equal(stepAt(b, 11)?.name, '[4/5] COPY --link app.txt /app.txt');
    assert.equal(b.progress.instructionSteps.length, 5, 'COPY --link is one step');
    assert.equal(
      await buildxDocker(
        'run',
        '--rm',
        image,
        'sh',
        '-c',
        'stat -c %a /usr/local/bin/docker-entrypoint.sh; cat /app.txt',
      ),
      '755\nlinked app',
    );
  });

  it('writes --iidfile and --metadata-file: the image id the engine reports', async () => {
    const image = tag('iid');
    const dir = tempDir('iid');
    const iidFile = path.join(dir, 'iid');
    const metadataFile = path.join(dir, 'metadata.json');
    const b = await build(spec({ target: 'base', tags: [image], iidFile, metadataFile }));
    assert.equal(b.exitCode, 0, b.output);
    const iid = fs.readFileSync(iidFile, 'utf8').trim();
    assert.match(iid, /^sha256:[0-9a-f]{64}$/);
    assert.equal((await buildxDocker('image', 'inspect', '--format', '{{.Id}}', image)).trim(), iid);
    const metadata = JSON.parse(fs.readFileSync(metadataFile, 'utf8')) as Record<string, unknown>;
    // with the containerd store, the id is the image index's digest
    assert.equal(metadata['containerimage.digest'], iid);
    assert.equal(
      (metadata['containerimage.descriptor'] as { mediaType: string }).mediaType,
      'application/vnd.oci.image.index.v1+json',
    );
  });

  it('builds and pushes in one command to the registry; --metadata-file has the digest the registry serves', async () => {
    const repository = `dockwright-buildx-test/push-${RUN_ID}`;
    const image = `${BUILDX_REGISTRY}/${repository}:1`;
    images.push(image);
    const metadataFile = path.join(tempDir('push'), 'metadata.json');
    const commands = buildAndPushCommands(spec({ target: 'final', tags: [image], metadataFile }), engine);
    assert.equal(commands.length, 1, 'buildx builds and pushes at once');
    assert.ok(commands[0].args.includes('--push'));
    const b = await run(commands[0], context);
    assert.equal(b.exitCode, 0, b.output);
    const digest = (JSON.parse(fs.readFileSync(metadataFile, 'utf8')) as Record<string, string>)[
      'containerimage.digest'
    ];
    assert.match(digest, /^sha256:[0-9a-f]{64}$/);
    const url = `http://${BUILDX_REGISTRY}/v2/${repository}/manifests/1`;
    const accept = 'Accept: application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json';
    const head = await inBuildxNetwork('curl', ['-sfI', '-H', accept, url]);
    assert.equal(head.exitCode, 0, String(head.stderr));
    assert.equal(/^docker-content-digest: (\S+)/im.exec(String(head.stdout))?.[1], digest);
    // an index: the image for linux/amd64 and an attestation manifest (unknown/unknown) beside it
    const index = JSON.parse(String((await inBuildxNetwork('curl', ['-sf', '-H', accept, url])).stdout)) as {
      mediaType: string;
      manifests: { platform?: { os: string; architecture: string } }[];
    };
    assert.equal(index.mediaType, 'application/vnd.oci.image.index.v1+json');
    assert.deepEqual(index.manifests.map((m) => `${m.platform?.os}/${m.platform?.architecture}`).sort(), [
      'linux/amd64',
      'unknown/unknown',
    ]);
  });
});

describe('the buildx recordings are still what buildx prints (integration)', function () {
  this.timeout(120_000);

  it('a build of the recorded heredoc fixture prints the same rawjson shape and the same steps', async function () {
    const engine = await requireBuildx(this);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-buildx-heredoc-'));
    fs.cpSync(path.join(FIXTURES, 'buildx-0.13', 'heredoc'), dir, { recursive: true });
    try {
      const b = await run(buildCommand({ context: dir, progress: 'rawjson', noCache: true }, engine), dir);
      const recorded = fs.readFileSync(path.join(FIXTURES, 'buildx-0.13', 'heredoc.rawjson.exit0.txt'), 'utf8');
      assert.equal(b.output.slice(0, 20), recorded.slice(0, 20));
      assert.deepEqual(b.progress.instructionSteps.map((s) => `${s.line}:${s.state}`).sort(), [
        '0:cached',
        '11:done',
        '12:done',
        '1:done',
        '6:done',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
