import assert from 'node:assert/strict';
import { fixText } from '../../../src/core/lint/fixAll';
import { applyEdits } from '../../../src/core/lint/fix';
import { lint } from '../../../src/core/lint/lint';
import { allRules } from '../../../src/core/rules';
import type { Diagnostic } from '../../../src/core/types';
import { parseProblems } from '../../support/ruleHarness';
import { OverlayContext, allOn, corpusOrSkip, type CorpusFile } from './sharedCorpus';

/** Problems of the fixed text that the original did not have. */
function newProblems(before: string, after: string): string[] {
  const old = new Map<string, number>();
  for (const p of parseProblems(before)) {
    const key = p.replace(/^line \d+: /, '');
    old.set(key, (old.get(key) ?? 0) + 1);
  }
  return parseProblems(after).filter((p) => {
    const key = p.replace(/^line \d+: /, '');
    const n = old.get(key) ?? 0;
    old.set(key, n - 1);
    return n <= 0;
  });
}

function onlyRule(id: string) {
  return Object.fromEntries(allRules.map((r) => [r.id, r.id === id ? 'warning' : 'off'] as const));
}

describe('the real-world corpus (unit, ../shared/corpus)', function () {
  this.timeout(600_000);
  let corpus: CorpusFile[];

  before(function () {
    corpus = corpusOrSkip(this)!;
  });

  it('has the 398 Dockerfiles it is described with', () => {
    assert.equal(corpus.length, 398);
  });

  it('lints every file with every rule on, without a rule throwing', () => {
    const failures: string[] = [];
    let findings = 0;
    for (const { file, name, text } of corpus) {
      const found = lint(text, {
        rules: allOn(),
        context: new OverlayContext(file),
        onRuleError: (rule, e) => failures.push(`${name}: ${rule.id}: ${(e as Error).stack}`),
      });
      findings += found.length;
      for (const d of found)
        assert.ok(
          d.range.start.line <= d.range.end.line && d.range.start.line >= 0,
          `${name}: ${d.rule} has a bad range`,
        );
    }
    assert.deepEqual(failures, []);
    assert.ok(findings > 0, 'the rules find something in 398 real Dockerfiles');
  });

  it('every safe fix keeps the file parsing, and removes what it fixes', () => {
    const failures: string[] = [];
    let checked = 0;
    for (const { file, name, text } of corpus) {
      const context = new OverlayContext(file);
      const found = lint(text, { rules: allOn(), context });
      for (const d of found) {
        const fix = d.fixes.find((f) => f.safe);
        if (!fix) continue;
        checked++;
        const where = `${name}:${d.range.start.line + 1} ${d.rule} "${fix.title}"`;
        let fixed: string;
        try {
          fixed = applyEdits(text, fix.edits);
        } catch (e) {
          failures.push(`${where}: its edits do not apply (${(e as Error).message})`);
          continue;
        }
        const broken = newProblems(text, fixed);
        if (broken.length) failures.push(`${where}: the fixed file no longer parses: ${broken.join('; ')}`);
        const after = new OverlayContext(file);
        for (const edit of fix.contextEdits ?? []) after.apply(edit);
        // each rule runs on its own, so its findings before the fix are the ones `found` holds
        const before = found.filter((f) => f.rule === d.rule).length;
        if (lint(fixed, { rules: onlyRule(d.rule), context: after }).length >= before)
          failures.push(`${where}: the rule fires as often after the fix`);
      }
    }
    assert.deepEqual(
      failures,
      [],
      `${failures.length} of ${checked} safe fixes failed:\n${failures.slice(0, 40).join('\n')}`,
    );
  });

  it('fixing all safe findings reaches a text that fixing again leaves alone', () => {
    const failures: string[] = [];
    let changed = 0;
    for (const { file, name, text } of corpus) {
      const context = new OverlayContext(file);
      const host = {
        lint: (t: string): Diagnostic[] => lint(t, { rules: allOn(), context }),
        applyContextEdit: context.apply.bind(context),
      };
      const once = fixText(text, host)!;
      if (once.text !== text) changed++;
      const broken = newProblems(text, once.text);
      if (broken.length) failures.push(`${name}: after fixing all, the file no longer parses: ${broken.join('; ')}`);
      const twice = fixText(once.text, host)!;
      if (twice.text !== once.text || twice.fixed !== 0)
        failures.push(`${name}: fixing again changed it (${twice.fixed} more fixes)`);
    }
    assert.deepEqual(failures, [], failures.slice(0, 40).join('\n'));
    console.log(`      (${changed} of ${corpus.length} files changed by their safe fixes)`);
  });
});
