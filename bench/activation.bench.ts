// Activation time: loading dist/extension.js plus activate(), in a fresh Node process each run
// (the bundle's load cost is only paid once per process). Goal: under 25 ms.
// Run alone: `npx tsx bench/activation.bench.ts` (`npm run bench` runs it with the others).
//
// The VS Code API is a small fake built below. This is the one place a fake vscode module is
// acceptable: the bench measures the cost of our own code (bundle parse, module init, the
// registrations activate() makes), not VS Code's; the real extension host is tested in test/host.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const bundle = path.join(root, 'dist/extension.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const GOAL_MS = 25;

/** Runs in a plain `node` (no tsx hooks, which would slow require down): fake vscode, then time. */
const probe = `
const Module = require('node:module');
// Values whose meaning matters at activation; everything else is a stand-in that accepts any
// call, construction or property, so the bench keeps running as the extension uses more API.
const known = {
  workspace: { textDocuments: [], workspaceFolders: undefined },
  window: { tabGroups: { all: [] }, visibleTextEditors: [], activeTextEditor: undefined },
  env: { appName: 'bench' },
};
function standIn(shape) {
  const cache = new Map();
  const target = function () {};
  const get = (_, prop) => {
      if (prop === Symbol.iterator) return function* () {};
      if (prop === 'then') return undefined; // not a promise
      if (prop === Symbol.toPrimitive) return () => 0;
      if (shape && typeof shape === 'object' && prop in shape) {
        const value = shape[prop];
        return value && typeof value === 'object' && !Array.isArray(value) ? (cache.get(prop) ?? cache.set(prop, standIn(value)).get(prop)) : value;
      }
      if (!cache.has(prop)) cache.set(prop, standIn());
      return cache.get(prop);
  };
  // esbuild's __toESM copies own keys and then reads through the prototype: serve it there too.
  const prototype = new Proxy({}, { get });
  return new Proxy(target, {
    get,
    getPrototypeOf: () => prototype,
    set(_, prop, value) { cache.set(prop, value); return true; },
    apply() { return standIn(); },
    construct() { return standIn(); },
  });
}
const vscode = standIn(known);
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
const context = { subscriptions: [], extensionPath: ${JSON.stringify(root)} };
const t0 = performance.now();
const extension = require(${JSON.stringify(bundle)});
const t1 = performance.now();
extension.activate(context);
const t2 = performance.now();
// Not activation: what the first Dockerfile pays later, when the linter requires the engine.
require(${JSON.stringify(path.join(root, 'dist/core.js'))});
const t3 = performance.now();
console.log(JSON.stringify({ require: t1 - t0, activate: t2 - t1, engine: t3 - t2 }));
`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  // execa is ESM-only and this file runs as CommonJS under tsx: load it dynamically.
  const { execa } = await import('execa');
  if (!fs.existsSync(bundle) || !fs.existsSync(path.join(root, 'dist/core.js')))
    await execa('node', [path.join(root, 'scripts/esbuild.mjs')], { stdio: 'inherit' });
  const samples: { require: number; activate: number; engine: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { stdout } = await execa(process.execPath, ['--eval', probe], { cwd: root, env: { NODE_OPTIONS: '' } });
    samples.push(JSON.parse(stdout.trim().split('\n').pop()!));
  }
  const req = median(samples.map((s) => s.require));
  const act = median(samples.map((s) => s.activate));
  const total = median(samples.map((s) => s.require + s.activate));
  const engine = median(samples.map((s) => s.engine));
  const size = (fs.statSync(bundle).size / 1024).toFixed(0);
  console.log(
    `activation: ${total.toFixed(1)} ms median over ${RUNS} fresh processes ` +
      `(require of dist/extension.js ${req.toFixed(1)} ms, ${size} KB; activate() ${act.toFixed(2)} ms); goal < ${GOAL_MS} ms: ${total < GOAL_MS ? 'met' : 'NOT met'}`,
  );
  console.log(`  later, on the first Dockerfile: require of dist/core.js ${engine.toFixed(1)} ms`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
