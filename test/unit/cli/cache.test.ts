import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseCache, serializeCache, type CacheEntry } from '../../../src/cli/cacheFile';
import { runCli } from '../../../src/cli/main';
import { cacheFileFor } from '../../../src/cli/resultCache';
import type { SettingsReading } from '../../../src/cli/runSettings';
import { buildCli, cleanTemps, cliPath, dockwright, tempCopy, write } from './support';
import { corpusOrSkip, corpusRoot } from '../real-world/sharedCorpus';

const DOCKERFILE = 'FROM alpine:3.20\nCOPY app.py /app/\nRUN echo hi\n';
const FORGED = 'served from the cache';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  version?: string;
  build?: string;
  env?: NodeJS.ProcessEnv;
}

/** `dockwright lint --format json` in this process, its cache under `cacheHome` (as if no CI). */
async function lintIn(dir: string, cacheHome: string, args: string[] = [], options: RunOptions = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['lint', '--format', 'json', ...args], {
    cwd: dir,
    version: options.version ?? '1.0.0',
    build: options.build,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { XDG_CACHE_HOME: cacheHome, ...options.env },
  });
  return { code, stdout, stderr };
}

function cacheFiles(cacheHome: string): string[] {
  const folder = path.join(cacheHome, 'dockwright');
  return fs.existsSync(folder) ? fs.readdirSync(folder).map((name) => path.join(folder, name)) : [];
}

/** Replaces every cached result with one made-up finding: a file whose output shows it was not linted again. */
function forgeEveryEntry(cacheHome: string): void {
  const [file] = cacheFiles(cacheHome);
  const contents = parseCache(fs.readFileSync(file, 'utf8'));
  if ('error' in contents) throw new Error(contents.error);
  for (const entry of contents.files.values())
    entry.findings = [
      {
        rule: 'sudo',
        severity: 'info',
        message: FORGED,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
        fixes: [],
      },
    ];
  fs.writeFileSync(file, serializeCache(contents));
}

/** Which of the folders' Dockerfiles were linted again rather than served from the cache. */
function relinted(run: Run, folders: string[]): string[] {
  const findings = JSON.parse(run.stdout) as { file: string; message: string }[];
  return folders.filter((f) => !findings.some((d) => d.file === `${f}/Dockerfile` && d.message === FORGED));
}

/** Two build contexts, a/ and b/, each a Dockerfile that copies app.py. */
function twoContexts(): { dir: string; cacheHome: string } {
  const dir = tempCopy();
  for (const f of ['a', 'b']) {
    write(dir, `${f}/Dockerfile`, DOCKERFILE);
    write(dir, `${f}/app.py`, 'print(1)\n');
  }
  return { dir, cacheHome: tempCopy() };
}

describe('dockwright lint result cache (unit)', function () {
  this.timeout(60_000);
  after(cleanTemps);

  interface Change {
    name: string;
    /** Made before the first run. */
    before?: (dir: string) => void;
    /** Made between the runs; returns the second run's extra arguments. */
    change: (dir: string) => string[] | void;
    options?: RunOptions;
    relinted: string[];
    /** A rule the second run must report for a file it linted again. */
    fires?: string;
  }
  const changes: Change[] = [
    { name: 'nothing', change: () => {}, relinted: [] },
    {
      name: "a's content",
      change: (dir) => fs.appendFileSync(path.join(dir, 'a/Dockerfile'), 'USER app\n'),
      relinted: ['a'],
    },
    { name: 'a rule level', change: () => ['--rule', 'sudo=off'], relinted: ['a', 'b'] },
    {
      name: 'the config file',
      change: (dir) => ['--config', write(dir, 'lint.json', '{ "rules": { "pin-base-image": "off" } }')],
      relinted: ['a', 'b'],
    },
    { name: "Dockwright's version", change: () => {}, options: { version: '1.0.1' }, relinted: ['a', 'b'] },
    { name: "Dockwright's build", change: () => {}, options: { build: '1.0.0+rebuilt' }, relinted: ['a', 'b'] },
    {
      name: 'a .hadolint.yaml above both',
      change: (dir) => void write(dir, '.hadolint.yaml', 'ignored: [DL3006]\n'),
      relinted: ['a', 'b'],
    },
    {
      name: "a .hadolint.yaml in a/ that changes nothing of a's levels",
      change: (dir) => void write(dir, 'a/.hadolint.yaml', 'ignored: []\n'),
      relinted: [],
    },
    {
      name: 'a .dockerignore appearing in a/ that excludes what a copies',
      change: (dir) => void write(dir, 'a/.dockerignore', 'app.py\n'),
      relinted: ['a'],
      fires: 'copy-ignored-file',
    },
    {
      name: 'a/.dockerignore changing to exclude what a copies',
      before: (dir) => void write(dir, 'a/.dockerignore', 'tmp\n'),
      change: (dir) => void write(dir, 'a/.dockerignore', 'tmp\napp.py\n'),
      relinted: ['a'],
      fires: 'copy-ignored-file',
    },
    {
      name: 'a/.dockerignore disappearing',
      before: (dir) => void write(dir, 'a/.dockerignore', 'app.py\n'),
      change: (dir) => fs.rmSync(path.join(dir, 'a/.dockerignore')),
      relinted: ['a'],
    },
    {
      name: 'a node_modules appearing in b/, which b/.dockerignore does not exclude',
      before: (dir) => void write(dir, 'b/.dockerignore', 'tmp\n'),
      change: (dir) => void write(dir, 'b/node_modules/x/index.js', '\n'),
      relinted: ['b'],
      fires: 'dockerignore-incomplete',
    },
    {
      name: 'a package.json appearing in a/, whose rules never look for one',
      change: (dir) => void write(dir, 'a/package.json', '{}\n'),
      relinted: [],
    },
    { name: 'a file outside both contexts', change: (dir) => void write(dir, 'notes.txt', 'x\n'), relinted: [] },
  ];
  for (const c of changes)
    it(`lints again exactly the files a change affects: ${c.name} -> ${c.relinted.join(', ') || 'none'}`, async () => {
      const { dir, cacheHome } = twoContexts();
      c.before?.(dir);
      const first = await lintIn(dir, cacheHome);
      assert.equal(first.stderr, '');
      forgeEveryEntry(cacheHome);
      const args = c.change(dir) ?? [];
      const second = await lintIn(dir, cacheHome, args, c.options);
      assert.deepEqual(relinted(second, ['a', 'b']), c.relinted);
      // what was linted again is what a run without the cache reports
      const fresh = await lintIn(dir, cacheHome, [...args, '--no-cache'], c.options);
      const ofRelinted = (run: Run) =>
        (JSON.parse(run.stdout) as { file: string }[]).filter((d) =>
          c.relinted.some((f) => d.file.startsWith(`${f}/`)),
        );
      assert.deepEqual(ofRelinted(second), ofRelinted(fresh));
      if (c.fires)
        assert.ok(
          ofRelinted(second).some((d) => (d as { rule?: string }).rule === c.fires),
          c.fires,
        );
    });

  it('gives the same output, exit code included, on a second run in every format', async () => {
    const { dir, cacheHome } = twoContexts();
    for (const format of ['text', 'json', 'sarif']) {
      const args = ['--format', format];
      const first = await lintIn(dir, cacheHome, args);
      const second = await lintIn(dir, cacheHome, args);
      assert.deepEqual(second, first, format);
      assert.equal(cacheFiles(cacheHome).length, 1);
    }
  });

  it('keeps no result for a file that is not a Dockerfile', async () => {
    const { dir, cacheHome } = twoContexts();
    write(dir, 'c/Dockerfile', 'not a dockerfile at all\n');
    await lintIn(dir, cacheHome);
    const [file] = cacheFiles(cacheHome);
    const contents = parseCache(fs.readFileSync(file, 'utf8'));
    assert.ok(!('error' in contents));
    assert.deepEqual([...contents.files.keys()].map((f) => path.relative(dir, f)).sort(), [
      'a/Dockerfile',
      'b/Dockerfile',
    ]);
  });

  const corruptions: { name: string; make: (valid: string) => string | Buffer }[] = [
    { name: 'empty', make: () => '' },
    { name: 'truncated', make: (valid) => valid.slice(0, valid.length / 2) },
    { name: 'one character changed', make: (valid) => valid.replace('"findings"', '"findingz"') },
    { name: 'another format', make: (valid) => valid.replace('dockwright-lint-cache 2', 'dockwright-lint-cache 1') },
    { name: "another program's JSON", make: () => '{ "version": 1, "results": {} }\n' },
    { name: 'binary', make: () => Buffer.from([0x1f, 0x8b, 0, 0, 0xff, 0xfe, 10, 0]) },
    {
      name: 'a right checksum over an entry of the wrong shape',
      make: () =>
        serializeCache({
          files: new Map([['/x/Dockerfile', { content: 'c', settings: 's' } as CacheEntry]]),
          readings: new Map(),
        }),
    },
    {
      name: 'a right checksum over a reading of the wrong shape',
      make: () =>
        serializeCache({
          files: new Map(),
          readings: new Map([['k', { levels: { sudo: 'loud' }, errors: [] } as unknown as SettingsReading]]),
        }),
    },
  ];
  for (const c of corruptions)
    it(`ignores a cache file that is ${c.name}, with a one-line note, and replaces it`, async () => {
      const { dir, cacheHome } = twoContexts();
      const first = await lintIn(dir, cacheHome);
      const [file] = cacheFiles(cacheHome);
      fs.writeFileSync(file, c.make(fs.readFileSync(file, 'utf8')));
      const second = await lintIn(dir, cacheHome);
      assert.equal(second.code, first.code);
      assert.equal(second.stdout, first.stdout);
      assert.match(second.stderr, /^dockwright: lint cache .+; not used, and replaced\n$/);
      const third = await lintIn(dir, cacheHome);
      assert.deepEqual(third, first, 'the cache was written anew');
    });

  it('writes nothing with --no-cache, nor in CI unless --cache or --cache-location asks', async () => {
    const table: { args: string[]; env?: NodeJS.ProcessEnv; writes: boolean }[] = [
      { args: [], writes: true },
      { args: ['--no-cache'], writes: false },
      { args: [], env: { CI: 'true' }, writes: false },
      { args: ['--cache'], env: { CI: 'true' }, writes: true },
      { args: [], env: { CI: 'false' }, writes: true },
    ];
    for (const { args, env, writes } of table) {
      const { dir, cacheHome } = twoContexts();
      await lintIn(dir, cacheHome, args, { env });
      assert.equal(cacheFiles(cacheHome).length, writes ? 1 : 0, `${args.join(' ')} ${JSON.stringify(env)}`);
    }
    const { dir, cacheHome } = twoContexts();
    const location = tempCopy();
    await lintIn(dir, cacheHome, ['--cache-location', location], { env: { CI: 'true' } });
    assert.equal(fs.readdirSync(location).length, 1);
  });

  it('keeps its cache outside the linted folder: in node_modules/.cache when the current folder has one', async () => {
    const listing = (dir: string) => fs.readdirSync(dir, { recursive: true }).map(String).sort();
    const { dir, cacheHome } = twoContexts();
    const before = listing(dir);
    await lintIn(dir, cacheHome);
    assert.deepEqual(listing(dir), before);
    assert.equal(cacheFiles(cacheHome).length, 1);
    fs.mkdirSync(path.join(dir, 'node_modules'));
    assert.equal(path.dirname(cacheFileFor({}, dir, {})!), path.join(dir, 'node_modules', '.cache', 'dockwright'));
    const home = cacheFileFor({}, '/nowhere', { HOME: '/home/u', XDG_CACHE_HOME: 'relative' })!;
    assert.ok(!home.startsWith('/nowhere'), home);
  });

  it('fixes after a cached run as it does without one, and a cached lint then reports the fixed files', async () => {
    const cacheHome = tempCopy();
    const cached = tempCopy('fixable');
    const fresh = tempCopy('fixable');
    await lintIn(cached, cacheHome);
    await lintIn(cached, cacheHome);
    const fixed = await lintIn(cached, cacheHome, ['--fix']);
    const fixedFresh = await lintIn(fresh, cacheHome, ['--fix', '--no-cache']);
    assert.deepEqual(fixed, fixedFresh);
    assert.ok(
      JSON.parse(fixed.stdout).length < JSON.parse((await lintIn(tempCopy('fixable'), cacheHome)).stdout).length,
    );
    for (const name of fs.readdirSync(fresh))
      assert.equal(fs.readFileSync(path.join(cached, name), 'utf8'), fs.readFileSync(path.join(fresh, name), 'utf8'));
    assert.deepEqual(await lintIn(cached, cacheHome), await lintIn(fresh, cacheHome, ['--no-cache']));
  });
});

describe('dockwright lint result cache on the corpus (unit)', function () {
  this.timeout(300_000);
  before(buildCli);
  after(cleanTemps);

  it('reports the same with no cache, from two runs at once on one cold cache, and from the warm cache', async function () {
    if (!corpusOrSkip(this)) return;
    const location = tempCopy();
    const args = ['lint', '--format', 'json', '--rule', 'pin-digest=info', corpusRoot];
    const uncached = await dockwright([...args, '--no-cache'], { cwd: location });
    const [one, two] = await Promise.all([
      dockwright([...args, '--cache-location', location], { cwd: location }),
      dockwright([...args, '--cache-location', location], { cwd: location }),
    ]);
    const warm = await dockwright([...args, '--cache-location', location], { cwd: location });
    assert.equal(uncached.stderr, '');
    assert.ok(JSON.parse(uncached.stdout).length > 1000);
    for (const run of [one, two, warm]) assert.deepEqual(run, uncached);
    assert.deepEqual(
      fs.readdirSync(location).filter((name) => !name.startsWith('lint-')),
      [],
      'no temporary file is left',
    );
  });
});

describe('dockwright lint served wholly from the cache (unit)', function () {
  this.timeout(120_000);
  before(buildCli);
  after(cleanTemps);

  it('never loads the lint engine, and says what the config files said as the first run did', async () => {
    // a copy of the bundles whose engine throws when loaded, with the size and time of the real one
    // (the cache keys on them)
    const bin = tempCopy();
    for (const name of ['cli.js', 'cli-engine.js'])
      fs.copyFileSync(path.join(path.dirname(cliPath), name), path.join(bin, name));
    const engine = path.join(bin, 'cli-engine.js');
    const time = new Date('2026-01-01T00:00:00Z'); // whole seconds: utimes keeps them exactly
    fs.utimesSync(engine, time, time);
    const { dir } = twoContexts();
    write(dir, '.hadolint.yaml', 'ignored: [DL3006]\ntrustedRegistries: docker.io\n');
    const config = write(dir, 'lint.yaml', 'rules:\n  sudo: off\nfailLevel: error\n');
    const args = ['lint', '--format', 'json', '--config', config, '--rule', 'pin-digest=info', '--cache-location', bin];
    const run = async () => {
      const { execa } = await import('execa');
      const r = await execa('node', [path.join(bin, 'cli.js'), ...args], { cwd: dir, reject: false });
      return { exitCode: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
    };
    const first = await run();
    assert.match(first.stderr, /'trustedRegistries' should be a list/);
    fs.writeFileSync(engine, "throw new Error('the engine was loaded');".padEnd(fs.statSync(engine).size));
    fs.utimesSync(engine, time, time);
    assert.deepEqual(await run(), first);
    fs.appendFileSync(path.join(dir, 'a/Dockerfile'), 'USER app\n');
    assert.match((await run()).stderr, /the engine was loaded/, 'a changed file loads it');
  });
});
