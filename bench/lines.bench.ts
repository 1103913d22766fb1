// The progress parser on a line that never ends (issue 13, item 22): 16 MiB without a line break,
// in 64 KiB chunks as the runner hands them over, through each progress mode, next to the same
// bytes as ordinary 100-character lines. The splitter used to take 9.7 s on the first; the goal
// is that a line with no end costs no more than the same bytes in lines. The unit tests assert
// the work by counting (test/unit/builds/lines.test.ts); the time is measured only here.
import { BuildProgress, progressParser, type ProgressFormat } from '../src/core/builds';
import { median, recordResults } from './support/results';

const CHUNK = 64 * 1024;
const TOTAL = 16 * 1024 * 1024;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function chunks(text: string): string[] {
  const out: string[] = [];
  for (let sent = 0; sent < TOTAL; sent += CHUNK) out.push(text);
  return out;
}

const endless = chunks('a'.repeat(CHUNK));
const lined = chunks(`${'#1 0.100 '.padEnd(99, 'a')}\n`.repeat(Math.ceil(CHUNK / 100)).slice(0, CHUNK));
const PREFIX: Record<ProgressFormat, string> = {
  plain: '#1 [1/1] RUN ./noisy\n#1 0.100 ',
  podman: 'STEP 1/1: RUN ./noisy\n',
  rawjson: '',
  none: '',
};

function feed(format: ProgressFormat, pieces: readonly string[]): number {
  const started = performance.now();
  const parser = progressParser(format, new BuildProgress());
  const stream = format === 'podman' ? 'stdout' : 'stderr';
  parser.push(PREFIX[format], stream);
  for (const piece of pieces) parser.push(piece, stream);
  parser.end(0);
  return performance.now() - started;
}

const results: Record<string, { endlessMs: number; linedMs: number }> = {};
for (const format of ['plain', 'podman', 'rawjson', 'none'] as const) {
  const endlessMs = median(Array.from({ length: RUNS }, () => feed(format, endless)));
  const linedMs = median(Array.from({ length: RUNS }, () => feed(format, lined)));
  results[format] = { endlessMs, linedMs };
  const goal = endlessMs <= Math.max(linedMs, 50) ? 'met' : 'NOT met';
  console.log(
    `progress ${format}, 16 MiB in 64 KiB chunks: one endless line ${endlessMs.toFixed(1)} ms, 100-character lines ${linedMs.toFixed(1)} ms; goal endless ≤ lined (or 50 ms): ${goal}`,
  );
}
recordResults(results);
