// Bundles the extension and the CLI. `--watch` rebuilds on change, `--production` minifies.
import * as fs from 'node:fs';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the shape of VS Code's esbuild problem matcher. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * esbuild escapes non-ASCII text in code but keeps comments as written, and one `…` in a kept
 * comment makes Node hold the whole bundle as two-byte text: 15-20 ms more on each CLI start.
 * Each character outside ASCII becomes one `?`, so the source maps' columns still hold.
 */
const asciiOnly = {
  name: 'ascii-only',
  setup(build) {
    build.onEnd(() => {
      const file = build.initialOptions.outfile;
      if (!fs.existsSync(file)) return;
      const text = fs.readFileSync(file, 'utf8');
      if (/[\u0080-\uffff]/.test(text)) fs.writeFileSync(file, text.replace(/[\u0080-\uffff]/g, '?'));
    });
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: watch ? [problemMatcher, asciiOnly] : [asciiOnly],
};

const configs = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // The core bundle for the editor (rules, builds, registry client), its own file: extension.js
  // requires it on first use, so activation does not pay for the parsers (bench/activation.bench.ts).
  { ...common, entryPoints: ['src/vscode/coreBundle.ts'], outfile: 'dist/core.js', external: ['vscode'] },
  // The CLI is two files: cli.js holds what a run served from the result cache needs (discovery,
  // the cache, the output) and loads cli-engine.js, the rules and parsers, only on a miss
  // (src/cli/loadEngine.ts): a warm run then loads 50 KB instead of 1.1 MB (bench/lint.bench.ts).
  // mvdan-sh (3 MB) stays in node_modules for the CLI: it loads only when a RUN is parsed, which
  // halves the start-up of a lint with no shell to read.
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['src/cli/engine.ts'], outfile: 'dist/cli-engine.js', external: ['mvdan-sh'] },
];

if (watch) {
  for (const config of configs) await (await esbuild.context(config)).watch();
} else {
  await Promise.all(configs.map((config) => esbuild.build(config)));
}
