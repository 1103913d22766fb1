// Shared checks for rule tests: lint with one rule on, and the fix round trip every fix must pass.
import assert from 'node:assert/strict';
import { applyEdits } from '../../src/core/lint/fix';
import { lint, type LintOptions } from '../../src/core/lint/lint';
import { INSTRUCTION_KEYWORDS, parseDockerfile } from '../../src/core/dockerfile/model';
import { runScript } from '../../src/core/shell/script';
import { allRules } from '../../src/core/rules';
import type { Diagnostic, Fix, Level } from '../../src/core/types';
import { MemoryContext } from './memoryContext';

/** Every rule at its default level, except the ones named. */
export function levels(overrides: Record<string, Level> = {}): Record<string, Level> {
  const out: Record<string, Level> = {};
  for (const r of allRules) out[r.id] = r.defaultLevel;
  return { ...out, ...overrides };
}

/** Findings of one rule (switched on at warning when it is off by default). */
export function findings(text: string, rule: string, options: LintOptions = {}): Diagnostic[] {
  const on = allRules.find((r) => r.id === rule)!;
  assert.ok(on, `no rule ${rule}`);
  return lint(text, {
    ...options,
    rules: { ...options.rules, [rule]: on.defaultLevel === 'off' ? 'info' : on.defaultLevel },
  }).filter((d) => d.rule === rule);
}

/** What a Dockerfile parser or a shell would reject: unknown keywords, unparsable shell RUNs, broken JSON forms. */
export function parseProblems(text: string): string[] {
  const model = parseDockerfile(text);
  const problems: string[] = [];
  for (const i of model.instructions) {
    if (!INSTRUCTION_KEYWORDS.has(i.keyword))
      problems.push(`line ${i.range.start.line + 1}: unknown instruction ${i.keyword}`);
    if (i.keyword === 'RUN' && !i.jsonForm && i.argsText.trim() && !runScript(model, i))
      problems.push(`line ${i.range.start.line + 1}: RUN does not parse as shell`);
    if (i.jsonForm) {
      try {
        JSON.parse(
          i.args
            .map((a) => a.value)
            .join(' ')
            .startsWith('[')
            ? model.textOf({ start: i.argsStart, end: i.range.end }).replace(/\\\r?\n/g, '')
            : '[]',
        );
      } catch {
        problems.push(`line ${i.range.start.line + 1}: ${i.keyword} JSON form is not valid JSON`);
      }
    }
  }
  if (!model.stages.length) problems.push('no FROM');
  return problems;
}

/**
 * Applies the fix, then checks: the finding is gone, nothing new at warning or above appears,
 * the text still parses, and applying the same fix again changes nothing. Returns the fixed text.
 * The fix is the first offered, the first with this title or title pattern, or the one at this
 * index among the fixes of all findings.
 */
export function roundTrip(
  text: string,
  rule: string,
  fixTitle?: string | RegExp | number,
  options: LintOptions = {},
): string {
  const before = findings(text, rule, options);
  assert.ok(before.length > 0, `${rule} did not fire`);
  const pick = (ds: Diagnostic[]) =>
    typeof fixTitle === 'number'
      ? ds.flatMap((d) => d.fixes)[fixTitle]
      : ds
          .flatMap((d) => d.fixes)
          .find(
            (f) =>
              fixTitle === undefined || (typeof fixTitle === 'string' ? f.title === fixTitle : fixTitle.test(f.title)),
          );
  const fix = pick(before);
  assert.ok(fix, `${rule} offered no fix ${fixTitle ?? ''}`);
  const fixed = applyEdits(text, fix.edits);
  const afterOptions = withContextEdits(options, fix);
  assert.ok(fixed !== text || afterOptions !== options, 'the fix changed nothing');
  const problemsBefore = parseProblems(text).length;
  assert.deepEqual(parseProblems(fixed).slice(problemsBefore), [], 'the fixed Dockerfile does not parse');
  const after = findings(fixed, rule, afterOptions);
  assert.ok(after.length < before.length, `${rule} still fires as often after its fix:\n${fixed}`);
  const serious = (t: string, o: LintOptions) =>
    lint(t, { ...o, rules: levels(o.rules) })
      .filter((d) => d.severity !== 'info' && d.rule !== rule)
      .map((d) => `${d.rule}:${d.message}`);
  const newOnes = serious(fixed, afterOptions).filter((m) => !serious(text, options).includes(m));
  assert.deepEqual(newOnes, [], `the fix brought new findings:\n${fixed}`);
  const again = pick(after);
  if (again && again.title === fix.title) {
    // a second finding of the same kind elsewhere is fine, but the fixed spot must not change again
    const twice = applyEdits(fixed, again.edits);
    assert.ok(
      findings(twice, rule, withContextEdits(afterOptions, again)).length < after.length,
      'applying the fix again changed the same spot',
    );
  }
  return fixed;
}

/** The options with the fix's context edits applied to their in-memory context (the same options when it has none). */
export function withContextEdits(options: LintOptions, fix: Fix): LintOptions {
  if (!fix.contextEdits?.length) return options;
  assert.ok(options.context instanceof MemoryContext, 'a fix with context edits needs a MemoryContext to check them');
  return { ...options, context: options.context.withEdits(fix.contextEdits) };
}
