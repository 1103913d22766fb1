// Where a bench leaves machine-readable results for scripts/bench.mjs (see its header).
import fs from 'node:fs';

export function recordResults(results: unknown): void {
  const file = process.env.BENCH_RESULTS_FILE;
  if (file) fs.writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
}

export const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
export const percentile = (values: readonly number[], p: number): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];
