import fs from 'node:fs';
import path from 'node:path';

/**
 * Loads the engine's and registries' addresses from $DOCKWRIGHT_TEST_BASE/env.sh (written by
 * scripts/test-env/setup.sh), the way scripts/test.mjs does, unless DOCKER_HOST is already set.
 */
export function loadTestEnv(): void {
  if (process.env.DOCKER_HOST) return;
  const file = path.join(process.env.DOCKWRIGHT_TEST_BASE ?? '/tmp/dockwright-test-env', 'env.sh');
  if (!fs.existsSync(file)) return;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^export ([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) process.env[m[1]] = m[2];
  }
}
