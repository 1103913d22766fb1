// `dockwright lint --fix` on a repository written to harm whoever lints it: links that lead out of
// the folder, files that are not files, files that change or cannot be written, bytes that are not UTF-8.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixFile } from '../../../src/cli/fixer';
import { buildCli, cleanTemps, cliPath, dockwright, tempCopy, write } from './support';

const FIXABLE = 'FROM alpine:3.20\nMAINTAINER someone@example.com\nUSER nobody\nCMD ["sh"]\n';
/** A Node project without a .dockerignore: the safe fix creates one. */
const NODE_PROJECT = 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nUSER node\nCMD ["node", "index.js"]\n';

describe('dockwright lint --fix on a hostile repository (unit)', function () {
  this.timeout(120_000);
  before(buildCli);
  after(cleanTemps);

  it('does not create a .dockerignore through a link that leads out of the folder', async () => {
    const dir = tempCopy();
    const outside = tempCopy();
    write(dir, 'Dockerfile', NODE_PROJECT);
    write(dir, 'package.json', '{}\n');
    fs.symlinkSync(path.join(outside, 'planted'), path.join(dir, '.dockerignore'));
    const run = await dockwright(['lint', '--fix'], { cwd: dir });
    assert.equal(fs.existsSync(path.join(outside, 'planted')), false, 'nothing was created outside');
    assert.equal(run.exitCode, 2);
    assert.match(run.stderr, /Dockerfile: \.dockerignore: a symbolic link: not written through/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  });

  it('does not append to a .dockerignore that links to a file outside', async () => {
    const dir = tempCopy();
    const outside = tempCopy();
    const target = write(outside, 'keep.txt', 'precious\n');
    write(dir, 'Dockerfile', NODE_PROJECT);
    write(dir, 'package.json', '{}\n');
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(target, path.join(dir, '.dockerignore'));
    const run = await dockwright(['lint', '--fix'], { cwd: dir });
    assert.equal(fs.readFileSync(target, 'utf8'), 'precious\n');
    assert.equal(run.exitCode, 2);
    assert.match(run.stderr, /\.dockerignore: a symbolic link: not written through/);
  });

  it('lints a linked Dockerfile found in a folder, but does not write through the link', async () => {
    const dir = tempCopy();
    const outside = tempCopy();
    const target = write(outside, 'Dockerfile', FIXABLE);
    fs.symlinkSync(target, path.join(dir, 'Dockerfile'));
    const other = write(dir, 'api.Dockerfile', FIXABLE);
    const run = await dockwright(['lint', '--fix', '--rule', 'dockerignore-missing=off', '--format', 'json'], {
      cwd: dir,
    });
    assert.equal(fs.readFileSync(target, 'utf8'), FIXABLE);
    assert.doesNotMatch(fs.readFileSync(other, 'utf8'), /^MAINTAINER/m, 'the other file is fixed');
    assert.equal(run.exitCode, 2);
    assert.match(run.stderr, /^dockwright: Dockerfile: a symbolic link: not written through$/m);
    const findings = JSON.parse(run.stdout) as { file: string; rule: string }[];
    assert.ok(
      findings.some((f) => f.file === 'Dockerfile' && f.rule === 'maintainer-deprecated'),
      'the linked file still reports its findings',
    );
  });

  it('reads no FIFO or device, linked or named, and says so in one line each, without hanging', async () => {
    const dir = tempCopy();
    write(dir, 'Dockerfile', FIXABLE);
    const fifo = path.join(dir, 'fifo.Dockerfile');
    await (await import('execa')).execa('mkfifo', [fifo]);
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.Dockerfile'));
    fs.symlinkSync(fifo, path.join(dir, '.hadolint.yaml'));
    const run = await dockwright(['lint', '--format', 'json', '--rule', 'dockerignore-missing=off'], { cwd: dir });
    const files = new Set((JSON.parse(run.stdout) as { file: string }[]).map((f) => f.file));
    assert.deepEqual([...files], ['Dockerfile'], 'a FIFO in the folder is no Dockerfile');
    assert.equal(run.exitCode, 2);
    assert.match(run.stderr, /\.hadolint\.yaml: not a regular file/);
    assert.match(run.stderr, /^dockwright: zero\.Dockerfile: not a regular file/m);
    const named = await dockwright(['lint', 'zero.Dockerfile'], { cwd: dir });
    assert.equal(named.exitCode, 2);
    assert.match(named.stderr, /zero\.Dockerfile: not a regular file/);
  });

  it('refuses a Dockerfile over 256 KiB with one line', async () => {
    const dir = tempCopy();
    write(dir, 'Dockerfile', 'FROM alpine:3.20\n' + 'RUN true\n'.repeat(33_000));
    const run = await dockwright(['lint'], { cwd: dir });
    assert.equal(run.exitCode, 2);
    assert.match(run.stderr, /Dockerfile: larger than 256 KiB, not read/);
  });

  it('keeps every byte of a file that is not UTF-8, and says why it fixed nothing', async () => {
    const dir = tempCopy();
    const bytes = Buffer.concat([
      Buffer.from('FROM alpine:3.20\n# caf'),
      Buffer.from([0xe9]),
      Buffer.from('\nMAINTAINER someone@example.com\nUSER nobody\n'),
    ]);
    const file = write(dir, 'Dockerfile', bytes);
    const run = await dockwright(['lint', '--fix', '--rule', 'dockerignore-missing=off', '--format', 'json'], {
      cwd: dir,
    });
    assert.deepEqual(fs.readFileSync(file), bytes);
    assert.equal(run.exitCode, 2);
    assert.match(run.stderr, /Dockerfile: not UTF-8 \(line 2\): not fixed, so that no byte changes/);
    assert.ok(
      (JSON.parse(run.stdout) as { rule: string }[]).some((f) => f.rule === 'maintainer-deprecated'),
      'its findings are still reported',
    );
  });

  it('writes atomically, keeping the mode and the line endings of the files it changes', async () => {
    const dir = tempCopy();
    const file = write(dir, 'Dockerfile', NODE_PROJECT.replace('USER node\n', 'MAINTAINER x\nUSER node\n'));
    fs.chmodSync(file, 0o640);
    write(dir, 'package.json', '{}\n');
    fs.mkdirSync(path.join(dir, 'node_modules'));
    const ignore = write(dir, '.dockerignore', '.git\r\n*.log\r\n');
    await dockwright(['lint', '--fix'], { cwd: dir });
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /^MAINTAINER/m);
    assert.equal(fs.readFileSync(ignore, 'utf8'), '.git\r\n*.log\r\nnode_modules\r\n');
    assert.deepEqual(
      fs.readdirSync(dir).filter((n) => n.endsWith('.tmp')),
      [],
      'no temporary file left',
    );
  });

  it('does not overwrite a change made while it was fixing', () => {
    const dir = tempCopy();
    const file = write(dir, 'Dockerfile', FIXABLE);
    const job = { file, root: dir, rules: { 'dockerignore-missing': 'off' as const } };
    const report = fixFile(job, { beforeWrite: (f) => fs.appendFileSync(f, 'EXPOSE 8080\n') });
    assert.equal(fs.readFileSync(file, 'utf8'), FIXABLE + 'EXPOSE 8080\n', 'the appended line is kept');
    assert.deepEqual(report.problems, ['changed since it was read: not written, run again']);
    assert.equal(report.fixed, 0);
  });

  it('reports a file it may not write in one line, and fixes and reports the others', async function () {
    const dir = tempCopy();
    const locked = write(dir, 'locked/Dockerfile', FIXABLE);
    const open = write(dir, 'open/Dockerfile', FIXABLE);
    // The folder is not writable: a write there, even by temporary file and rename, is refused.
    fs.chmodSync(path.join(dir, 'locked'), 0o555);
    fs.chmodSync(path.join(dir, 'open'), 0o777);
    fs.chmodSync(open, 0o666);
    fs.chmodSync(dir, 0o755);
    const { execa } = await import('execa');
    // root may write anywhere: the CLI then runs as nobody, as a user without the right would,
    // from a copy of the bundles nobody can read wherever the checkout is (these files parse no
    // RUN, so the bundles need nothing from node_modules)
    const asRoot = os.userInfo().uid === 0;
    const cli = asRoot ? path.join(tempCopy(), 'cli.js') : cliPath;
    if (asRoot) {
      fs.chmodSync(path.dirname(cli), 0o755);
      for (const name of ['cli.js', 'cli-engine.js']) {
        fs.copyFileSync(path.join(path.dirname(cliPath), name), path.join(path.dirname(cli), name));
        fs.chmodSync(path.join(path.dirname(cli), name), 0o644);
      }
    }
    const args = [cli, 'lint', '--fix', '--rule', 'dockerignore-missing=off'];
    const r = asRoot
      ? await execa('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', 'node', ...args], {
          cwd: dir,
          reject: false,
          env: { NO_COLOR: '' },
        })
      : await execa('node', args, { cwd: dir, reject: false, env: { NO_COLOR: '' } });
    assert.equal(r.exitCode, 2, String(r.stderr));
    assert.equal(String(r.stderr).trim(), 'dockwright: locked/Dockerfile: permission denied: not written');
    assert.equal(fs.readFileSync(locked, 'utf8'), FIXABLE);
    assert.doesNotMatch(fs.readFileSync(open, 'utf8'), /^MAINTAINER/m);
    assert.match(String(r.stdout), /locked\/Dockerfile/, 'the report is printed, the unwritten file with its findings');
  });
});
