import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { detectEngine, engineEnv, EngineNotFoundError } from '../../../src/core/builds';

// No buildx plugin can be installed on the machines these tests run on, so a stand-in `docker`
// script answers `buildx version` the way a CLI with the plugin does. The real CLI's answers are
// in test/integration/build/engine.test.ts.
function fakeDocker(dir: string, buildxWorks: boolean): string {
  const file = path.join(dir, buildxWorks ? 'docker-with-buildx' : 'docker-without-buildx');
  fs.writeFileSync(
    file,
    [
      '#!/bin/sh',
      'if [ "$1 $2" = "buildx version" ]; then',
      buildxWorks
        ? '  echo "github.com/docker/buildx v0.12.1 30feaa1"; exit 0'
        : '  echo "docker: \'buildx\' is not a docker command." >&2; exit 1',
      'fi',
      '[ "$1" = "--version" ] && echo "Docker version 20.10.24" && exit 0',
      'exit 1',
    ].join('\n'),
  );
  fs.chmodSync(file, 0o755);
  return file;
}

describe('detectEngine (unit)', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-engine-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('auto picks buildx when `docker buildx version` works, else docker with BuildKit', async () => {
    assert.equal((await detectEngine({ dockerPath: fakeDocker(dir, true), env: {} })).kind, 'buildx');
    assert.equal((await detectEngine({ dockerPath: fakeDocker(dir, false), env: {} })).kind, 'docker');
  });

  it('the docker setting never asks for buildx', async () => {
    assert.equal((await detectEngine({ engine: 'docker', dockerPath: fakeDocker(dir, true), env: {} })).kind, 'docker');
  });

  it('a missing docker binary is a clear error naming the setting', async () => {
    for (const engine of ['auto', 'docker', 'buildx'] as const) {
      await assert.rejects(detectEngine({ engine, dockerPath: '/nonexistent/docker', env: {} }), (e: unknown) => {
        assert.ok(e instanceof EngineNotFoundError, String(e));
        assert.equal(
          e.message,
          "Docker was not found at '/nonexistent/docker'. Install Docker, or set dockwright.dockerPath to its full path.",
        );
        return true;
      });
    }
  });

  it('a missing podman binary is a clear error', async () => {
    await assert.rejects(
      detectEngine({ engine: 'podman', podmanPath: '/nonexistent/podman', env: {} }),
      /podman was not found at '\/nonexistent\/podman'/,
    );
  });

  it('passes DOCKER_HOST, DOCKER_CONTEXT and DOCKER_CONFIG on, and nothing else', async () => {
    const env = {
      DOCKER_HOST: 'tcp://127.0.0.1:2375',
      DOCKER_CONTEXT: 'remote',
      DOCKER_CONFIG: '/cfg',
      HOME: '/root',
      DOCKER_BUILDKIT: '0',
    };
    assert.deepEqual(engineEnv(env), {
      DOCKER_HOST: 'tcp://127.0.0.1:2375',
      DOCKER_CONTEXT: 'remote',
      DOCKER_CONFIG: '/cfg',
    });
    const engine = await detectEngine({ dockerPath: fakeDocker(dir, true), env });
    assert.deepEqual(engine.env, engineEnv(env));
  });
});
