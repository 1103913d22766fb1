import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  builderFeatures,
  buildCommand,
  checkBuilderFeatures,
  stepNotes,
  type BuildSpec,
  type Engine,
} from '../../../src/core/builds';
import { attestationJson, listAttestations, platformName, RegistryClient } from '../../../src/core/registry';
import {
  BUILDX_DOCKER,
  BUILDX_HOST_REGISTRY,
  BUILDX_REGISTRY,
  buildxDocker,
  exec,
  inBuildxNetwork,
  requireBuildx,
  requireEngine,
  run,
  RUN_ID,
  type Build,
} from './support';

// The guide's build features that need buildx on a current engine (scripts/test-env/buildx.sh):
// ssh mounts from a real ssh-agent, cache export and import (local and registry), a multi-platform
// index, provenance; and the same asked of buildx on the classic image store (Debian's dockerd
// 20.10 of setup.sh, reached by the same buildx), refused before anything starts.

const INDEX = 'application/vnd.oci.image.index.v1+json';
const ACCEPT = `Accept: ${INDEX}, application/vnd.oci.image.manifest.v1+json`;

interface Descriptor {
  digest: string;
  mediaType: string;
  platform?: { os: string; architecture: string };
  annotations?: Record<string, string>;
}

/** A manifest or index from the buildx engine's registry, by tag or digest. */
async function registryJson<T>(repository: string, reference: string): Promise<T> {
  const url = `http://${BUILDX_REGISTRY}/v2/${repository}/manifests/${reference}`;
  const got = await inBuildxNetwork('curl', ['-sf', '-H', ACCEPT, url]);
  assert.equal(got.exitCode, 0, `GET ${url}: ${String(got.stderr)}`);
  return JSON.parse(String(got.stdout)) as T;
}

async function registryBlob(repository: string, digest: string): Promise<string> {
  const got = await inBuildxNetwork('curl', ['-sfL', `http://${BUILDX_REGISTRY}/v2/${repository}/blobs/${digest}`]);
  assert.equal(got.exitCode, 0, String(got.stderr));
  return String(got.stdout);
}

const platformOf = (d: Descriptor) => `${d.platform?.os}/${d.platform?.architecture}`;

describe('the guide’s buildx features on dockerd 26 (integration)', function () {
  this.timeout(180_000);
  let engine: Engine;
  const dirs: string[] = [];
  const images: string[] = [];
  const tempDir = (name: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dockwright-buildx-${name}-`));
    dirs.push(dir);
    return dir;
  };
  /** A build context holding `files` (the Dockerfile among them). */
  const contextWith = (name: string, files: Record<string, string>) => {
    const dir = tempDir(name);
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
  };
  const build = (spec: BuildSpec, env: Record<string, string> = {}) => {
    const command = buildCommand(spec, engine);
    return run({ ...command, env: { ...command.env, ...env } }, spec.context);
  };
  const ok = (b: Build) => assert.equal(b.exitCode, 0, b.output);
  const logsAt = (b: Build, line: number) => b.progress.instructionSteps.find((s) => s.line === line)?.logs;

  before(async function () {
    engine = await requireBuildx(this);
  });

  after(async () => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    if (images.length && BUILDX_DOCKER) await buildxDocker('image', 'rm', '-f', ...images).catch(() => undefined);
  });

  describe('an ssh mount from a real ssh-agent', () => {
    let agent: { kill: () => void } | undefined;
    let socket: string;
    let fingerprint: string;
    // Debian's ssh-add and the libraries it links, copied into the image: busybox has no agent client
    let context: string;

    before(async () => {
      const home = tempDir('ssh');
      socket = path.join(home, 'agent.sock');
      const { execa } = await import('execa');
      agent = execa('ssh-agent', ['-D', '-a', socket], { reject: false, stdio: 'ignore' });
      const key = path.join(home, 'id_ed25519');
      const made = await exec('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `dockwright-${RUN_ID}`, '-f', key]);
      assert.equal(made.exitCode, 0, String(made.stderr));
      // the agent listens once its socket is there: wait for the state, not a time
      for (let tries = 0; !fs.existsSync(socket); tries++) {
        assert.ok(tries < 200, 'ssh-agent made no socket');
        await new Promise((r) => setTimeout(r, 50));
      }
      const added = await execWithAgent(socket, ['ssh-add', key]);
      assert.equal(added.exitCode, 0, String(added.stderr));
      fingerprint = String((await exec('ssh-keygen', ['-lf', `${key}.pub`])).stdout).split(' ')[1];
      const libraries = String((await exec('ldd', ['/usr/bin/ssh-add'])).stdout)
        .split('\n')
        .map((line) => /(\/\S+) \(0x/.exec(line)?.[1])
        .filter((lib): lib is string => lib !== undefined);
      context = contextWith('ssh', {
        Dockerfile: [
          `FROM ${process.env.DOCKWRIGHT_BUILDX_BASE_IMAGE ?? 'local/busybox:1'}`,
          'COPY ssh/ /opt/ssh/',
          'RUN --mount=type=ssh,required=true /opt/ssh/ld.so --library-path /opt/ssh /opt/ssh/ssh-add -l',
          '',
        ].join('\n'),
      });
      // flat in /opt/ssh, run through their own loader: busybox's /usr/bin is no folder to copy into
      fs.mkdirSync(path.join(context, 'ssh'));
      for (const file of ['/usr/bin/ssh-add', ...libraries]) {
        const name = /ld-linux/.test(file) ? 'ld.so' : path.basename(file);
        fs.copyFileSync(file, path.join(context, 'ssh', name));
      }
    });

    after(() => agent?.kill());

    it('forwards the agent for `ssh: ["default"]`: ssh-add in the RUN lists the key', async () => {
      const b = await build(
        { context, ssh: ['default'], noCache: true, progress: 'rawjson' },
        { SSH_AUTH_SOCK: socket },
      );
      ok(b);
      const listed = logsAt(b, 2)?.join('\n') ?? '';
      assert.ok(listed.includes(fingerprint) && listed.includes(`dockwright-${RUN_ID}`), listed);
    });

    it('names the agent socket in `ssh: ["default=<socket>"]`, without SSH_AUTH_SOCK', async () => {
      const b = await build({ context, ssh: [`default=${socket}`], noCache: true, progress: 'rawjson' }, {});
      ok(b);
      assert.ok(logsAt(b, 2)?.join('\n').includes(fingerprint));
    });

    it('fails at the RUN line, with buildx’s reason, when no agent is forwarded', async () => {
      const b = await build({ context, noCache: true, progress: 'rawjson' });
      assert.notEqual(b.exitCode, 0);
      assert.equal(b.failure?.line, 2, b.output);
      assert.match(b.failure?.message ?? '', /unset ssh forward key default/);
    });
  });

  /** A context whose RUN writes a value that differs each time it runs: the same value means cached. */
  const stampContext = (kind: string) =>
    contextWith('cache', {
      Dockerfile: [
        'FROM local/busybox:1',
        `RUN echo ${kind}-${RUN_ID}-$RANDOM-$RANDOM > /stamp && cat /stamp`,
        'COPY app.txt /app.txt',
        '',
      ].join('\n'),
      'app.txt': 'app\n',
    });
  const stampOf = (image: string) => buildxDocker('run', '--rm', image, 'cat', '/stamp');

  for (const kind of ['local', 'registry'] as const) {
    it(`exports the cache (type=${kind}) and a build after a prune of the builder imports it: the RUN is cached`, async () => {
      const context = stampContext(kind);
      const cache =
        kind === 'local'
          ? {
              to: `type=local,dest=${path.join(context, '..', 'cache')}`,
              from: `type=local,src=${path.join(context, '..', 'cache')}`,
            }
          : {
              to: `type=registry,ref=${BUILDX_REGISTRY}/dockwright-buildx-test/cache:${RUN_ID},mode=max`,
              from: `type=registry,ref=${BUILDX_REGISTRY}/dockwright-buildx-test/cache:${RUN_ID}`,
            };
      const first = `dockwright-buildx-test/cache-${kind}:${RUN_ID}-1`;
      const second = `dockwright-buildx-test/cache-${kind}:${RUN_ID}-2`;
      images.push(first, second);
      const exported = await build({ context, tags: [first], cacheTo: [cache.to], progress: 'rawjson' });
      ok(exported);
      assert.equal(exported.progress.instructionSteps.find((s) => s.line === 1)?.state, 'done');
      // the builder's own cache gone, only the exported one can make the RUN cached
      await buildxDocker('image', 'rm', first);
      await buildxDocker('buildx', 'prune', '--all', '--force');
      const imported = await build({ context, tags: [second], cacheFrom: [cache.from], progress: 'rawjson' });
      ok(imported);
      const run1 = imported.progress.instructionSteps.find((s) => s.line === 1);
      assert.equal(run1?.state, 'cached', imported.output);
      assert.ok(
        stepNotes(imported.progress.steps).some((n) => n.line === 1 && /cached/i.test(n.text)),
        'the note says cached',
      );
      const stamp = await stampOf(second);
      assert.match(stamp, new RegExp(`^${kind}-${RUN_ID}-\\d+-\\d+$`));
      assert.equal(logsAt(exported, 1)?.[0], stamp, 'the layer is the exported one');
    });
  }

  it('pushes linux/amd64 and linux/arm64 as one index with provenance; each platform’s steps map to their lines', async () => {
    const repository = `dockwright-buildx-test/multi-${RUN_ID}`;
    const image = `${BUILDX_REGISTRY}/${repository}:1`;
    // FROM scratch needs no emulator for arm64: COPY runs no program of the platform. A file of
    // each platform's own makes two steps (the same COPY would be one vertex for both).
    const context = contextWith('multi', {
      Dockerfile: 'FROM scratch\nARG TARGETARCH\nCOPY app-${TARGETARCH}.txt /app.txt\nLABEL built=by-dockwright\n',
      'app-amd64.txt': 'amd64\n',
      'app-arm64.txt': 'arm64\n',
    });
    const metadataFile = path.join(context, '..', 'metadata.json');
    const b = await build({
      context,
      tags: [image],
      platforms: ['linux/amd64', 'linux/arm64'],
      push: true,
      provenance: 'mode=max',
      metadataFile,
      progress: 'rawjson',
    });
    ok(b);
    const copies = b.progress.instructionSteps.filter((s) => s.line === 2);
    assert.deepEqual(copies.map((s) => /^\[(\S+)/.exec(s.name)?.[1]).sort(), ['linux/amd64', 'linux/arm64'], b.output);
    assert.deepEqual(
      stepNotes(b.progress.steps).map((n) => n.line),
      [2],
      'one note on the COPY line for both platforms',
    );
    const digest = (JSON.parse(fs.readFileSync(metadataFile, 'utf8')) as Record<string, string>)[
      'containerimage.digest'
    ];
    const index = await registryJson<{ mediaType: string; manifests: Descriptor[] }>(repository, '1');
    assert.equal(index.mediaType, INDEX);
    assert.deepEqual(index.manifests.map(platformOf).sort(), [
      'linux/amd64',
      'linux/arm64',
      'unknown/unknown',
      'unknown/unknown',
    ]);
    const attestations = index.manifests.filter((m) => platformOf(m) === 'unknown/unknown');
    const images = index.manifests.filter((m) => platformOf(m) !== 'unknown/unknown');
    // each attestation manifest names the image it is about
    assert.deepEqual(
      attestations.map((a) => a.annotations?.['vnd.docker.reference.digest']).sort(),
      images.map((m) => m.digest).sort(),
    );
    const attestation = await registryJson<{ layers: Descriptor[] }>(repository, attestations[0].digest);
    const predicateTypes = attestation.layers.map((l) => l.annotations?.['in-toto.io/predicate-type']);
    assert.deepEqual(predicateTypes, ['https://slsa.dev/provenance/v0.2']);
    const provenance = JSON.parse(await registryBlob(repository, attestation.layers[0].digest)) as {
      predicate: { buildType: string; metadata: { 'https://mobyproject.org/buildkit@v1#metadata'?: unknown } };
    };
    assert.equal(provenance.predicate.buildType, 'https://mobyproject.org/buildkit@v1');
    assert.ok(
      provenance.predicate.metadata['https://mobyproject.org/buildkit@v1#metadata'],
      'mode=max has the build steps',
    );
    const head = await inBuildxNetwork('curl', [
      '-sfI',
      '-H',
      ACCEPT,
      `http://${BUILDX_REGISTRY}/v2/${repository}/manifests/1`,
    ]);
    assert.equal(/^docker-content-digest: (\S+)/im.exec(String(head.stdout))?.[1], digest);
    // the Registries view's client: the two platforms, and the attestations as such, not as unknown/unknown
    const described = await new RegistryClient(BUILDX_HOST_REGISTRY).describe(repository, '1');
    assert.ok(described.kind === 'index');
    assert.equal(described.digest, digest);
    assert.deepEqual(described.platforms.map((p) => platformName(p.platform)).sort(), ['linux/amd64', 'linux/arm64']);
    assert.deepEqual(described.attestations.map((a) => platformName(a.image?.platform)).sort(), [
      'linux/amd64',
      'linux/arm64',
    ]);
    // and each statement, with its predicate type, readable as the provenance buildx wrote
    const client = new RegistryClient(BUILDX_HOST_REGISTRY);
    const listed = await listAttestations(client, repository, described.attestations);
    assert.deepEqual(listed.map((a) => `${a.platform} ${a.predicateType}`).sort(), [
      'linux/amd64 https://slsa.dev/provenance/v0.2',
      'linux/arm64 https://slsa.dev/provenance/v0.2',
    ]);
    const statement = JSON.parse(await attestationJson(client, repository, listed[0])) as {
      _type: string;
      predicateType: string;
      subject: { digest: { sha256: string } }[];
      predicate: {
        builder: { id: string };
        materials: unknown[];
        invocation: { configSource: { entryPoint: string } };
      };
    };
    assert.equal(statement._type, 'https://in-toto.io/Statement/v0.1');
    assert.equal(statement.predicate.invocation.configSource.entryPoint, 'Dockerfile');
    const subject = `sha256:${statement.subject[0].digest.sha256}`;
    assert.ok(
      images.some((m) => m.digest === subject),
      'it is about one of the images',
    );
  });

  describe('the current engine’s builder', () => {
    it('is the docker driver on the containerd store, which can do every feature', async () => {
      const features = await builderFeatures(engine);
      assert.deepEqual(features, { name: 'default', driver: 'docker', containerdStore: true });
      await checkBuilderFeatures(
        { context: '.', platforms: ['linux/amd64', 'linux/arm64'], cacheTo: ['type=local,dest=x'] },
        engine,
      );
    });
  });
});

describe('buildx on the classic image store of Docker 20.10 (integration)', function () {
  this.timeout(120_000);
  let engine: Engine;

  before(async function () {
    await requireEngine(this);
    const buildx = await requireBuildx(this);
    // the same buildx, pointed at setup.sh's dockerd 20.10: the docker driver without the containerd store
    engine = { ...buildx, env: { ...buildx.env, DOCKER_HOST: process.env.DOCKER_HOST ?? '' } };
  });

  it('finds the docker driver on the classic store', async () => {
    assert.deepEqual(await builderFeatures(engine), { name: 'default', driver: 'docker', containerdStore: false });
  });

  const refusals: [string, Partial<BuildSpec>, string, RegExp][] = [
    [
      'two platforms',
      { platforms: ['linux/amd64', 'linux/arm64'] },
      'platforms',
      /Multi-platform build is not supported/,
    ],
    ['a local cache export', { cacheTo: ['type=local,dest=cache'] }, 'cacheTo', /Cache export is not supported/],
    ['provenance', { provenance: 'mode=max' }, 'provenance', /Attestation is not supported/],
    ['an SBOM', { sbom: true }, 'sbom', /Attestation is not supported/],
    ['an OCI archive', { outputs: ['type=oci,dest=out.tar'] }, 'outputs', /OCI exporter is not supported/],
  ];
  for (const [what, more, field, buildxSays] of refusals) {
    it(`refuses ${what} before the build, where buildx itself would fail`, async () => {
      const context = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-classic-'));
      try {
        fs.writeFileSync(path.join(context, 'Dockerfile'), 'FROM scratch\nCOPY Dockerfile /\n');
        const spec: BuildSpec = { context, ...more };
        await assert.rejects(checkBuilderFeatures(spec, engine), (error: Error & { field?: string }) => {
          assert.equal(error.field, field);
          assert.match(error.message, /classic image store/);
          return true;
        });
        // the check agrees with buildx: the same build, run, fails for the same reason
        const command = buildCommand(spec, engine);
        const { execa } = await import('execa');
        const direct = await execa(command.command, command.args, { env: command.env, reject: false, cwd: context });
        assert.notEqual(direct.exitCode, 0);
        assert.match(String(direct.stderr), buildxSays);
      } finally {
        fs.rmSync(context, { recursive: true, force: true });
      }
    });
  }

  it('lets an inline cache, one platform and provenance=false through: the classic store does those', async () => {
    await checkBuilderFeatures(
      { context: '.', cacheTo: ['type=inline'], platforms: ['linux/amd64'], provenance: false, sbom: 'false' },
      engine,
    );
  });
});

/** `command` with the agent at `socket`. */
async function execWithAgent(socket: string, [command, ...args]: string[]) {
  const { execa } = await import('execa');
  return execa(command, args, { reject: false, env: { SSH_AUTH_SOCK: socket } });
}
