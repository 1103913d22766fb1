#!/usr/bin/env node
// Tests in a real VS Code: code-server 4.100.3 (VS Code 1.100.3) with headless chromium as the
// client, through @vscode/test-electron's runTests and our wrapper test/host/vscode-ext-test.cjs.
// Steps: install what is missing, build the extension and the suite, package the .vsix and
// install it into code-server, then run the mocha suite inside the extension host on a copy of
// test/fixtures/host-workspace, in three windows (see runSuite). Writes { passes, failures,
// skipped } to DOCKWRIGHT_TEST_SUMMARY. `--bench` runs bench/host's benches instead, unpackaged.
//
// Outside CI a machine where code-server or chromium cannot be installed skips, saying what to
// install; with CI=true that is a failure. DOCKWRIGHT_UPDATE_SCREENSHOTS=1 writes the pictures
// to docs/images/ (otherwise to .vscode-test/screenshots/, so a test run leaves the tree clean).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { execa } from 'execa';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
process.chdir(root);
const CI = process.env.CI === 'true';
const codeServerEntry = path.join(root, '.vscode-test/cs/node_modules/code-server/out/node/entry.js');
const summary = { passes: 0, failures: 0, skipped: [] };
const problems = [];

function finish() {
  if (process.env.DOCKWRIGHT_TEST_SUMMARY)
    fs.writeFileSync(process.env.DOCKWRIGHT_TEST_SUMMARY, JSON.stringify(summary));
  for (const p of problems) console.log(`  problem: ${p}`);
  console.log(`VS Code host: ${summary.passes} passed, ${summary.failures} failed, ${summary.skipped.length} skipped`);
  process.exit(summary.failures > 0 ? 1 : 0);
}

function fail(message) {
  problems.push(message);
  summary.failures++;
}

/** Runs a step's command with its output shown; an argument array, never a shell. */
async function step(command, args, options = {}) {
  const result = await execa(command, args, { stdio: 'inherit', reject: false, ...options });
  return result.exitCode ?? 1;
}

async function install() {
  if ((await step('bash', ['scripts/install-code-server.sh'])) === 0) return true;
  const what =
    'tests in a real VS Code: code-server or chromium could not be installed; as root run ' +
    '`apt-get install -y chromium libkrb5-dev ripgrep` and `bash scripts/install-code-server.sh`';
  if (CI) fail(what);
  else summary.skipped.push(what);
  return false;
}

/**
 * The suite is TypeScript, bundled per file for the host (vscode and mocha come from the host):
 * test/host/suite/*.test.ts, or with `bench` bench/host/*.bench.ts.
 */
async function buildSuite(bench = false) {
  const [dir, suffix] = bench ? ['bench/host', '.bench.ts'] : ['test/host/suite', '.test.ts'];
  const entryPoints = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .map((f) => path.join(dir, f));
  await esbuild.build({
    entryPoints,
    outdir: 'out/host-suite',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

/** `npm run package`, then `code-server --install-extension` of that .vsix into a fresh extensions folder. */
async function packageAndInstall(tmp) {
  const vsix = path.join(tmp, 'dockwright.vsix');
  if ((await step('npm', ['run', '--silent', 'package', '--', '--out', vsix])) !== 0 || !fs.existsSync(vsix))
    return fail('npm run package did not make a .vsix');
  const dirs = [
    '--extensions-dir',
    path.join(tmp, 'vsix-extensions'),
    '--user-data-dir',
    path.join(tmp, 'vsix-user-data'),
  ];
  const installed = await execa(process.execPath, [codeServerEntry, ...dirs, '--install-extension', vsix], {
    reject: false,
    all: true,
  });
  if (installed.exitCode !== 0)
    return fail(`code-server --install-extension failed (exit ${installed.exitCode}):\n${installed.all}`);
  const listed = await execa(process.execPath, [codeServerEntry, ...dirs, '--list-extensions', '--show-versions'], {
    reject: false,
    all: true,
  });
  const version = JSON.parse(fs.readFileSync('package.json', 'utf8')).version;
  if (!listed.stdout.split('\n').includes(`dockwright.dockwright@${version}`))
    return fail(`the installed .vsix is not listed by code-server --list-extensions:\n${listed.all}`);
  console.log(
    `.vsix: ${(fs.statSync(vsix).size / 1024).toFixed(0)} KB, installed into code-server as dockwright.dockwright@${version}`,
  );
  summary.passes++;
}

/**
 * One run of the suite in a window of its own (test/host/suite/index.cjs picks the files for it):
 * `trusted` on the fixture workspace; `restricted` on it in Restricted Mode and without the test
 * hooks (untrusted.test.ts, publicApi.test.ts); `empty` on a folder with no Dockerfile
 * (emptyWorkspace.test.ts); `bench` runs bench/host's benches on the fixture workspace (`--bench`,
 * from bench/terminal.bench.ts).
 */
async function runSuite(tmp, name) {
  const restricted = name === 'restricted';
  const workspace = path.join(tmp, `workspace-${name}`);
  if (name === 'empty') fs.mkdirSync(workspace);
  else fs.cpSync('test/fixtures/host-workspace', workspace, { recursive: true });
  const hostSummary = path.join(tmp, `host-summary-${name}.json`);
  const screenshots =
    process.env.DOCKWRIGHT_UPDATE_SCREENSHOTS === '1'
      ? path.join(root, 'docs/images')
      : path.join(root, '.vscode-test/screenshots');
  try {
    await runTests({
      vscodeExecutablePath: path.join(root, 'test/host/vscode-ext-test.cjs'),
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'test/host/suite/index.cjs'),
      launchArgs: [workspace],
      extensionTestsEnv: {
        DOCKWRIGHT_HOST_SUMMARY: hostSummary,
        DOCKWRIGHT_HOST_WINDOW: name,
        DOCKWRIGHT_SCREENSHOT_DIR: path.join(tmp, 'screenshot-requests'),
        DOCKWRIGHT_SCREENSHOT_OUT: screenshots,
        ...(process.env.DOCKWRIGHT_HOST_GREP ? { DOCKWRIGHT_HOST_GREP: process.env.DOCKWRIGHT_HOST_GREP } : {}),
        ...(restricted ? { DOCKWRIGHT_WORKSPACE_TRUST: '1' } : {}),
        // Dockwright's test hooks (src/vscode/testHooks.ts), for the windows whose tests read them
        ...(name === 'trusted' || name === 'empty' || name === 'bench' ? { DOCKWRIGHT_TEST_HOOKS: '1' } : {}),
        ...(process.env.BENCH_RESULTS_FILE ? { BENCH_RESULTS_FILE: process.env.BENCH_RESULTS_FILE } : {}),
      },
    });
  } catch (error) {
    console.log(`runTests: ${error.message}`);
  }
  if (!fs.existsSync(hostSummary))
    return fail(`the ${name} suite inside VS Code reported nothing (it did not start, or crashed)`);
  const host = JSON.parse(fs.readFileSync(hostSummary, 'utf8'));
  summary.passes += host.passes;
  summary.failures += host.failures;
  summary.skipped.push(...host.skipped);
}

async function main() {
  // `--build-only`: compile the extension and the suite for launch.json's "Extension Tests".
  if (process.argv.includes('--build-only')) {
    const status = await step('npm', ['run', '--silent', 'build']);
    if (status === 0) await buildSuite();
    process.exit(status);
  }
  if (!(await install())) return finish();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-host-'));
  const bench = process.argv.includes('--bench');
  try {
    // Packaging builds with --production; the suite then runs on the ordinary build, with source maps.
    if (process.env.DOCKWRIGHT_HOST_GREP)
      console.log('DOCKWRIGHT_HOST_GREP is set: packaging skipped, only matching tests run');
    else if (!bench) await packageAndInstall(tmp);
    if ((await step('npm', ['run', '--silent', 'build'])) !== 0) fail('npm run build failed');
    else {
      await buildSuite(bench);
      for (const window of bench ? ['bench'] : ['trusted', 'restricted', 'empty']) await runSuite(tmp, window);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  finish();
}

main().catch((error) => {
  fail(`test/host/run.mjs: ${error.stack ?? error.message}`);
  finish();
});
