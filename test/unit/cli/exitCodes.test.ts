import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { allRules } from '../../../src/core/rules';
import { buildCli, cleanTemps, dockwright, repoRoot, tempCopy, write } from './support';

/** A --config file with every rule off but the ones named. */
function onlyRules(dir: string, on: Record<string, string>, extra: Record<string, unknown> = {}): string {
  const rules = Object.fromEntries(allRules.map((r) => [r.id, on[r.id] ?? 'off']));
  return write(dir, 'dockwright.json', JSON.stringify({ rules, ...extra }));
}

describe('dockwright lint exit codes and errors (unit)', function () {
  this.timeout(120_000);
  before(buildCli);
  after(cleanTemps);

  it('--help and --version exit 0', async () => {
    const dir = tempCopy();
    const help = await dockwright(['--help'], { cwd: dir });
    assert.equal(help.exitCode, 0);
    assert.match(help.stdout, /^Usage: dockwright lint/);
    for (const option of ['--format', '--fix', '--rule', '--config', '--fail-level'])
      assert.ok(help.stdout.includes(option), option);
    const version = await dockwright(['--version'], { cwd: dir });
    assert.equal(version.exitCode, 0);
    assert.equal(
      version.stdout.trim(),
      JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version,
    );
  });

  it('exits 0 with nothing at or above the fail level, 1 with findings at or above it', async () => {
    const dir = tempCopy('project');
    const config = onlyRules(dir, { 'maintainer-deprecated': 'warning' });
    assert.equal(
      (await dockwright(['lint', '--config', config, 'Containerfile'], { cwd: dir })).exitCode,
      0,
      'Containerfile has no MAINTAINER',
    );
    assert.equal((await dockwright(['lint', '--config', config, 'Dockerfile'], { cwd: dir })).exitCode, 1);
    assert.equal(
      (await dockwright(['lint', '--config', config, '--fail-level', 'error', 'Dockerfile'], { cwd: dir })).exitCode,
      0,
    );
    assert.equal(
      (
        await dockwright(
          ['lint', '--config', config, '--rule', 'DL4000=error', '--fail-level', 'error', 'Dockerfile'],
          { cwd: dir },
        )
      ).exitCode,
      1,
    );
    const infoOnly = onlyRules(dir, { 'maintainer-deprecated': 'info' });
    assert.equal(
      (await dockwright(['lint', '--config', infoOnly, 'Dockerfile'], { cwd: dir })).exitCode,
      0,
      'info is below the default fail level',
    );
    assert.equal(
      (await dockwright(['lint', '--config', infoOnly, '--fail-level', 'info', 'Dockerfile'], { cwd: dir })).exitCode,
      1,
    );
    assert.equal((await dockwright(['lint', '--fail-level', 'none'], { cwd: dir })).exitCode, 0);
  });

  it('reports what BuildKit refuses as an error, which fails the run at every fail level but none', async () => {
    const dir = tempCopy();
    write(dir, 'Dockerfile', 'FROM alpine:3.20\nRUNN echo hi\nCOPY --chwn=1 a /a\n');
    const run = await dockwright(['lint', '--format', 'json', '--fail-level', 'error'], { cwd: dir });
    assert.equal(run.exitCode, 1);
    assert.deepEqual(
      (JSON.parse(run.stdout) as { rule: string; severity: string; line: number }[])
        .filter((f) => f.rule === 'syntax-error')
        .map((f) => `${f.line} ${f.severity}`),
      ['2 error', '3 error'],
    );
    assert.equal((await dockwright(['lint', '--fail-level', 'none'], { cwd: dir })).exitCode, 0);
  });

  it('takes failLevel from the config file, and --fail-level over it', async () => {
    const dir = tempCopy('project');
    const yaml = write(dir, 'dockwright.yaml', 'rules:\n  DL4000: error\nfailLevel: none\n');
    const run = await dockwright(['lint', '--config', yaml, '--format', 'json', 'Dockerfile'], { cwd: dir });
    assert.equal(run.exitCode, 0);
    assert.equal(
      JSON.parse(run.stdout).find((f: { rule: string }) => f.rule === 'maintainer-deprecated').severity,
      'error',
    );
    assert.equal(
      (await dockwright(['lint', '--config', yaml, '--fail-level', 'error', 'Dockerfile'], { cwd: dir })).exitCode,
      1,
    );
  });

  it('--rule sets levels by id or alias; off removes the rule', async () => {
    const dir = tempCopy('project');
    const rules = async (...args: string[]) =>
      JSON.parse((await dockwright(['lint', '--format', 'json', ...args, 'Dockerfile'], { cwd: dir })).stdout).filter(
        (f: { rule: string }) => f.rule === 'maintainer-deprecated',
      );
    assert.equal((await rules()).length, 1);
    assert.equal((await rules('--rule', 'DL4000=off')).length, 0);
    assert.equal((await rules('--rule', 'MaintainerDeprecated=off')).length, 0);
    assert.equal((await rules('--rule', 'maintainer-deprecated=info'))[0].severity, 'info');
  });

  it('honours .hadolint.yaml in the Dockerfile folder or above, with --rule winning over it', async () => {
    const dir = tempCopy();
    fs.cpSync(path.join(repoRoot, 'test/fixtures/cli/project'), path.join(dir, 'services/api'), { recursive: true });
    write(dir, '.hadolint.yaml', 'ignored:\n  - DL4000\noverride:\n  error:\n    - DL3014\n');
    // found above the Dockerfile's folder, though the current folder is elsewhere
    const run = await dockwright(['lint', '--format', 'json', 'api/Dockerfile'], { cwd: path.join(dir, 'services') });
    const found = JSON.parse(run.stdout) as { rule: string; severity: string }[];
    assert.ok(!found.some((f) => f.rule === 'maintainer-deprecated'), 'DL4000 is ignored');
    const yes = found.filter((f) => f.rule === 'apt-get-yes');
    assert.ok(yes.length > 0 && yes.every((f) => f.severity === 'error'), 'DL3014 is overridden to error');
    const again = JSON.parse(
      (
        await dockwright(['lint', '--format', 'json', '--rule', 'DL4000=warning', 'services/api/Dockerfile'], {
          cwd: dir,
        })
      ).stdout,
    );
    assert.ok(again.some((f: { rule: string }) => f.rule === 'maintainer-deprecated'));
  });

  for (const [what, args, message] of [
    ['an unknown option', ['lint', '--frobnicate'], /frobnicate/],
    ['an unknown format', ['lint', '--format', 'xml'], /--format 'xml' is not one of text, json, sarif/],
    ['an unknown rule', ['lint', '--rule', 'no-such-rule=off'], /unknown rule 'no-such-rule'/],
    ['an unknown level', ['lint', '--rule', 'sudo=loud'], /level 'loud' is not one of off, info, warning, error/],
    ['a --rule without a level', ['lint', '--rule', 'sudo'], /should look like <id>=<level>/],
    ['an unknown fail level', ['lint', '--fail-level', 'fatal'], /--fail-level 'fatal'/],
    ['a missing config file', ['lint', '--config', 'nowhere.json'], /--config nowhere\.json: no such file/],
    ['an unknown command', ['check'], /unknown command 'check'/],
  ] as const) {
    it(`exits 2 on ${what}, with one line on stderr and nothing linted`, async () => {
      const dir = tempCopy('project');
      const run = await dockwright([...args], { cwd: dir });
      assert.equal(run.exitCode, 2);
      assert.match(run.stderr.split('\n')[0], /^dockwright: /);
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '');
    });
  }

  it('exits 2 on a config file with a bad rule level', async () => {
    const dir = tempCopy('project');
    const config = write(dir, 'bad.yaml', 'rules:\n  sudo: loud\n');
    const run = await dockwright(['lint', '--config', config], { cwd: dir });
    assert.equal(run.exitCode, 2);
    assert.match(run.stderr, /rule 'sudo' has level "loud"/);
  });

  it('exits 2 for a binary file and a file with no instruction, and still lints and reports the others', async () => {
    const dir = tempCopy('broken');
    const run = await dockwright(['lint', '--format', 'json'], { cwd: dir });
    assert.equal(run.exitCode, 2);
    const lines = run.stderr.trim().split('\n').sort();
    assert.deepEqual(lines, [
      'dockwright: logo.Dockerfile: a binary file, not a Dockerfile',
      'dockwright: notes.Dockerfile: no Dockerfile instructions in it, not a Dockerfile',
    ]);
    const found = JSON.parse(run.stdout) as { file: string; rule: string }[];
    assert.ok(found.some((f) => f.file === 'Dockerfile' && f.rule === 'maintainer-deprecated'));
    assert.ok(found.every((f) => f.file === 'Dockerfile'));
  });

  it('exits 2 for a named file that is not a Dockerfile, though a line starts with "from"', async () => {
    const dir = tempCopy();
    write(
      dir,
      'README.md',
      '# The api image\n\nfrom the root of the repository, run:\n\n    make image\n\nThat is all.\n',
    );
    const readme = await dockwright(['lint', 'README.md'], { cwd: dir });
    assert.equal(readme.exitCode, 2);
    assert.equal(readme.stderr, 'dockwright: README.md: no Dockerfile instructions in it, not a Dockerfile');
  });

  it('prints no summary when the only outcome is an error', async () => {
    const dir = tempCopy();
    const run = await dockwright(['lint', 'no/such/Dockerfile'], { cwd: dir });
    assert.equal(run.exitCode, 2);
    assert.equal(run.stdout, '', 'no "No problems in 0 files" after an error');
  });

  it('lints a named file of any name that reads as a Dockerfile', async () => {
    const dir = tempCopy();
    write(dir, 'api.df', '# syntax=docker/dockerfile:1\nARG BASE=alpine:3.20\nFROM $BASE\nMAINTAINER x\n');
    const run = await dockwright(['lint', '--format', 'json', 'api.df'], { cwd: dir });
    assert.equal(run.stderr, '');
    assert.ok(JSON.parse(run.stdout).some((f: { rule: string }) => f.rule === 'maintainer-deprecated'));
  });

  it('exits 2 for a path that does not exist and for a Dockerfile that cannot be read, and reports the rest', async () => {
    const dir = tempCopy('project');
    fs.symlinkSync(path.join(dir, 'gone'), path.join(dir, 'dangling.Dockerfile'));
    const missing = await dockwright(['lint', '--format', 'json', 'no/such/folder', 'Dockerfile'], { cwd: dir });
    assert.equal(missing.exitCode, 2);
    assert.equal(missing.stderr, 'dockwright: no/such/folder: no such file or folder');
    assert.ok(JSON.parse(missing.stdout).some((f: { file: string }) => f.file === 'Dockerfile'));
    const dangling = await dockwright(['lint', '--format', 'json', '.'], { cwd: dir });
    assert.equal(dangling.exitCode, 2);
    assert.equal(dangling.stderr, 'dockwright: dangling.Dockerfile: no such file or folder');
    assert.equal(new Set(JSON.parse(dangling.stdout).map((f: { file: string }) => f.file)).size, 3);
    if (process.getuid?.() !== 0) {
      // root reads files whatever their mode: this part runs for other users only
      fs.unlinkSync(path.join(dir, 'dangling.Dockerfile'));
      fs.chmodSync(path.join(dir, 'api.Dockerfile'), 0o000);
      const locked = await dockwright(['lint', '.'], { cwd: dir });
      assert.equal(locked.exitCode, 2);
      assert.match(locked.stderr, /api\.Dockerfile: permission denied/);
    }
  });

  it('skips node_modules and .git, and says so when a folder holds no Dockerfile', async () => {
    const dir = tempCopy();
    write(dir, 'node_modules/pkg/Dockerfile', 'FROM alpine:3.20\nMAINTAINER x\n');
    write(dir, '.git/Dockerfile', 'FROM alpine:3.20\nMAINTAINER x\n');
    write(dir, 'Dockerfile.dockerignore', 'node_modules\n');
    const run = await dockwright(['lint', '--format', 'json'], { cwd: dir });
    assert.equal(run.exitCode, 0);
    assert.deepEqual(JSON.parse(run.stdout), []);
    assert.match(run.stderr, /no Dockerfile found in the current folder/);
  });
});
