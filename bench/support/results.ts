// Where a bench leaves machine-readable results for scripts/bench.mjs (see its header).
import fs from 'node:fs';
import { seededRandom } from '../../test/support/seededRandom';

export function recordResults(results: unknown): void {
  const file = process.env.BENCH_RESULTS_FILE;
  if (file) fs.writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
}

export const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
export const percentile = (values: readonly number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

/**
 * median(a) / median(b), and its 95% interval by the bootstrap over rounds: rounds are drawn again
 * with replacement, a[i] and b[i] together, so drift that hit both runs of a round stays paired.
 */
export function medianRatio(
  a: readonly number[],
  b: readonly number[],
  resamples = 2000,
): { ratio: number; low: number; high: number } {
  const next = seededRandom(0x5eed);
  const ratios: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const pickA: number[] = [];
    const pickB: number[] = [];
    for (let i = 0; i < a.length; i++) {
      const k = Math.floor(next() * a.length);
      pickA.push(a[k]);
      pickB.push(b[k]);
    }
    ratios.push(median(pickA) / median(pickB));
  }
  return { ratio: median(a) / median(b), low: percentile(ratios, 0.025), high: percentile(ratios, 0.975) };
}
