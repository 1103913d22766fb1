// Time to the first sizes on the Dockerfile after a build, as the user sees them: measured inside
// code-server (bench/host/sizesAfterBuild.bench.ts) through the host test harness, beside the
// engine's plain `history` of the same image in each round. The engines come from
// scripts/test-env/setup.sh; the harness installs code-server and chromium when they are missing.
import { loadExeca } from '../src/core/builds/execa';
import { loadTestEnv } from './support/testEnv';

async function main(): Promise<void> {
  loadTestEnv();
  const { execa } = await loadExeca();
  const run = await execa(process.execPath, ['test/host/run.mjs', '--bench'], {
    stdio: 'inherit',
    reject: false,
    env: { DOCKWRIGHT_HOST_GREP: 'first sizes after a build' },
  });
  process.exitCode = run.exitCode ?? 1;
}

void main();
