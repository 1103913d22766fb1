import assert from 'node:assert/strict';
import {
  buildAndPushCommands,
  buildCommand,
  pushCommand,
  BuildSpecError,
  type BuildSpec,
  type Engine,
  type EngineKind,
} from '../../../src/core/builds';

const ENV = { DOCKER_HOST: 'unix:///tmp/x.sock', DOCKER_CONFIG: '/tmp/cfg' };
const engine = (kind: EngineKind): Engine => ({
  kind,
  command: kind === 'podman' ? '/usr/bin/podman' : '/usr/bin/docker',
  env: { ...ENV },
});
const spec = (more: Partial<BuildSpec> = {}): BuildSpec => ({ context: 'ctx', ...more });

/** The values of every occurrence of `flag` in args. */
function flagValues(args: string[], flag: string): string[] {
  return args.flatMap((a, i) =>
    a === flag ? [args[i + 1]] : a.startsWith(`${flag}=`) ? [a.slice(flag.length + 1)] : [],
  );
}

function refusal(fn: () => unknown, field: string, engineKind?: EngineKind): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof BuildSpecError, `expected a BuildSpecError, got ${String(e)}`);
    assert.equal(e.field, field);
    assert.equal(e.engine, engineKind);
    assert.match(e.message, /^\S.{15,}\.$/, 'a sentence that says what is wrong');
    return true;
  });
}

describe('buildCommand (unit)', () => {
  const every: BuildSpec = {
    dockerfile: 'ctx/Dockerfile.prod',
    context: 'ctx',
    target: 'final',
    tags: ['127.0.0.1:5000/app:1', 'app:latest'],
    platforms: ['linux/amd64', 'linux/arm64'],
    buildArgs: { GREETING: 'hi there', EMPTY: '' },
    labels: { 'org.opencontainers.image.title': 'app' },
    secrets: [
      { id: 'npm', src: '/run/npmrc' },
      { id: 'token', env: 'GH_TOKEN' },
    ],
    ssh: ['default', 'git=/home/me/.ssh/id_ed25519'],
    cacheFrom: ['type=registry,ref=127.0.0.1:5000/app:cache'],
    cacheTo: ['type=registry,ref=127.0.0.1:5000/app:cache,mode=max'],
    outputs: ['type=local,dest=out'],
    push: true,
    network: 'none',
    noCache: true,
    pull: true,
    builder: 'remote',
    provenance: 'mode=max',
    sbom: true,
    metadataFile: 'meta.json',
    iidFile: 'iid.txt',
    progress: 'rawjson',
  };

  it('maps every field to buildx flags, context last', () => {
    const cmd = buildCommand(every, engine('buildx'));
    assert.equal(cmd.command, '/usr/bin/docker');
    assert.deepEqual(cmd.args.slice(0, 2), ['buildx', 'build']);
    assert.equal(cmd.args.at(-1), 'ctx');
    const a = cmd.args;
    assert.deepEqual(flagValues(a, '--file'), ['ctx/Dockerfile.prod']);
    assert.deepEqual(flagValues(a, '--target'), ['final']);
    assert.deepEqual(flagValues(a, '--tag'), ['127.0.0.1:5000/app:1', 'app:latest']);
    assert.deepEqual(flagValues(a, '--platform'), ['linux/amd64,linux/arm64']);
    assert.deepEqual(flagValues(a, '--build-arg'), ['GREETING=hi there', 'EMPTY=']);
    assert.deepEqual(flagValues(a, '--label'), ['org.opencontainers.image.title=app']);
    assert.deepEqual(flagValues(a, '--secret'), ['id=npm,src=/run/npmrc', 'id=token,env=GH_TOKEN']);
    assert.deepEqual(flagValues(a, '--ssh'), ['default', 'git=/home/me/.ssh/id_ed25519']);
    assert.deepEqual(flagValues(a, '--cache-from'), ['type=registry,ref=127.0.0.1:5000/app:cache']);
    assert.deepEqual(flagValues(a, '--cache-to'), ['type=registry,ref=127.0.0.1:5000/app:cache,mode=max']);
    assert.deepEqual(flagValues(a, '--output'), ['type=local,dest=out']);
    assert.ok(a.includes('--push') && !a.includes('--load'));
    assert.deepEqual(flagValues(a, '--network'), ['none']);
    assert.ok(a.includes('--no-cache') && a.includes('--pull'));
    assert.deepEqual(flagValues(a, '--builder'), ['remote']);
    assert.deepEqual(flagValues(a, '--provenance'), ['mode=max']);
    assert.deepEqual(flagValues(a, '--sbom'), ['true']);
    assert.deepEqual(flagValues(a, '--metadata-file'), ['meta.json']);
    assert.deepEqual(flagValues(a, '--iidfile'), ['iid.txt']);
    assert.deepEqual(flagValues(a, '--progress'), ['rawjson']);
    assert.equal(cmd.progress, 'rawjson');
  });

  it('keeps a build arg value with spaces or = as one argument (no shell)', () => {
    const cmd = buildCommand(spec({ buildArgs: { X: 'a b=c; $(rm -rf /)' } }), engine('docker'));
    assert.deepEqual(flagValues(cmd.args, '--build-arg'), ['X=a b=c; $(rm -rf /)']);
  });

  it('passes DOCKER_HOST and DOCKER_CONFIG on, and adds DOCKER_BUILDKIT=1 only for docker build', () => {
    assert.deepEqual(buildCommand(spec(), engine('docker')).env, { ...ENV, DOCKER_BUILDKIT: '1' });
    assert.deepEqual(buildCommand(spec(), engine('buildx')).env, ENV);
    assert.deepEqual(buildCommand(spec(), engine('podman')).env, ENV);
  });

  it('asks for plain progress by default, which the parser reads', () => {
    assert.deepEqual(buildCommand(spec(), engine('buildx')).args, ['buildx', 'build', '--progress=plain', 'ctx']);
    assert.deepEqual(buildCommand(spec(), engine('docker')).args, ['build', '--progress=plain', 'ctx']);
    assert.equal(buildCommand(spec(), engine('docker')).progress, 'plain');
    assert.deepEqual(buildCommand(spec({ progress: 'quiet' }), engine('docker')).args, ['build', '--quiet', 'ctx']);
  });

  it('maps what docker build can do', () => {
    const cmd = buildCommand(
      spec({
        dockerfile: 'D',
        target: 't',
        tags: ['a:1'],
        platforms: ['linux/amd64'],
        buildArgs: { A: '1' },
        labels: { l: 'v' },
        secrets: [
          { id: 's', src: 'f' },
          { id: 'e', env: 'E' },
        ],
        ssh: ['default'],
        cacheFrom: ['a:cache'],
        outputs: ['type=tar,dest=o.tar'],
        load: true,
        network: 'none',
        noCache: true,
        pull: true,
        iidFile: 'iid',
      }),
      engine('docker'),
    );
    assert.deepEqual(cmd.args, [
      'build',
      '--file',
      'D',
      '--target',
      't',
      '--tag',
      'a:1',
      '--platform',
      'linux/amd64',
      '--build-arg',
      'A=1',
      '--label',
      'l=v',
      '--secret',
      'id=s,src=f',
      '--secret',
      'id=e,env=E',
      '--ssh',
      'default',
      '--cache-from',
      'a:cache',
      '--output',
      'type=tar,dest=o.tar',
      '--network',
      'none',
      '--no-cache',
      '--pull',
      '--iidfile',
      'iid',
      '--progress=plain',
      'ctx',
    ]);
  });

  it('maps what podman build can do, pull as always/never and a registry cache as its repository', () => {
    const cmd = buildCommand(
      spec({
        dockerfile: 'D',
        target: 't',
        tags: ['a:1'],
        platforms: ['linux/arm64'],
        buildArgs: { A: '1' },
        secrets: [{ id: 'e', env: 'E' }],
        cacheFrom: ['type=registry,ref=127.0.0.1:5000/cache'],
        cacheTo: ['127.0.0.1:5000/cache'],
        network: 'none',
        pull: false,
        iidFile: 'iid',
      }),
      engine('podman'),
    );
    assert.equal(cmd.command, '/usr/bin/podman');
    assert.deepEqual(cmd.args, [
      'build',
      '--file',
      'D',
      '--target',
      't',
      '--tag',
      'a:1',
      '--platform',
      'linux/arm64',
      '--build-arg',
      'A=1',
      '--secret',
      'id=e,env=E',
      '--cache-from',
      '127.0.0.1:5000/cache',
      '--cache-to',
      '127.0.0.1:5000/cache',
      '--network',
      'none',
      '--pull=never',
      '--iidfile',
      'iid',
      'ctx',
    ]);
    assert.equal(cmd.progress, 'podman');
    assert.ok(buildCommand(spec({ pull: true }), engine('podman')).args.includes('--pull=always'));
  });

  describe('refuses, before anything starts', () => {
    it('several platforms with load, on every engine', () => {
      for (const kind of ['buildx', 'docker', 'podman'] as const)
        refusal(
          () => buildCommand(spec({ platforms: ['linux/amd64', 'linux/arm64'], load: true }), engine(kind)),
          'load',
        );
    });

    it('several platforms on docker and podman', () => {
      for (const kind of ['docker', 'podman'] as const)
        refusal(
          () => buildCommand(spec({ platforms: ['linux/amd64', 'linux/arm64'] }), engine(kind)),
          'platforms',
          kind,
        );
    });

    it('cacheTo on the docker engine', () => {
      refusal(() => buildCommand(spec({ cacheTo: ['type=inline'] }), engine('docker')), 'cacheTo', 'docker');
    });

    it('builder, provenance, sbom and metadataFile outside buildx', () => {
      const buildxOnly: Partial<BuildSpec>[] = [
        { builder: 'b' },
        { provenance: false },
        { sbom: 'generator=x' },
        { metadataFile: 'm.json' },
      ];
      for (const kind of ['docker', 'podman'] as const) {
        for (const more of buildxOnly)
          refusal(() => buildCommand(spec(more), engine(kind)), Object.keys(more)[0], kind);
      }
    });

    it('push outside buildx (buildAndPushCommands pushes after the build instead)', () => {
      for (const kind of ['docker', 'podman'] as const)
        refusal(() => buildCommand(spec({ push: true, tags: ['a:1'] }), engine(kind)), 'push', kind);
    });

    it('progress modes the engine lacks', () => {
      refusal(() => buildCommand(spec({ progress: 'rawjson' }), engine('docker')), 'progress', 'docker');
      refusal(() => buildCommand(spec({ progress: 'tty' }), engine('podman')), 'progress', 'podman');
    });

    it('docker cache sources that are not a registry image (docker build reads each as a reference)', () => {
      refusal(() => buildCommand(spec({ cacheFrom: ['type=local,src=/c'] }), engine('docker')), 'cacheFrom', 'docker');
      assert.deepEqual(
        flagValues(
          buildCommand(spec({ cacheFrom: ['type=registry,ref=r/app:cache', 'r/app:1'] }), engine('docker')).args,
          '--cache-from',
        ),
        ['r/app:cache', 'r/app:1'],
      );
    });

    it('podman caches that are not one registry repository', () => {
      refusal(() => buildCommand(spec({ cacheFrom: ['type=local,src=/c'] }), engine('podman')), 'cacheFrom', 'podman');
      refusal(() => buildCommand(spec({ cacheTo: ['a/c', 'b/c'] }), engine('podman')), 'cacheTo', 'podman');
    });

    it('invalid input on any engine', () => {
      refusal(() => buildCommand(spec({ context: ' ' }), engine('buildx')), 'context');
      refusal(() => buildCommand(spec({ tags: ['My App:1'] }), engine('buildx')), 'tags');
      refusal(() => buildCommand(spec({ platforms: ['amd64 linux'] }), engine('buildx')), 'platforms');
      refusal(() => buildCommand(spec({ buildArgs: { 'A=B': 'x' } }), engine('buildx')), 'buildArgs');
      refusal(() => buildCommand(spec({ labels: { '': 'x' } }), engine('buildx')), 'labels');
      refusal(() => buildCommand(spec({ secrets: [{ id: 'a,b', src: 'f' }] }), engine('buildx')), 'secrets');
      refusal(
        () => buildCommand(spec({ secrets: [{ id: 'a', src: 'f', env: 'E' } as never] }), engine('buildx')),
        'secrets',
      );
      refusal(() => buildCommand(spec({ secrets: [{ id: 'a', src: 'f,type=env' }] }), engine('buildx')), 'secrets');
      refusal(() => buildCommand(spec({ push: true }), engine('buildx')), 'push');
    });

    it('lets no value be read as an option: a context or Dockerfile starting with -, a tag, a build arg name', () => {
      for (const context of ['-x', '--push', '-']) {
        const { args } = buildCommand(spec({ context, dockerfile: '-' }), engine('buildx'));
        assert.equal(args.at(-1), `./${context}`, 'the context, the one positional argument, is a path');
        assert.deepEqual(flagValues(args, '--file'), ['./-'], 'not the standard input');
        assert.ok(!args.includes('--push'), args.join(' '));
      }
      assert.equal(buildCommand(spec({ context: '/srv/-x' }), engine('podman')).args.at(-1), '/srv/-x');
      refusal(() => buildCommand(spec({ tags: ['--push'] }), engine('buildx')), 'tags');
      refusal(() => buildCommand(spec({ tags: ['app:1\n--push'] }), engine('buildx')), 'tags');
      refusal(() => buildCommand(spec({ buildArgs: { 'X --network=host': '1' } }), engine('buildx')), 'buildArgs');
      refusal(() => buildCommand(spec({ labels: { 'X\n--network': 'host' } }), engine('buildx')), 'labels');
      refusal(() => pushCommand('--all-tags', engine('docker')), 'tags');
      // a value is one argument, a line break or a leading - included; the flag before it takes it
      const { args } = buildCommand(
        spec({ target: '--push', buildArgs: { X: 'a\n--network=host' } }),
        engine('buildx'),
      );
      assert.deepEqual(flagValues(args, '--target'), ['--push']);
      assert.deepEqual(flagValues(args, '--build-arg'), ['X=a\n--network=host']);
      assert.equal(args.indexOf('--push'), args.indexOf('--target') + 1, 'only as the value of --target');
      assert.ok(!args.some((a) => a.startsWith('--network')), args.join(' '));
    });

    it('accepts the references people use', () => {
      const tags = [
        'app',
        'app:1.2.3-rc_1',
        'ghcr.io/org/app:v1',
        'localhost:5000/a/b/c:latest',
        `app@sha256:${'a'.repeat(64)}`,
      ];
      assert.deepEqual(flagValues(buildCommand(spec({ tags }), engine('buildx')).args, '--tag'), tags);
    });
  });
});

describe('pushCommand and buildAndPushCommands (unit)', () => {
  it('pushes with the engine binary and its environment', () => {
    assert.deepEqual(pushCommand('127.0.0.1:5000/app:1', engine('docker')), {
      command: '/usr/bin/docker',
      args: ['push', '127.0.0.1:5000/app:1'],
      env: { ...ENV, DOCKER_BUILDKIT: '1' },
    });
    assert.deepEqual(pushCommand('127.0.0.1:5000/app:1', engine('podman')).args, ['push', '127.0.0.1:5000/app:1']);
    refusal(() => pushCommand('Bad Tag', engine('docker')), 'tags');
  });

  it('asks podman, and only podman, to write the digest it pushed to a file', () => {
    const files = new Map([['a:1', '/tmp/a.digest']]);
    const [, podman] = buildAndPushCommands(spec({ tags: ['a:1'] }), engine('podman'), files);
    assert.deepEqual(podman.args, ['push', '--digestfile', '/tmp/a.digest', 'a:1']);
    const [, docker] = buildAndPushCommands(spec({ tags: ['a:1'] }), engine('docker'), files);
    assert.deepEqual(docker.args, ['push', 'a:1'], 'docker prints the digest and has no --digestfile');
    assert.deepEqual(pushCommand('a:1', engine('podman'), '--all-tags').args, [
      'push',
      '--digestfile',
      './--all-tags',
      'a:1',
    ]);
  });

  it('is one buildx command with --push, or a build then one push a tag', () => {
    const buildx = buildAndPushCommands(spec({ tags: ['a:1', 'a:2'] }), engine('buildx'));
    assert.equal(buildx.length, 1);
    assert.ok(buildx[0].args.includes('--push'));
    const docker = buildAndPushCommands(spec({ tags: ['a:1', 'a:2'] }), engine('docker'));
    assert.deepEqual(
      docker.map((c) => c.args[0]),
      ['build', 'push', 'push'],
    );
    assert.deepEqual(
      docker.slice(1).map((c) => c.args[1]),
      ['a:1', 'a:2'],
    );
    refusal(() => buildAndPushCommands(spec(), engine('docker')), 'push');
  });
});
