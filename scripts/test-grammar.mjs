#!/usr/bin/env node
// Grammar tests: runs vscode-tmgrammar-test over test/grammar/*.test.* with the grammars that
// package.json contributes (the BuildKit injection and the .dockerignore grammar) on top of the
// grammars they build on: VS Code's Dockerfile grammar (source.dockerfile) and its shell grammar
// (source.shell, embedded in RUN heredocs). Those two come from the tm-grammars package, which
// ships the same files as VS Code's built-in docker and shellscript extensions. When the
// code-server that the editor tests install is there, the tests run a second time against the
// grammars of that exact VS Code (1.100). A control run without the injection must fail every
// case that asserts one of its scopes: it shows the assertions test the injection.
// Exits non-zero when any run does not go as expected.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const CI = process.env.CI === 'true';
const tool = path.join('node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');
const cases = fs
  .readdirSync('test/grammar')
  .filter((f) => /\.test\./.test(f))
  .map((f) => path.join('test/grammar', f));
const dockerfileCases = cases.filter((f) => f.endsWith('.dockerfile'));
// A catastrophic regex in a grammar or an assertion hangs the tool: stop it instead.
const TIMEOUT_MS = 120_000;

const baseGrammarSets = [
  {
    name: "tm-grammars (VS Code's docker and shellscript grammars)",
    dir: 'node_modules/tm-grammars/grammars',
    docker: 'docker.json',
    shell: 'shellscript.json',
    required: true,
  },
  {
    name: 'VS Code 1.100 built-in grammars (code-server)',
    dir: '.vscode-test/cs/node_modules/code-server/lib/vscode/extensions',
    docker: 'docker/syntaxes/docker.tmLanguage.json',
    shell: 'shellscript/syntaxes/shell-unix-bash.tmLanguage.json',
    required: false,
  },
];

async function runTool(args, label) {
  const result = await execa(process.execPath, [tool, ...args], { reject: false, timeout: TIMEOUT_MS, all: true });
  if (result.timedOut)
    return {
      ok: false,
      output: `${label}: timed out after ${TIMEOUT_MS / 1000}s (a regex that backtracks without end?)`,
    };
  return { ok: result.exitCode === 0, output: result.all ?? '' };
}

function baseArgs(set) {
  return ['-g', path.join(set.dir, set.docker), '-g', path.join(set.dir, set.shell)];
}

const problems = [];
if (!cases.length) problems.push('no grammar tests found in test/grammar');
if (!fs.existsSync(tool)) problems.push(`${tool} is missing: run npm install`);

// The contributions themselves: files exist, and every embedded scope maps to a language (so
// comment toggling and brackets in a heredoc body follow shell, not Dockerfile).
for (const g of JSON.parse(fs.readFileSync('package.json', 'utf8')).contributes?.grammars ?? []) {
  if (!fs.existsSync(g.path)) {
    problems.push(`package.json names a grammar that does not exist: ${g.path}`);
    continue;
  }
  const text = fs.readFileSync(g.path, 'utf8');
  const embedded = new Set(
    [...text.matchAll(/"(?:name|contentName)":\s*"(meta\.embedded\.[^"\s]+)"/g)].map((m) => m[1]),
  );
  for (const scope of embedded)
    if (!g.embeddedLanguages?.[scope])
      problems.push(`${g.path}: ${scope} has no embeddedLanguages entry in package.json`);
}

let ran = 0;
for (const set of problems.length ? [] : baseGrammarSets) {
  const present = fs.existsSync(path.join(set.dir, set.docker)) && fs.existsSync(path.join(set.dir, set.shell));
  if (!present) {
    if (set.required) problems.push(`${set.name}: not found in ${set.dir}; run npm install`);
    else if (process.env.CI === 'true')
      problems.push(
        `${set.name}: not found in ${set.dir} (with CI=true nothing may skip; the editor tests install it)`,
      );
    else console.log(`grammar tests: ${set.name} not installed, skipped (the editor tests install it)`);
    continue;
  }
  // package.json (the default --config) brings the project's own grammars and the injection target
  const { ok, output } = await runTool([...baseArgs(set), ...cases], set.name);
  console.log(`grammar tests against ${set.name}:\n${output}`);
  if (!ok) problems.push(`grammar tests failed against ${set.name}`);
  ran++;
}

if (!problems.length) {
  // The Dockerfile cases again with only the base grammars: every case that asserts a scope only
  // the injection gives must now fail, or its assertions do not test the injection.
  const expectedToFail = dockerfileCases.filter((f) => assertsAnyOf(f, injectionOnlyScopes()));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-grammar-'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{}');
  const { output } = await runTool(
    ['--config', path.join(dir, 'package.json'), ...baseArgs(baseGrammarSets[0]), ...expectedToFail],
    'control run',
  );
  fs.rmSync(dir, { recursive: true, force: true });
  const stillPassing = expectedToFail.filter((f) => !output.includes(`✖ ${f} failed`));
  if (!expectedToFail.length) problems.push('control run: no case asserts a scope of the injection grammar');
  else if (stillPassing.length)
    problems.push(`control run: without the injection grammar these cases still pass: ${stillPassing.join(', ')}`);
  else
    console.log(
      `grammar tests: without the injection grammar all ${expectedToFail.length} cases that assert its scopes fail, as they should`,
    );
}

/** Scope names the injection grammar gives and VS Code's Dockerfile grammar does not. */
function injectionOnlyScopes() {
  const names = (file) =>
    new Set(
      [...fs.readFileSync(file, 'utf8').matchAll(/"(?:name|contentName)":\s*"([^"]+)"/g)].flatMap((m) =>
        m[1].split(/\s+/),
      ),
    );
  const injection = JSON.parse(fs.readFileSync('package.json', 'utf8')).contributes.grammars.find((g) =>
    g.injectTo?.includes('source.dockerfile'),
  );
  const base = names(path.join(baseGrammarSets[0].dir, baseGrammarSets[0].docker));
  return new Set([...names(injection.path)].filter((n) => !base.has(n)));
}

/** Whether a test case requires (not excludes) any of the scopes in one of its assertion lines. */
function assertsAnyOf(file, scopes) {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .some(
      (line) =>
        /^#\s*(\^|<-)/.test(line) &&
        line
          .replace(/^#\s*(\^+|<-+)\s*/, '')
          .split(/(?:^|\s)-(?:\s|$)/)[0]
          .split(/\s+/)
          .some((s) => scopes.has(s)),
    );
}

if (CI && ran < 1) problems.push('no grammar run happened');
for (const p of problems) console.error(`grammar tests: ${p}`);
console.log(
  `grammar tests: ${cases.length} case files, ${ran} grammar set(s), ${problems.length ? 'FAILED' : 'all passed'}`,
);
process.exit(problems.length ? 1 : 0);
