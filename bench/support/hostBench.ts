// Runs the benches in bench/host whose titles match `grep`, inside code-server through the host
// test harness (which installs code-server and chromium when they are missing), with the engines
// of scripts/test-env/setup.sh.
import { loadExeca } from '../../src/core/builds/execa';
import { loadTestEnv } from './testEnv';

export async function runHostBench(grep: string): Promise<void> {
  loadTestEnv();
  const { execa } = await loadExeca();
  const run = await execa(process.execPath, ['test/host/run.mjs', '--bench'], {
    stdio: 'inherit',
    reject: false,
    env: { DOCKWRIGHT_HOST_GREP: grep },
  });
  process.exitCode = run.exitCode ?? 1;
}
