#!/usr/bin/env node
// `npm run watch`: esbuild's watch (scripts/esbuild.mjs --watch, rebuilding dist/) and tsc's
// (`tsc --noEmit --watch`, type errors as you save) side by side in one terminal. esbuild does not
// check types, so without tsc a type error would show only at `npm run lint`. Ctrl+C, or the end of
// either watcher, stops both.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const watchers = [
  // Its `[watch] build started/finished` lines are what .vscode/tasks.json's problem matcher waits for.
  execa(process.execPath, ['scripts/esbuild.mjs', '--watch'], { stdio: 'inherit', reject: false }),
  // --preserveWatchOutput: tsc would otherwise clear the terminal, esbuild's lines with it.
  execa('tsc', ['--noEmit', '--watch', '--preserveWatchOutput', '-p', '.'], {
    preferLocal: true,
    stdio: 'inherit',
    reject: false,
  }),
];

let stopping = false;
function stopAll(signal = 'SIGTERM') {
  if (stopping) return;
  stopping = true;
  for (const watcher of watchers) watcher.kill(signal);
}
let received;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    received ??= signal;
    stopAll(signal);
  });
}

// The first watcher to end (a crash, or a signal) ends the other.
const first = await Promise.race(watchers);
stopAll();
await Promise.all(watchers);
if (received) process.exit(0);
console.error(
  `watch: ${first.command} ended (${first.signal ?? `exit ${first.exitCode}`}); the other watcher is stopped too`,
);
process.exit(first.exitCode || 1);
