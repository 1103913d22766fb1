// Lints files on several threads: the main thread takes one share, worker threads the others.
// Worker start-up (loading the bundle again) costs tens of milliseconds, so small inputs stay
// on one thread.
import fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { lintFile, type FileJob, type FileReport } from './lintFile';

/** Below this many bytes of Dockerfiles a second thread costs more than it saves (see bench/lint.bench.ts). */
export const PARALLEL_MIN_BYTES = 128 * 1024;
const MAX_THREADS = 4;

export interface WorkerRequest {
  dockwrightLintJobs: FileJob[];
}

/** How many threads suit these files: one for small inputs, else one per core (at most 4). */
export function threadsFor(jobs: readonly FileJob[], sizes: readonly number[]): number {
  const bytes = sizes.reduce((a, b) => a + b, 0);
  if (jobs.length < 2 || bytes < PARALLEL_MIN_BYTES) return 1;
  return Math.max(1, Math.min(os.availableParallelism(), MAX_THREADS, jobs.length));
}

export function fileSizes(jobs: readonly FileJob[]): number[] {
  return jobs.map((j) => {
    try {
      return fs.statSync(j.file).size;
    } catch {
      return 0;
    }
  });
}

/** Splits job indexes into `n` shares of about equal bytes: largest first, each to the lightest share. */
export function shares(sizes: readonly number[], n: number): number[][] {
  const out = Array.from({ length: n }, () => ({ bytes: 0, items: [] as number[] }));
  const order = sizes.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a]);
  for (const i of order) {
    const lightest = out.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    lightest.items.push(i);
    lightest.bytes += sizes[i] + 200; // every file has a fixed cost too
  }
  return out.map((s) => s.items.sort((a, b) => a - b));
}

/**
 * Lints every job and returns the reports in the jobs' order. `workerScript` is the built CLI;
 * without it (e.g. under tsx) everything runs on this thread.
 */
export async function lintAll(jobs: readonly FileJob[], threads: number | undefined, workerScript: string | undefined): Promise<FileReport[]> {
  const sizes = fileSizes(jobs);
  const n = workerScript ? (threads ?? threadsFor(jobs, sizes)) : 1;
  if (n <= 1) return jobs.map(lintFile);
  const [own, ...others] = shares(sizes, n);
  const pending = others.map((share) => runWorker(workerScript!, share.map((i) => jobs[i])).catch(() => share.map((i) => lintFile(jobs[i]))));
  const reports: FileReport[] = new Array(jobs.length);
  for (const i of own) reports[i] = lintFile(jobs[i]);
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

/** The worker's side: lint the jobs it was given and post the reports back. */
export function serveWorker(request: WorkerRequest, post: (reports: FileReport[]) => void): void {
  post(request.dockwrightLintJobs.map(lintFile));
}
