import { loadTestEnvFile } from '../../scripts/lib/testEnvFile.cjs';

/**
 * Loads the engine's and registries' addresses from $DOCKWRIGHT_TEST_BASE/env.sh (written by
 * scripts/test-env/setup.sh) through the same reader as scripts/test.mjs, unless DOCKER_HOST is
 * already set: then the caller's environment is taken as it is.
 */
export function loadTestEnv(): void {
  if (process.env.DOCKER_HOST) return;
  loadTestEnvFile({ override: true });
}
