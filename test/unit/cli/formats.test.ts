import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { folderContext } from '../../../src/core/context';
import { lint } from '../../../src/core/lint/lint';
import { aliasesOf } from '../../../src/core/rule';
import { allRules } from '../../../src/core/rules';
import { ruleDocUrl } from '../../../src/core/rules/docs';
import { buildCli, cleanTemps, dockwright, repoRoot, tempCopy } from './support';

/** What the engine itself reports for a file, as `rule@line:column` (1-based). */
function expected(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return lint(text, { context: folderContext(path.dirname(file), file) }).map(
    (d) => `${d.rule}@${d.range.start.line + 1}:${d.range.start.character + 1}`,
  );
}

/** The SARIF 2.1.0 schema and a draft-04 validator, both as @microsoft/jest-sarif ships them. */
function sarifValidator(): (doc: unknown) => string[] {
  const jestSarif = createRequire(require.resolve('@microsoft/jest-sarif/package.json'));
  const Ajv = jestSarif('ajv');
  const ajv = new Ajv({ schemaId: 'auto', allErrors: true, validateSchema: false });
  ajv.addMetaSchema(jestSarif('ajv/lib/refs/json-schema-draft-04.json'));
  const validate = ajv.compile(
    JSON.parse(fs.readFileSync(jestSarif.resolve('./lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')),
  );
  return (doc) =>
    validate(doc)
      ? []
      : (validate.errors as { dataPath: string; message: string }[]).map((e) => `${e.dataPath} ${e.message}`);
}

describe('dockwright lint output formats (unit)', function () {
  this.timeout(120_000);
  before(buildCli);
  after(cleanTemps);

  it('finds Dockerfile, *.Dockerfile and Containerfile but not Dockerfile.dockerignore, and prints JSON findings the engine reports', async () => {
    const dir = tempCopy('project');
    const run = await dockwright(['lint', '--format', 'json'], { cwd: dir });
    const findings = JSON.parse(run.stdout) as Record<string, unknown>[];
    assert.equal(run.stderr, '');
    const files = ['Containerfile', 'Dockerfile', 'api.Dockerfile'];
    assert.deepEqual([...new Set(findings.map((f) => f.file))].sort(), files);
    for (const file of files) {
      const got = findings.filter((f) => f.file === file).map((f) => `${f.rule}@${f.line}:${f.column}`);
      assert.deepEqual(got.sort(), expected(path.join(dir, file)).sort(), file);
    }
    for (const f of findings) {
      assert.deepEqual(Object.keys(f), [
        'file',
        'rule',
        'severity',
        'line',
        'column',
        'endLine',
        'endColumn',
        'message',
        'fixes',
      ]);
      assert.ok(
        allRules.some((r) => r.id === f.rule),
        `${f.rule} is a rule id`,
      );
      assert.ok(['error', 'warning', 'info'].includes(f.severity as string));
      assert.ok((f.line as number) >= 1 && (f.column as number) >= 1 && (f.endLine as number) >= (f.line as number));
      for (const fix of f.fixes as Record<string, unknown>[]) assert.deepEqual(Object.keys(fix), ['title', 'safe']);
    }
    const maintainer = findings.find((f) => f.rule === 'maintainer-deprecated' && f.file === 'Dockerfile');
    assert.deepEqual(
      {
        line: maintainer?.line,
        column: maintainer?.column,
        endLine: maintainer?.endLine,
        severity: maintainer?.severity,
      },
      { line: 2, column: 1, endLine: 2, severity: 'warning' },
    );
    assert.equal(run.exitCode, 1);
  });

  it('prints readable text without colour when stdout is not a terminal', async () => {
    const dir = tempCopy('project');
    const run = await dockwright(['lint'], { cwd: dir });
    assert.equal(run.exitCode, 1);
    assert.ok(!run.stdout.includes('\x1b['), 'no escape codes');
    assert.match(run.stdout, /^Dockerfile$/m);
    assert.match(run.stdout, /^ {2}2:1 +warning +MAINTAINER.*maintainer-deprecated/m);
    assert.match(run.stdout, /\d+ problems? \(\d+ errors?, \d+ warnings?, \d+ info\) in 3 files/);
  });

  it('writes SARIF 2.1.0 that validates against the schema and carries what GitHub code scanning needs', async () => {
    const dir = tempCopy('project');
    const run = await dockwright(['lint', '--format', 'sarif', '.'], { cwd: dir });
    const sarif = JSON.parse(run.stdout);
    assert.deepEqual(sarifValidator()(sarif), []);
    assert.equal(sarif.version, '2.1.0');
    const [only] = sarif.runs;
    const driver = only.tool.driver;
    assert.equal(driver.name, 'Dockwright');
    assert.equal(driver.version, JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version);
    assert.deepEqual(
      driver.rules.map((r: { id: string }) => r.id),
      allRules.map((r) => r.id),
    );
    for (const [i, rule] of allRules.entries()) {
      const d = driver.rules[i];
      assert.equal(d.shortDescription.text, rule.title);
      assert.equal(d.helpUri, ruleDocUrl(rule.id));
      assert.equal(
        d.defaultConfiguration.level,
        rule.defaultLevel === 'off' ? 'note' : { info: 'note', warning: 'warning', error: 'error' }[rule.defaultLevel],
      );
      assert.equal(d.defaultConfiguration.enabled, rule.defaultLevel === 'off' ? false : undefined);
      assert.deepEqual(d.properties.aliases, aliasesOf(rule));
    }
    assert.equal(
      only.originalUriBaseIds['%SRCROOT%'].uri,
      `file://${fs.realpathSync(dir)}/`.replace(/^file:\/\/(?!\/)/, 'file:///'),
    );
    const json = JSON.parse((await dockwright(['lint', '--format', 'json'], { cwd: dir })).stdout);
    assert.equal(only.results.length, json.length);
    for (const [i, result] of only.results.entries()) {
      assert.equal(result.ruleId, json[i].rule);
      assert.equal(driver.rules[result.ruleIndex].id, result.ruleId);
      assert.equal(result.level, { info: 'note', warning: 'warning', error: 'error' }[json[i].severity as string]);
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      assert.deepEqual(artifactLocation, { uri: json[i].file, uriBaseId: '%SRCROOT%' });
      assert.deepEqual(region, {
        startLine: json[i].line,
        startColumn: json[i].column,
        endLine: json[i].endLine,
        endColumn: json[i].endColumn,
      });
    }
    assert.ok(only.results.some((r: { ruleId: string }) => r.ruleId === 'maintainer-deprecated'));
  });

  it('names a file in a folder outside the current one by absolute path and file URI', async () => {
    const project = tempCopy('project');
    const elsewhere = tempCopy();
    const json = JSON.parse(
      (await dockwright(['lint', '--format', 'json', path.join(project, 'Dockerfile')], { cwd: elsewhere })).stdout,
    );
    assert.ok(json.length > 0);
    assert.ok(json.every((f: { file: string }) => f.file === path.join(project, 'Dockerfile')));
    const sarif = JSON.parse(
      (await dockwright(['lint', '--format', 'sarif', path.join(project, 'Dockerfile')], { cwd: elsewhere })).stdout,
    );
    const location = sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    assert.deepEqual(location, { uri: `file://${path.join(project, 'Dockerfile')}` });
    assert.deepEqual(sarifValidator()(sarif), []);
  });

  it('gives the same findings on worker threads as on one thread', async () => {
    const dir = tempCopy();
    const sources = ['project/Dockerfile', 'project/api.Dockerfile', 'project/Containerfile', 'fixable/Dockerfile'];
    for (let i = 0; i < 24; i++) {
      const text = fs.readFileSync(path.join(repoRoot, 'test/fixtures/cli', sources[i % sources.length]), 'utf8');
      fs.mkdirSync(path.join(dir, `app${i}`));
      fs.writeFileSync(path.join(dir, `app${i}`, 'Dockerfile'), text + `LABEL n=${i}\n`.repeat(i));
    }
    const one = await dockwright(['lint', '--format', 'json', '--jobs', '1'], { cwd: dir });
    const two = await dockwright(['lint', '--format', 'json', '--jobs', '2'], { cwd: dir });
    assert.equal(two.stderr, '');
    assert.ok(JSON.parse(one.stdout).length >= 24);
    assert.equal(two.stdout, one.stdout);
    assert.equal(two.exitCode, one.exitCode);
  });
});
