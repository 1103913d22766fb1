import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { folderContext } from '../../../src/core/context';
import { lint } from '../../../src/core/lint/lint';
import { buildCli, cleanTemps, dockwright, tempCopy, write } from './support';
import { parseProblems } from '../../support/ruleHarness';

describe('dockwright lint --fix (unit)', function () {
  this.timeout(120_000);
  before(buildCli);
  after(cleanTemps);

  it('applies every safe fix in place, reports what remains, and a second run changes nothing', async () => {
    const dir = tempCopy('fixable');
    const file = path.join(dir, 'Dockerfile');
    const original = fs.readFileSync(file, 'utf8');
    const before = lint(original, { context: folderContext(dir, file) });
    const safeRules = new Set(before.filter((d) => d.fixes.some((f) => f.safe)).map((d) => d.rule));
    assert.ok(safeRules.has('maintainer-deprecated'), 'the fixture has a safely fixable finding');

    const run = await dockwright(['lint', '--fix', '--format', 'json'], { cwd: dir });
    const fixed = fs.readFileSync(file, 'utf8');
    assert.notEqual(fixed, original);
    assert.match(fixed, /^LABEL org\.opencontainers\.image\.authors=/m);
    assert.doesNotMatch(fixed, /^MAINTAINER/m);
    assert.deepEqual(parseProblems(fixed), []);
    const remaining = JSON.parse(run.stdout) as { rule: string; fixes: { safe: boolean }[] }[];
    const now = lint(fixed, { context: folderContext(dir, file) });
    assert.deepEqual(
      remaining.map((f) => f.rule).sort(),
      now.map((d) => d.rule).sort(),
      'the report is of the fixed file',
    );
    assert.ok(!remaining.some((f) => f.rule === 'maintainer-deprecated'));
    assert.equal(
      run.exitCode,
      remaining.some((f) => (f as unknown as { severity: string }).severity !== 'info') ? 1 : 0,
    );

    // whatever safe fixes are left could not be applied without a choice or were still waiting: none here
    assert.deepEqual(
      now.filter((d) => d.fixes.some((f) => f.safe) && !d.fixes.some((f) => f.contextEdits)).map((d) => d.rule),
      [],
    );

    const again = await dockwright(['lint', '--fix', '--format', 'json'], { cwd: dir });
    assert.equal(fs.readFileSync(file, 'utf8'), fixed, 'fixing twice changes nothing');
    assert.equal(again.stdout, run.stdout);
  });

  it('applies context edits of safe fixes, such as creating .dockerignore, inside the Dockerfile folder only', async () => {
    const dir = tempCopy('fixable');
    const file = path.join(dir, 'Dockerfile');
    write(dir, 'package.json', '{}\n');
    const before = lint(fs.readFileSync(file, 'utf8'), { context: folderContext(dir, file) });
    const contextFiles = before.flatMap((d) => (d.fixes.find((f) => f.safe)?.contextEdits ?? []).map((e) => e.path));
    if (!contextFiles.length) {
      console.log('      (no rule offers a safe fix that edits the build context yet: nothing to check)');
      return;
    }
    await dockwright(['lint', '--fix'], { cwd: dir });
    for (const rel of contextFiles) assert.ok(fs.existsSync(path.join(dir, rel)), `${rel} was written`);
    const after = lint(fs.readFileSync(file, 'utf8'), { context: folderContext(dir, file) });
    for (const d of before.filter((x) => x.fixes.find((f) => f.safe)?.contextEdits?.length)) {
      assert.ok(!after.some((a) => a.rule === d.rule), `${d.rule} is fixed`);
    }
  });

  it('keeps a byte order mark and CRLF line breaks', async () => {
    const dir = tempCopy();
    const file = write(
      dir,
      'Dockerfile',
      '\ufeffFROM alpine:3.20\r\nMAINTAINER someone@example.com\r\nUSER nobody\r\nCMD ["sh"]\r\n',
    );
    await dockwright(['lint', '--fix', '--rule', 'dockerignore-missing=off'], { cwd: dir });
    const fixed = fs.readFileSync(file, 'utf8');
    assert.ok(fixed.startsWith('\ufeffFROM alpine:3.20\r\n'), JSON.stringify(fixed));
    assert.match(fixed, /^LABEL org\.opencontainers\.image\.authors=.*\r$/m);
    assert.doesNotMatch(fixed.replace(/\r\n/g, ''), /\n/);
  });

  it('leaves a file it cannot lint untouched and exits 2', async () => {
    const dir = tempCopy('broken');
    const logo = fs.readFileSync(path.join(dir, 'logo.Dockerfile'));
    const run = await dockwright(['lint', '--fix'], { cwd: dir });
    assert.equal(run.exitCode, 2);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'logo.Dockerfile')), logo);
    assert.doesNotMatch(
      fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'),
      /^MAINTAINER/m,
      'the readable one is fixed',
    );
  });
});
