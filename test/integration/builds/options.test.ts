import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCommand, detectEngine, type Engine } from '../../../src/core/builds';
import { docker, DOCKER, exec, fixtureContext, requireEngine, run, RUN_ID } from './support';

describe('build options on the real engine (integration)', function () {
  this.timeout(120_000);
  let engine: Engine;
  let context: string;
  let scratch: string;

  before(async function () {
    engine = await requireEngine(this);
    context = fixtureContext('multistage');
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-build-options-'));
  });

  after(() => {
    for (const dir of [context, scratch]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the image id to iidFile and the file system to a local output', async () => {
    const iidFile = path.join(scratch, 'iid');
    const tagged = await run(
      buildCommand(
        { context, target: 'base', network: 'none', tags: [`dockwright-build-test/iid:${RUN_ID}`], iidFile },
        engine,
      ),
      context,
    );
    assert.equal(tagged.exitCode, 0, tagged.output);
    assert.equal(
      fs.readFileSync(iidFile, 'utf8').trim(),
      (await docker('image', 'inspect', '--format', '{{.Id}}', `dockwright-build-test/iid:${RUN_ID}`)).trim(),
    );
    await docker('image', 'rm', `dockwright-build-test/iid:${RUN_ID}`);

    const out = path.join(scratch, 'rootfs');
    const exported = await run(
      buildCommand({ context, target: 'build', network: 'none', outputs: [`type=local,dest=${out}`] }, engine),
      context,
    );
    assert.equal(exported.exitCode, 0, exported.output);
    assert.equal(fs.readFileSync(path.join(out, 'app.out'), 'utf8'), 'app\n');
    assert.equal(fs.readFileSync(path.join(out, 'greeting'), 'utf8'), 'greeting=hello\n');
  });

  it('honours DOCKER_CONTEXT: with DOCKER_HOST unset, a context naming the engine builds', async () => {
    const config = path.join(scratch, 'docker-config');
    fs.mkdirSync(config);
    const name = `dockwright-${RUN_ID}`;
    const created = await exec(DOCKER, [
      '--config',
      config,
      'context',
      'create',
      name,
      '--docker',
      `host=${process.env.DOCKER_HOST}`,
    ]);
    assert.equal(created.exitCode, 0, String(created.stderr));
    const viaContext = await detectEngine({
      engine: 'docker',
      dockerPath: DOCKER,
      env: { DOCKER_CONTEXT: name, DOCKER_CONFIG: config },
    });
    assert.deepEqual(viaContext.env, { DOCKER_CONTEXT: name, DOCKER_CONFIG: config });
    const command = buildCommand({ context, target: 'base', network: 'none' }, viaContext);
    // the runner adds the command's env to its own: take DOCKER_HOST out of what it inherits
    const saved = process.env.DOCKER_HOST;
    delete process.env.DOCKER_HOST;
    try {
      const build = await run(command, context);
      assert.equal(build.exitCode, 0, build.output);
      assert.ok(build.progress.instructionSteps.length > 0);
      // and a context that names nothing fails, so the build above really went through the context
      const broken = await run({ ...command, env: { ...command.env, DOCKER_CONTEXT: 'no-such-context' } }, context);
      assert.notEqual(broken.exitCode, 0);
      assert.match(broken.output, /no-such-context/);
    } finally {
      process.env.DOCKER_HOST = saved;
    }
  });

  it('forwards an ssh key as an agent socket to RUN --mount=type=ssh', async () => {
    const key = path.join(scratch, 'deploy_key');
    const keygen = await exec('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'dockwright-test', '-f', key]);
    assert.equal(keygen.exitCode, 0, String(keygen.stderr));
    const dir = path.join(scratch, 'ssh-context');
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, 'Dockerfile'),
      'FROM local/busybox:1\nRUN --mount=type=ssh,id=deploy test -S "$SSH_AUTH_SOCK" && echo "agent socket at $SSH_AUTH_SOCK"\n',
    );
    const build = await run(
      buildCommand({ context: dir, network: 'none', noCache: true, ssh: [`deploy=${key}`] }, engine),
      dir,
    );
    assert.equal(build.exitCode, 0, build.output);
    assert.match(
      build.progress.instructionSteps[1].logs.join('\n'),
      /^agent socket at \/run\/buildkit\/ssh_agent\.\d+$/,
    );
    const without = await run(buildCommand({ context: dir, network: 'none', noCache: true }, engine), dir);
    assert.notEqual(without.exitCode, 0, 'without --ssh the mount has nothing to forward');
  });

  it('maps a Dockerfile syntax error to its line', async () => {
    const dir = fixtureContext('parse-error');
    try {
      const build = await run(buildCommand({ context: dir, network: 'none' }, engine), dir);
      assert.equal(build.exitCode, 1);
      assert.equal(build.failure?.line, 2, build.output);
      assert.match(build.failure!.message, /unknown instruction: FOO/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
