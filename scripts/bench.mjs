#!/usr/bin/env node
// `npm run bench [-- <name>...]`: builds dist/, then runs every bench/*.bench.ts (or the ones whose
// name contains a given word) one after the other, each in its own Node process, and writes all
// their results to .bench/results.json (gitignored).
//
// The contract for a bench file (bench/<area>.bench.ts):
//  - It runs as `node --import tsx bench/<area>.bench.ts` from the project root, after `npm run
//    build`, so it may use src/ through tsx and dist/ as users get it.
//  - It prints its own report lines to stdout: what it measured, the numbers, each goal and
//    whether it was met. Those lines are shown as they come.
//  - It may record machine-readable results by writing one JSON value to the file named in the
//    BENCH_RESULTS_FILE environment variable (bench/support/results.ts does it: recordResults()).
//    They land in .bench/results.json under the bench's name.
//  - A missing component (engine, corpus) is reported in a line and skipped, except with CI=true;
//    a failure exits non-zero. Timings are never asserted in tests, only reported here.
//  - BENCH_RUNS, where a bench repeats runs, sets how many.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execaSync } from 'execa';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const wanted = process.argv.slice(2);
const benches = fs
  .readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !wanted.length || wanted.some((w) => f.includes(w)))
  .sort();
if (!benches.length) {
  console.error(
    `no bench matches ${wanted.join(', ')}: there are ${fs
      .readdirSync('bench')
      .filter((f) => f.endsWith('.bench.ts'))
      .join(', ')}`,
  );
  process.exit(2);
}

console.log('[bench] building dist/');
if (execaSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit', reject: false }).exitCode !== 0) {
  console.error('[bench] the build failed');
  process.exit(1);
}

fs.mkdirSync('.bench', { recursive: true });
const report = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: os.availableParallelism(),
  cpuModel: os.cpus()[0]?.model,
  loadAverage: os.loadavg(),
  benches: {},
};
let failed = 0;
for (const file of benches) {
  const name = file.replace(/\.bench\.ts$/, '');
  const resultsFile = path.join('.bench', `${name}.json`);
  fs.rmSync(resultsFile, { force: true });
  console.log(`\n[bench] ${name}`);
  const started = Date.now();
  const run = execaSync('node', ['--import', 'tsx', path.join('bench', file)], {
    stdio: 'inherit',
    reject: false,
    env: { BENCH_RESULTS_FILE: path.resolve(resultsFile) },
  });
  const seconds = (Date.now() - started) / 1000;
  const entry = { exitCode: run.exitCode ?? 1, seconds };
  if (fs.existsSync(resultsFile)) entry.results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  report.benches[name] = entry;
  if (entry.exitCode !== 0) failed++;
}
fs.writeFileSync(path.join('.bench', 'results.json'), JSON.stringify(report, null, 2) + '\n');
console.log('\n[bench] summary');
for (const [name, entry] of Object.entries(report.benches))
  console.log(`  ${name.padEnd(12)} ${entry.exitCode === 0 ? 'ok    ' : 'FAILED'} ${entry.seconds.toFixed(1)} s`);
console.log(
  `  results in .bench/results.json (load average at the start: ${report.loadAverage.map((l) => l.toFixed(1)).join(' ')})`,
);
process.exit(failed ? 1 : 0);
