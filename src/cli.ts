// `dockwright lint`: the rules engine on the command line, for CI.
import fs from 'node:fs';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { version } from '../package.json';
import { runCli } from './cli/main';
import { serveWorker, type WorkerRequest } from './cli/pool';
import { printable } from './core/printable';

if (!isMainThread && (workerData as WorkerRequest | undefined)?.dockwrightLintJobs) {
  // The same bundle is the lint worker: one file to build, and to load.
  serveWorker(workerData as WorkerRequest, (reports) => parentPort!.postMessage(reports));
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

/** The version with the bundle's size and time, so that a rebuilt CLI never reuses the old one's cached results. */
function bundleStamp(): string {
  try {
    const { size, mtimeMs } = fs.statSync(__filename);
    return `${version}+${size}.${mtimeMs}`;
  } catch {
    return version;
  }
}
