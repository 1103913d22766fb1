// `dockwright lint`: the rules engine on the command line, for CI. This bundle holds what a run
// served from the result cache needs; the engine (dist/cli-engine.js) loads on first use.
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { version } from '../package.json';
import { ENGINE_BUNDLE, loadEngine } from './cli/loadEngine';
import { runCli } from './cli/main';
import type { WorkerRequest } from './cli/pool';
import { printable } from './core/printable';

// V8 sizes its heap for throughput: on a long lint, old space grew to four times the 30-50 MB
// live between full collections, and the young generation to 32 MB (257 MB peak RSS on 5,174
// files). V8 reads these two at each collection, so they hold though the heap is made already:
// old space grows by 10% over what a collection leaves, the young generation keeps its first
// size. 122 MB on those files, for no more CPU measured (docs/performance.md, "Memory").
v8.setFlagsFromString('--heap-growing-percent=10');
v8.setFlagsFromString('--semi-space-growth-factor=1');

if (!isMainThread && (workerData as WorkerRequest | undefined)?.dockwrightLintJobs) {
  // The same bundle is the lint worker's entry: one file to name, the engine loaded as on the main thread.
  loadEngine().serveWorker(workerData as WorkerRequest, (reports) => parentPort!.postMessage(reports));
} else {
  runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    version,
    build: bundleStamp(),
    // Worker threads need the built bundle; under tsx the CLI runs on one thread.
    workerScript: __filename.endsWith('.js') ? __filename : undefined,
  }).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      // a stack's lines may quote a file name: each line's controls are shown, not acted on
      const lines = ((error as Error)?.stack ?? String(error)).split('\n').map(printable);
      process.stderr.write(`dockwright: internal error: ${lines.join('\n')}\n`);
      process.exitCode = 2;
    },
  );
}

/**
 * The version with both bundles' sizes and times, so that a rebuilt CLI never reuses the old
 * one's cached results.
 */
function bundleStamp(): string {
  try {
    const stamps = [__filename, path.join(__dirname, ENGINE_BUNDLE)].map((file) => {
      const { size, mtimeMs } = fs.statSync(file);
      return `${size}.${mtimeMs}`;
    });
    return `${version}+${stamps.join('+')}`;
  } catch {
    return version;
  }
}
