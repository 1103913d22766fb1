// Lints files on several threads: the main thread takes one share, worker threads the others.
// Worker start-up (loading the bundle again) costs tens of milliseconds, so small inputs stay
// on one thread.
import fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { ContextReads } from '../core/context';
import { lintFile, type FileJob, type FileReport } from './lintFile';

/** Below this many bytes of Dockerfiles a second thread costs more than it saves (see bench/lint.bench.ts). */
export const PARALLEL_MIN_BYTES = 128 * 1024;
const MAX_THREADS = 4;

export interface WorkerRequest {
  dockwrightLintJobs: FileJob[];
}

/**
 * How many threads suit these files: one for small inputs, else one per core but one (at most 4).
 * Every thread warms its own JIT, and V8's garbage collector and compilers run beside it on a
 * core of their own: on 2 cores, two threads linted the corpus in 3.0-3.15 s against 2.8-2.9 s
 * for one.
 */
export function threadsFor(
  jobs: readonly FileJob[],
  sizes: readonly number[],
  cores = os.availableParallelism(),
  requested?: number,
): number {
  // `--jobs N` is taken as asked, but never more threads than files: each costs a bundle load.
  if (requested !== undefined) return Math.max(1, Math.min(requested, jobs.length));
  const bytes = sizes.reduce((a, b) => a + b, 0);
  if (jobs.length < 2 || bytes < PARALLEL_MIN_BYTES) return 1;
  return Math.max(1, Math.min(cores - 1, MAX_THREADS, jobs.length));
}

function fileSizes(jobs: readonly FileJob[]): number[] {
  return jobs.map((j) => {
    try {
      return fs.statSync(j.file).size;
    } catch {
      return 0;
    }
  });
}

/**
 * Splits job indexes into `n` runs of neighbouring files (paths are sorted) of about equal bytes.
 * Neighbours share RUN texts (one project's variants, one image's versions) and each thread keeps
 * its own cache of parsed shell texts, so keeping them together saves parsing the same RUN twice.
 */
export function shares(sizes: readonly number[], n: number): number[][] {
  const weight = (i: number) => sizes[i] + 200; // every file has a fixed cost too
  const total = sizes.reduce((a, _, i) => a + weight(i), 0);
  const out: number[][] = [[]];
  let filled = 0;
  for (let i = 0; i < sizes.length; i++) {
    if (filled >= (total * out.length) / n && out.length < n) out.push([]);
    out[out.length - 1].push(i);
    filled += weight(i);
  }
  while (out.length < n) out.push([]);
  return out;
}

/**
 * Lints every job and returns the reports in the jobs' order. `workerScript` is the built CLI;
 * without it (e.g. under tsx) everything runs on this thread, with the run's build contexts as
 * read so far (`reads`).
 */
export async function lintAll(
  jobs: readonly FileJob[],
  threads: number | undefined,
  workerScript: string | undefined,
  reads: ContextReads,
): Promise<FileReport[]> {
  const sizes = fileSizes(jobs);
  const n = workerScript ? threadsFor(jobs, sizes, undefined, threads) : 1;
  if (n <= 1) return jobs.map((job) => lintFile(job, reads));
  const [own, ...others] = shares(sizes, n);
  const pending = others.map((share) =>
    runWorker(
      workerScript!,
      share.map((i) => jobs[i]),
    ).catch(() => share.map((i) => lintFile(jobs[i], reads))),
  );
  const reports: FileReport[] = new Array(jobs.length);
  for (const i of own) reports[i] = lintFile(jobs[i], reads);
  const done = await Promise.all(pending);
  others.forEach((share, k) => share.forEach((i, j) => (reports[i] = done[k][j])));
  return reports;
}

function runWorker(script: string, jobs: FileJob[]): Promise<FileReport[]> {
  return new Promise((resolve, reject) => {
    const request: WorkerRequest = { dockwrightLintJobs: jobs };
    const worker = new Worker(script, { workerData: request });
    worker.once('message', (reports: FileReport[]) => resolve(reports));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`lint worker exited with ${code}`)));
  });
}

/** The worker's side: lint the jobs it was given and post the reports back (plain data already). */
export function serveWorker(request: WorkerRequest, post: (reports: FileReport[]) => void): void {
  const reads = new ContextReads();
  post(request.dockwrightLintJobs.map((job) => lintFile(job, reads)));
}
