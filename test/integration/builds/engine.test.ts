import assert from 'node:assert/strict';
import { detectEngine, EngineNotFoundError } from '../../../src/core/builds';
import { DOCKER, requireEngine } from './support';

describe('engine detection with the real docker CLI (integration)', function () {
  this.timeout(30_000);

  before(async function () {
    await requireEngine(this);
  });

  it('auto picks docker with BuildKit when `docker buildx version` fails, keeping DOCKER_HOST, DOCKER_CONTEXT and DOCKER_CONFIG', async () => {
    const env = {
      DOCKER_HOST: process.env.DOCKER_HOST,
      DOCKER_CONFIG: '/tmp/cfg',
      DOCKER_CONTEXT: 'ctx',
      PATH: process.env.PATH,
      UNRELATED: 'x',
    };
    const engine = await detectEngine({ engine: 'auto', dockerPath: DOCKER, env });
    assert.deepEqual(engine, {
      kind: 'docker',
      command: DOCKER,
      env: { DOCKER_HOST: process.env.DOCKER_HOST, DOCKER_CONFIG: '/tmp/cfg', DOCKER_CONTEXT: 'ctx' },
    });
  });

  it('refuses buildx when asked for it and the plugin is missing, saying what to do', async () => {
    await assert.rejects(detectEngine({ engine: 'buildx', dockerPath: DOCKER }), (e: unknown) => {
      assert.ok(e instanceof EngineNotFoundError);
      assert.equal(e.kind, 'buildx');
      assert.match(
        e.message,
        /buildx version' failed: install the buildx plugin or set dockwright\.build\.engine to docker/,
      );
      return true;
    });
  });
});
