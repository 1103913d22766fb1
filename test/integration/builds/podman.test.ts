import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCommand, detectEngine, type Engine } from '../../../src/core/builds';
import { exec, fixtureContext, run, RUN_ID } from './support';
import { skipOrFail } from '../../support/skipOrFail';

// scripts/test-env/setup.sh sets PODMAN_BIN when podman works here, with its storage under the test base.
describe('podman builds the same Dockerfile (integration)', function () {
  this.timeout(120_000);
  let engine: Engine;
  let context: string;
  const image = `localhost/dockwright-build-test/podman:${RUN_ID}`;

  before(async function () {
    const podman = process.env.PODMAN_BIN;
    if (!podman) {
      const message =
        'PODMAN_BIN is not set: podman is missing or cannot import images here. Run scripts/test-env/setup.sh as root and see run/podman.log under the test base.';
      skipOrFail(this, message);
    }
    engine = await detectEngine({ engine: 'podman', podmanPath: podman });
    context = fixtureContext('multistage');
  });

  after(async () => {
    if (context) fs.rmSync(context, { recursive: true, force: true });
    if (engine) await exec(engine.command, ['image', 'rm', '-f', image]);
  });

  it('builds the multi-stage fixture with a secret and --pull=never, and the image runs', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-podman-secret-'));
    const secretFile = path.join(dir, 'token');
    fs.writeFileSync(secretFile, `podman-${RUN_ID}`);
    try {
      const command = buildCommand(
        {
          context,
          target: 'final',
          tags: [image],
          pull: false,
          noCache: true,
          network: 'none',
          secrets: [{ id: 'token', src: secretFile }],
        },
        engine,
      );
      assert.ok(command.args.includes('--pull=never'));
      const build = await run(command, context);
      assert.equal(build.exitCode, 0, build.output);
      assert.deepEqual(build.progress.instructionSteps.find((s) => s.line === 16)?.logs, [
        `secret bytes: ${`podman-${RUN_ID}`.length}`,
      ]);
      // podman's default rlimits are above what this kind of sandbox lets runc set: ask for modest ones
      const limits = ['--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=1024:1024'];
      const greeting = await exec(engine.command, [
        'run',
        '--rm',
        '--network=none',
        ...limits,
        image,
        'cat',
        '/greeting',
      ]);
      assert.equal(greeting.stdout, 'greeting=hello', String(greeting.stderr));
      const history = await exec(engine.command, ['history', '--no-trunc', image]);
      assert.ok(!String(history.stdout).includes(`podman-${RUN_ID}`));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails the broken target, mapped to the failing line', async () => {
    const build = await run(
      buildCommand({ context, target: 'broken', pull: false, network: 'none', noCache: true }, engine),
      context,
    );
    assert.equal(build.exitCode, 3, 'podman passes the RUN exit code on');
    assert.equal(build.failure?.line, 11, build.output);
    assert.deepEqual(build.failure?.step?.logs, ['about to fail']);
  });
});
