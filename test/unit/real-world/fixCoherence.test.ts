// One voice per problem, over ../shared/corpus (issue 15), every rule on:
//   1. after fix-all, every finding left that offered a fix before still offers one, and the
//      text still parses;
//   2. each fix applied alone adds no finding (no rule fires more often after it) unless
//      EXPECTED_ADDS says why it must stay, and takes none of another rule away unless
//      EXPECTED_GONE says why that is right.
// Findings are matched by rule and message, and counted by rule: fixes move lines, and a merge
// of RUNs makes one finding of two.
import assert from 'node:assert/strict';
import { applyEdits } from '../../../src/core/lint/fix';
import { fixText } from '../../../src/core/lint/fixAll';
import { lint } from '../../../src/core/lint/lint';
import type { Diagnostic } from '../../../src/core/types';
import { parseProblems } from '../../support/ruleHarness';
import { OverlayContext, allOn, corpusOrSkip, type CorpusFile } from './sharedCorpus';

/** Another rule's findings that a fix may take away, and why that is no loss. */
const EXPECTED_GONE: { fix: string; gone: string; why: string }[] = [
  { fix: 'consecutive-run', gone: 'cache-mount', why: 'two RUNs merged are one RUN to mount a cache on' },
  { fix: 'consecutive-run', gone: 'apt-lists-cleanup', why: 'two RUNs merged are one RUN to clean up in' },
  { fix: 'consecutive-run', gone: 'pipefail', why: 'two RUNs merged are one RUN to set pipefail in' },
  { fix: 'cache-mount', gone: 'syntax-directive', why: 'its fix adds the # syntax line' },
  { fix: 'cache-mount', gone: 'consecutive-run', why: 'RUNs with different mounts are not joined' },
  { fix: 'cache-mount', gone: 'pip-no-cache-dir', why: 'a cache mount keeps the cache out of the layer' },
  { fix: 'cache-mount', gone: 'apt-lists-cleanup', why: 'a cache mount keeps the lists out of the layer' },
  { fix: 'cache-mount', gone: 'package-cache-cleanup', why: 'a cache mount keeps the cache out of the layer' },
  // the cleanup rules' findings carry the cache mount as their second fix (one voice per problem)
  ...['pip-no-cache-dir', 'apk-no-cache', 'apt-lists-cleanup', 'package-cache-cleanup'].map((fix) => ({
    fix,
    gone: 'consecutive-run',
    why: 'RUNs with different mounts are not joined',
  })),
  ...['pip-no-cache-dir', 'apk-no-cache', 'apt-lists-cleanup', 'package-cache-cleanup'].map((gone) => ({
    fix: 'prefer-multi-stage',
    gone,
    why: 'the install moves to a build stage, whose layers never reach the image',
  })),
  { fix: 'non-root-user', gone: 'consecutive-run', why: 'the USER line it adds parts the RUNs' },
  { fix: 'run-cd', gone: 'consecutive-run', why: 'the WORKDIR it adds parts the RUNs' },
  { fix: 'pipefail', gone: 'consecutive-run', why: 'the SHELL line it adds parts the RUNs' },
  { fix: 'prefer-multi-stage', gone: 'minimal-base-image', why: 'its fix runs the app from a smaller image' },
  { fix: 'prefer-multi-stage', gone: 'non-root-user', why: 'the image it runs from has a non-root user' },
];

/**
 * Findings a fix adds that must stay, and why (docs/rules.md says the same). `onlyWhereFound`: only
 * in a file where the rule fired before the fix. Each must still happen.
 */
const EXPECTED_ADDS: { fix: string; adds: string; why: string; onlyWhereFound?: boolean }[] = [
  {
    fix: 'prefer-multi-stage',
    adds: 'pin-digest',
    why: "a digest is the registry's answer: the runtime stage's new FROM has none until pin-digest's own fix asks",
  },
  {
    fix: 'prefer-multi-stage',
    adds: 'pin-base-image',
    onlyWhereFound: true,
    why: "the runtime stage follows the build stage's image: with no tag there, none in the copy; the tag is the user's choice",
  },
];

/**
 * Fixes that add findings, known and not yet fixed: the fixing rule, the rule it adds, whose files
 * they are. Each must still happen: remove it once fixed.
 */
const KNOWN_ADDS: { fix: string; adds: string; owner: string }[] = [];

const key = (d: Diagnostic) => `${d.rule}: ${d.message}`;

function countBy(keys: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}

const countByRule = (ds: readonly Diagnostic[]) => countBy(ds.map((d) => d.rule));

/** Problems of the fixed text that the original did not have, line numbers aside. */
function newProblems(before: string, after: string): string[] {
  const old = new Map<string, number>();
  const strip = (p: string) => p.replace(/^line \d+: /, '');
  for (const p of parseProblems(before)) old.set(strip(p), (old.get(strip(p)) ?? 0) + 1);
  return parseProblems(after).filter((p) => {
    const n = old.get(strip(p)) ?? 0;
    old.set(strip(p), n - 1);
    return n <= 0;
  });
}

function lintIn(text: string, context: OverlayContext): Diagnostic[] {
  return lint(text, { rules: allOn(), context });
}

describe('fix-all keeps the fixes still needed (unit)', () => {
  it('merging `npm install` with `npm run build` leaves dependency-layer-order its fix', () => {
    const text = 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm install\nRUN npm run build\nUSER node\n';
    const rules = { 'consecutive-run': 'info', 'dependency-layer-order': 'warning' } as const;
    const result = fixText(text, { lint: (t) => lint(t, { rules }), applyContextEdit: () => false })!;
    assert.match(result.text, /RUN npm install && \\\n\s+npm run build/, 'consecutive-run merged the RUNs');
    const [finding] = result.diagnostics.filter((d) => d.rule === 'dependency-layer-order');
    assert.deepEqual(
      finding?.fixes.map((f) => f.title),
      ['Copy the npm manifests first, then the sources after the install'],
    );
  });
});

describe('one voice per problem over the corpus (unit, ../shared/corpus)', function () {
  this.timeout(600_000);
  let corpus: CorpusFile[];

  before(function () {
    corpus = corpusOrSkip(this)!;
  });

  it('after fix-all, every finding left that offered a fix still offers one, and the text parses', () => {
    const failures: string[] = [];
    for (const { file, name, text } of corpus) {
      const context = new OverlayContext(file);
      const before = lintIn(text, context);
      const host = { lint: (t: string) => lintIn(t, context), applyContextEdit: context.apply.bind(context) };
      const result = fixText(text, host)!;
      const broken = newProblems(text, result.text);
      if (broken.length) failures.push(`${name}: fix-all leaves a text that does not parse: ${broken.join('; ')}`);
      // by rule and message, counted: two findings may say the same, one with a fix and one without
      const withFix = (ds: readonly Diagnostic[]) => countBy(ds.filter((d) => d.fixes.length).map(key));
      const [hadFix, hasFix, left] = [
        withFix(before),
        withFix(result.diagnostics),
        countBy(result.diagnostics.map(key)),
      ];
      for (const [k, had] of hadFix) {
        const lost = Math.min(had, left.get(k) ?? 0) - (hasFix.get(k) ?? 0);
        if (lost > 0) failures.push(`${name}: ${k.slice(0, 120)}: fix-all took the fix of ${lost} away`);
      }
    }
    assert.deepEqual(failures, [], `${failures.length} failures:\n${failures.join('\n')}`);
  });

  it('no fix, applied alone, adds a finding or takes one of another rule away', () => {
    const failures: string[] = [];
    const known = new Set<(typeof KNOWN_ADDS)[number]>();
    const expected = new Set<(typeof EXPECTED_ADDS)[number]>();
    let checked = 0;
    for (const { file, name, text } of corpus) {
      const before = lintIn(text, new OverlayContext(file));
      const counts = countByRule(before);
      for (const d of before) {
        for (const fix of d.fixes) {
          checked++;
          const context = new OverlayContext(file);
          for (const edit of fix.contextEdits ?? []) context.apply(edit);
          const after = countByRule(lintIn(applyEdits(text, fix.edits), context));
          const where = `${name}:${d.range.start.line + 1} ${d.rule} "${fix.title}"`;
          for (const rule of new Set([...counts.keys(), ...after.keys()])) {
            const was = counts.get(rule) ?? 0;
            const is = after.get(rule) ?? 0;
            if (is > was) {
              const entry = KNOWN_ADDS.find((k) => k.fix === d.rule && k.adds === rule);
              const meant = EXPECTED_ADDS.find(
                (e) => e.fix === d.rule && e.adds === rule && (!e.onlyWhereFound || was > 0),
              );
              if (entry) known.add(entry);
              else if (meant) expected.add(meant);
              else failures.push(`${where}: adds ${rule} (${was} → ${is})`);
            } else if (is < was && rule !== d.rule && !EXPECTED_GONE.some((e) => e.fix === d.rule && e.gone === rule))
              failures.push(`${where}: takes away ${rule} (${was} → ${is})`);
          }
        }
      }
    }
    assert.deepEqual(failures, [], `${failures.length} of ${checked} fixes:\n${failures.join('\n')}`);
    const stale = KNOWN_ADDS.filter((k) => !known.has(k)).map((k) => `${k.fix} adds ${k.adds}`);
    assert.deepEqual(stale, [], 'known cases that no longer happen: remove them from KNOWN_ADDS');
    const unseen = EXPECTED_ADDS.filter((e) => !expected.has(e)).map((e) => `${e.fix} adds ${e.adds}`);
    assert.deepEqual(unseen, [], 'expected cases that no longer happen: remove them from EXPECTED_ADDS');
  });
});
