#!/usr/bin/env node
// `npm test`: every test, on a clean machine too. It installs and starts what the tests need
// (Docker engine, registries, code-server), runs each stage and prints one closing line. The test
// stages are the package.json scripts a person runs alone: test:unit, test:integration, test:host
// and test:grammar.
// With CI=true nothing may skip: a missing engine, registry or editor fails the run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execaSync } from 'execa';
import { loadTestEnvFile } from './lib/testEnvFile.cjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const CI = process.env.CI === 'true';
const totals = { passed: 0, failed: 0, skipped: [] };
const problems = [];
const started = Date.now();

function log(message) {
  console.log(`\n[test ${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${message}`);
}

/** Runs a command with inherited output; an argument array, never a shell string. */
function run(command, args, env = {}) {
  const result = execaSync(command, args, { stdio: 'inherit', env, reject: false });
  return result.exitCode ?? 1;
}

function stage(name, fn) {
  log(name);
  try {
    fn();
  } catch (error) {
    problems.push(`${name}: ${error.message}`);
    totals.failed++;
  }
}

/**
 * Runs a test runner that writes its counts to DOCKWRIGHT_TEST_SUMMARY and adds them to the
 * totals; the summary file goes when it has been read.
 */
function countedRun(what, command, args) {
  const summary = path.join(os.tmpdir(), `dockwright-summary-${process.pid}-${what.replace(/\W+/g, '-')}.json`);
  fs.rmSync(summary, { force: true });
  try {
    const status = run(command, args, { DOCKWRIGHT_TEST_SUMMARY: summary });
    if (!fs.existsSync(summary)) throw new Error(`${what} exited ${status} without a summary`);
    const s = JSON.parse(fs.readFileSync(summary, 'utf8'));
    totals.passed += s.passes;
    totals.failed += s.failures;
    totals.skipped.push(...s.skipped);
    if (status !== 0 && s.failures === 0) throw new Error(`${what} exited ${status}`);
  } finally {
    fs.rmSync(summary, { force: true });
  }
}

stage('static checks: eslint, tsc and prettier', () => {
  if (run('npm', ['run', '--silent', 'lint']) !== 0) throw new Error('lint, type check or format check failed');
  totals.passed++;
});

stage('bundle: esbuild', () => {
  if (run('npm', ['run', '--silent', 'build']) !== 0) throw new Error('build failed');
  totals.passed++;
});

if (fs.existsSync('scripts/test-env/setup.sh')) {
  stage('environment: Docker engine, registries', () => {
    const status = run('bash', ['scripts/test-env/setup.sh']);
    // What set-up has just written wins over what the shell had: the tests run against it.
    if (status === 0 && loadTestEnvFile({ override: true })) return;
    if (CI) throw new Error(`set-up failed (exit ${status})`);
    else
      console.log(
        'The Docker engine or registries could not be started: their tests will skip. Run scripts/test-env/setup.sh as root to see why.',
      );
  });
}

// After the environment: the integration tests run against it. Both runs go, whatever the first did.
stage('unit and integration tests (mocha)', () => {
  const errors = [];
  for (const [what, script] of [
    ['unit tests', 'test:unit'],
    ['integration tests', 'test:integration'],
  ]) {
    try {
      countedRun(what, 'npm', ['run', '--silent', script]);
    } catch (error) {
      errors.push(error.message);
    }
  }
  if (errors.length) throw new Error(errors.join('; '));
});

if (fs.existsSync('test/host/run.mjs')) {
  stage('tests in a real VS Code (code-server)', () =>
    countedRun('the VS Code host run', 'npm', ['run', '--silent', 'test:host']),
  );
}

// After the editor tests: they install code-server, whose built-in grammars are the second set.
if (fs.existsSync('scripts/test-grammar.mjs')) {
  stage('grammar tests', () => {
    if (run('npm', ['run', '--silent', 'test:grammar']) !== 0) throw new Error('grammar tests failed');
    totals.passed++;
  });
}

log('summary');
for (const p of problems) console.log(`  problem: ${p}`);
if (totals.skipped.length) {
  console.log(`  skipped${CI ? ' (not allowed with CI=true)' : ''}:`);
  for (const s of totals.skipped) console.log(`    - ${s}`);
}
const failed = totals.failed + (CI ? totals.skipped.length : 0);
console.log(`${totals.passed} passed, ${failed} failed, ${totals.skipped.length} skipped`);
process.exit(failed > 0 || problems.length ? 1 : 0);
