// Rule tests as tables, after ESLint's RuleTester: texts the rule accepts, texts it reports with
// where and what, and what its fix makes of them. Every expected output goes through the fix round
// trip of ruleHarness (the finding goes, nothing new appears, the text parses, a second application
// changes nothing), not only a comparison of texts.
//
//     ruleTester.run('apk-no-cache', {
//       valid: ['FROM alpine:3.20\nRUN apk add --no-cache curl\n'],
//       invalid: [
//         { code: 'FROM alpine:3.20\nRUN apk add curl\n', line: 2, output: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n' },
//         { code: 'FROM alpine:3.20\nRUN apk list | apk add\n', output: null }, // reported, no fix
//       ],
//     });
//
// Lines and columns are 1-based, as editors show them.
import assert from 'node:assert/strict';
import type { LintOptions } from '../../src/core/lint/lint';
import type { Diagnostic, Fix, Severity } from '../../src/core/types';
import { MemoryContext } from './memoryContext';
import { findings, roundTrip, withContextEdits } from './ruleHarness';

export { dedent, dockerfile } from './dedent';
export { fixture } from './fixtures';

/** Which fix: a substring of its title, a pattern of its title, or its index among the fixes of all findings. */
export type FixSelector = string | RegExp | number;

export interface CaseOptions {
  code: string;
  /** The test's title; the code on one line when left out. */
  name?: string;
  /** Lint options (target, trustedRegistries, other rules' levels); the rule under test is switched on. */
  options?: Omit<LintOptions, 'context'>;
  /** The build context: its files by path, or a MemoryContext (to give it a Dockerfile path). */
  context?: Record<string, string> | MemoryContext;
}

/** A text the rule must not report: the code alone, or with options and a context. */
export type ValidCase = string | CaseOptions;

/** One finding, in the order lint() reports them. */
export interface ExpectedFinding {
  line?: number;
  column?: number;
  /** The text its range covers. */
  text?: string;
  message?: string | RegExp;
  severity?: Severity;
  /** Lines of its related locations. */
  related?: number[];
}

export interface InvalidCase extends CaseOptions {
  /** The line of the only finding. */
  line?: number;
  /** The lines of all findings, in order (one entry a finding). */
  lines?: number[];
  /** How many findings; at least one when neither this nor the lines are given. */
  count?: number;
  /** Every finding's message contains this, or matches it. */
  message?: string | RegExp;
  /** Every finding's level. */
  severity?: Severity;
  /** Each finding in turn; there are exactly as many. */
  findings?: ExpectedFinding[];
  /** The titles of the fixes offered, over all findings, in order. */
  fixes?: string[];
  /** The fix that `safe`, `note` and `output` are about; the first offered when left out. A list applies one after the other. */
  fix?: FixSelector | FixSelector[];
  /** Whether the (first chosen) fix is safe: fix-all applies it without asking. */
  safe?: boolean;
  /** The (first chosen) fix's note contains this, or matches it. */
  note?: string | RegExp;
  /** The build secrets the (first chosen) fix says the build now needs. */
  secrets?: Fix['secrets'];
  /**
   * The text after the fix, after the full round trip: the text itself, or a pattern it matches.
   * `null`: no fix is offered (none with that title when `fix` is given).
   */
  output?: string | RegExp | null;
  /** Files of the context after the fix's context edits (needs `context`): their text, or a pattern it matches. */
  outputContext?: Record<string, string | RegExp>;
}

export interface RuleTests {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

function title(c: ValidCase): string {
  if (typeof c !== 'string' && c.name) return c.name;
  const code = JSON.stringify(typeof c === 'string' ? c : c.code).slice(1, -1);
  return code.length > 110 ? `${code.slice(0, 109)}…` : code;
}

function lintOptions(c: CaseOptions): LintOptions {
  const context =
    c.context === undefined || c.context instanceof MemoryContext ? c.context : new MemoryContext(c.context);
  return { ...c.options, ...(context && { context }) };
}

function matches(actual: string, expected: string | RegExp, what: string): void {
  if (typeof expected === 'string')
    assert.ok(
      actual.includes(expected),
      `${what}: ${JSON.stringify(actual)} does not contain ${JSON.stringify(expected)}`,
    );
  else assert.match(actual, expected, what);
}

function pick(found: Diagnostic[], selector: FixSelector): Fix | undefined {
  const all = found.flatMap((d) => d.fixes);
  if (typeof selector === 'number') return all[selector];
  return all.find((f) => (typeof selector === 'string' ? f.title.includes(selector) : selector.test(f.title)));
}

/** The selector as roundTrip() takes it: a title substring becomes a pattern. */
function forRoundTrip(selector: FixSelector): RegExp | number {
  return typeof selector === 'string' ? new RegExp(selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : selector;
}

const lineOf = (d: Diagnostic) => d.range.start.line + 1;

/** The text a range covers. */
function textAt(code: string, d: Diagnostic): string {
  const lines = code.split('\n');
  const offset = (p: { line: number; character: number }) =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return code.slice(offset(d.range.start), offset(d.range.end));
}

/** Throws when the rule reports the valid case. */
export function checkValid(rule: string, c: ValidCase): void {
  const code = typeof c === 'string' ? c : c.code;
  const found = findings(code, rule, typeof c === 'string' ? {} : lintOptions(c));
  assert.deepEqual(
    found.map((d) => `${lineOf(d)}:${d.range.start.character + 1} ${d.message}`),
    [],
    `${rule} reports:\n${code}`,
  );
}

/** Throws when the rule does not report the invalid case as it says, or its fix does not give the output. */
export function checkInvalid(rule: string, c: InvalidCase): void {
  const options = lintOptions(c);
  const found = findings(c.code, rule, options);
  const on = `\n--- in ---\n${c.code}`;
  assert.ok(found.length > 0, `${rule} did not fire${on}`);
  if (c.line !== undefined) assert.deepEqual(found.map(lineOf), [c.line], `finding lines${on}`);
  if (c.lines) assert.deepEqual(found.map(lineOf), c.lines, `finding lines${on}`);
  if (c.count !== undefined) assert.equal(found.length, c.count, `finding count${on}`);
  for (const d of found) {
    if (c.message !== undefined) matches(d.message, c.message, 'message');
    if (c.severity) assert.equal(d.severity, c.severity, `level${on}`);
  }
  if (c.findings) {
    assert.equal(found.length, c.findings.length, `finding count${on}`);
    c.findings.forEach((expected, i) => {
      const d = found[i];
      const at = `finding ${i + 1}${on}`;
      if (expected.line !== undefined) assert.equal(lineOf(d), expected.line, `line of ${at}`);
      if (expected.column !== undefined) assert.equal(d.range.start.character + 1, expected.column, `column of ${at}`);
      if (expected.text !== undefined) assert.equal(textAt(c.code, d), expected.text, `text of ${at}`);
      if (expected.message !== undefined) matches(d.message, expected.message, `message of ${at}`);
      if (expected.severity) assert.equal(d.severity, expected.severity, `level of ${at}`);
      if (expected.related)
        assert.deepEqual(
          (d.related ?? []).map((r) => r.range.start.line + 1),
          expected.related,
          `related lines of ${at}`,
        );
    });
  }
  if (c.fixes)
    assert.deepEqual(
      found.flatMap((d) => d.fixes.map((f) => f.title)),
      c.fixes,
      `fixes offered${on}`,
    );

  const selectors = c.fix === undefined ? [] : Array.isArray(c.fix) ? c.fix : [c.fix];
  const chosen = pick(found, selectors[0] ?? 0);
  if (c.output === null) {
    assert.ok(
      c.safe === undefined && c.note === undefined && !c.secrets && !c.outputContext,
      'a case without a fix cannot say what the fix does',
    );
    assert.equal(chosen?.title, undefined, `${rule} offers a fix${on}`);
    return;
  }
  const wantsFix =
    c.fix !== undefined ||
    c.safe !== undefined ||
    c.note !== undefined ||
    c.secrets !== undefined ||
    c.output !== undefined ||
    c.outputContext !== undefined;
  if (!wantsFix) return;
  assert.ok(chosen, `${rule} offers no fix ${selectors[0] ?? ''}${on}`);
  if (c.safe !== undefined) assert.equal(chosen.safe, c.safe, `safe${on}`);
  if (c.note !== undefined) matches(chosen.note ?? '', c.note, 'note');
  if (c.secrets !== undefined) assert.deepEqual(chosen.secrets, c.secrets, `secrets${on}`);
  if (c.output === undefined && !c.outputContext) return;

  let text = c.code;
  let current = options;
  for (const selector of selectors.length ? selectors : [0]) {
    const fix = pick(findings(text, rule, current), selector);
    assert.ok(fix, `${rule} offers no fix ${selector} on:\n${text}`);
    const fixed = roundTrip(text, rule, forRoundTrip(selector), current);
    current = withContextEdits(current, fix);
    text = fixed;
  }
  if (typeof c.output === 'string') assert.equal(text, c.output);
  else if (c.output) assert.match(text, c.output);
  for (const [path, expected] of Object.entries(c.outputContext ?? {})) {
    assert.ok(current.context, 'outputContext needs a context');
    const after = current.context.readFile(path);
    if (typeof expected === 'string') assert.equal(after, expected, `${path} after the fix`);
    else assert.match(after ?? '', expected, `${path} after the fix`);
  }
}

export const ruleTester = {
  /** One `describe(rule)` with an `it` for each case. */
  run(rule: string, tests: RuleTests): void {
    describe(rule, () => {
      describe('valid', () => {
        for (const c of tests.valid) it(title(c), () => checkValid(rule, c));
      });
      describe('invalid', () => {
        for (const c of tests.invalid) it(title(c), () => checkInvalid(rule, c));
      });
    });
  },
};

export const runRuleTests = ruleTester.run;
