// Time to the first sizes on the Dockerfile after a build, as the user sees them: measured inside
// code-server (bench/host/sizesAfterBuild.bench.ts) through the host test harness, beside the
// engine's plain `history` of the same image in each round. The engines come from
// scripts/test-env/setup.sh; the harness installs code-server and chromium when they are missing.
import { runHostBench } from './support/hostBench';

void runHostBench('first sizes after a build');
