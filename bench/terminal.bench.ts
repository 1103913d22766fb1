// Line latency as far as the eye: from a RUN in the container printing a line to the real VS Code's
// terminal drawing it, next to our callback's time for the same lines. The measuring runs inside
// code-server (bench/host/terminalLatency.bench.ts) through the host test harness, which installs
// code-server and chromium when they are missing; the engine comes from scripts/test-env/setup.sh.
import { runHostBench } from './support/hostBench';

// bench/host holds other benches too, each run by its own bench file
void runHostBench('terminal latency');
