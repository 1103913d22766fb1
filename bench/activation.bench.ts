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
const disposable = { dispose() {} };
const event = () => disposable;
class CodeActionKind {
  constructor(value) { this.value = value; }
  append(part) { return new CodeActionKind(this.value + '.' + part); }
  contains(other) { return other.value === this.value || other.value.startsWith(this.value + '.'); }
}
CodeActionKind.QuickFix = new CodeActionKind('quickfix');
CodeActionKind.SourceFixAll = new CodeActionKind('source.fixAll');
const vscode = {
  CodeActionKind,
  EventEmitter: class { constructor() { this.event = event; } fire() {} dispose() {} },
  Disposable: class { constructor(fn) { this.dispose = fn; } },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  languages: {
    createDiagnosticCollection: () => ({ set() {}, delete() {}, forEach() {}, dispose() {} }),
    registerCodeActionsProvider: () => disposable,
  },
  workspace: {
    textDocuments: [],
    onDidOpenTextDocument: event, onDidChangeTextDocument: event, onDidCloseTextDocument: event,
    onDidDeleteFiles: event, onDidChangeConfiguration: event,
  },
  window: { tabGroups: { all: [], onDidChangeTabs: event } },
  commands: { registerCommand: () => disposable },
};
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
const context = { subscriptions: [], extensionPath: ${JSON.stringify(root)} };
const t0 = performance.now();
const extension = require(${JSON.stringify(bundle)});
const t1 = performance.now();
extension.activate(context);
const t2 = performance.now();
// Not activation: what the first Dockerfile pays later, when the linter requires the engine.
require(${JSON.stringify(path.join(root, 'dist/engine.js'))});
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
  if (!fs.existsSync(bundle) || !fs.existsSync(path.join(root, 'dist/engine.js'))) await execa('node', [path.join(root, 'scripts/esbuild.mjs')], { stdio: 'inherit' });
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
  console.log(`activation: ${total.toFixed(1)} ms median over ${RUNS} fresh processes ` +
    `(require of dist/extension.js ${req.toFixed(1)} ms, ${size} KB; activate() ${act.toFixed(2)} ms); goal < ${GOAL_MS} ms: ${total < GOAL_MS ? 'met' : 'NOT met'}`);
  console.log(`  later, on the first Dockerfile: require of dist/engine.js ${engine.toFixed(1)} ms`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
