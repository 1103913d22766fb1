// Fix-all on hostile variants of real Dockerfiles (issue 13): corpus files with heredocs, trailing
// escapes (at the end of the file too), `SHELL ["powershell", …]`, USER lines, `# escape=\``
// and characters that are not plain ASCII put in (hostileMutations.ts). After fix-all (fixText,
// every rule on, as corpus.test.ts runs it) each file must
//   1. parse with dockerfile-ast with no unknown instruction the input did not have (`parse`),
//   2. get no problem from dockerfile-utils' validator that the input did not have (`validate`),
//   3. be left as it is by a second fix-all (`refix`),
// and, because those three miss a broken heredoc or continuation that swallows what follows,
//   4. keep every instruction but RUNs, which fixes may join (`lost`),
//   5. have no more RUNs that the shell parser cannot read (`shell`),
//   6. keep the RUNs under a SHELL that is not POSIX as they were (`other-shell`).
// A failing case is put down to the rules whose fixes fail it on their own; known ones not yet
// fixed go in KNOWN with the reason, and must still fail with the default seed and runs.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { INSTRUCTION_KEYWORDS, parseDockerfile } from '../../../src/core/dockerfile/model';
import { fixText } from '../../../src/core/lint/fixAll';
import { lint } from '../../../src/core/lint/lint';
import { allRules } from '../../../src/core/rules';
import { runScript } from '../../../src/core/shell/script';
import type { Level } from '../../../src/core/types';
import { mutate, mutation } from './hostileMutations';
import { OverlayContext, allOn, corpusOrSkip, type CorpusFile } from './sharedCorpus';

/** A fixed seed and a bounded number of cases: the same cases every run, within about a minute. */
const DEFAULT_SEED = 1313;
const DEFAULT_RUNS = 1000;
const SEED = Number(process.env.DOCKWRIGHT_PROPERTY_SEED ?? DEFAULT_SEED);
const RUNS = Number(process.env.DOCKWRIGHT_FIX_PROPERTY_RUNS ?? DEFAULT_RUNS);

type Check = 'parse' | 'validate' | 'refix' | 'lost' | 'shell' | 'other-shell';

/**
 * Failures known and not fixed yet: the rules, the checks they fail, the issue item and why. Each
 * entry must still happen with the default seed and runs: remove it once its rules are fixed.
 * None today.
 */
const KNOWN: { rules: string[]; checks: Check[]; item: string; reason: string }[] = [];

/** The unknown instructions, by keyword, as dockerfile-ast parses the text. */
function unknownInstructions(text: string): string[] {
  return DockerfileParser.parse(text)
    .getInstructions()
    .map((i) => i.getKeyword().toUpperCase())
    .filter((k) => !INSTRUCTION_KEYWORDS.has(k));
}

/** What fixes turn an instruction into: MAINTAINER into a LABEL, ADD of a local file into COPY. */
const RENAMED: Record<string, string> = { MAINTAINER: 'LABEL', ADD: 'COPY' };

/**
 * The instructions other than RUN, counted as what their fixes rename them to: a fix may join
 * RUNs or add instructions, but one that breaks a heredoc or a continuation swallows the ones after.
 */
function keptInstructions(text: string): string[] {
  return parseDockerfile(text)
    .instructions.map((i) => RENAMED[i.keyword] ?? i.keyword)
    .filter((k) => k !== 'RUN');
}

/** The shell-form RUNs that the shell parser cannot read (their text). */
function unparsableRuns(text: string): string[] {
  const model = parseDockerfile(text);
  return model.instructions
    .filter((i) => i.keyword === 'RUN' && !i.jsonForm && i.argsText.trim() && !runScript(model, i))
    .map(() => 'RUN');
}

/** The RUNs (their text) under a SHELL that is not a POSIX shell: fixes that write sh must leave them be. */
function otherShellRuns(text: string): string[] {
  const model = parseDockerfile(text);
  const out: string[] = [];
  for (const stage of model.stages) {
    let other = false;
    for (const i of stage.instructions) {
      if (i.keyword === 'SHELL')
        other = !/^\[\s*"(\/bin\/|\/usr\/bin\/)?(sh|bash|ash|dash|zsh)"/.test(i.argsText.trim());
      else if (other && i.keyword === 'RUN') out.push(i.argsText);
    }
  }
  return out;
}

/** dockerfile-utils' problems, without their positions. */
function validatorProblems(text: string): string[] {
  return validate(text).map((d) => `${d.code ?? ''} ${typeof d.message === 'string' ? d.message : d.message.value}`);
}

/** What `after` has that `before` has not, counting repeats. */
function added(before: string[], after: string[]): string[] {
  const left = new Map<string, number>();
  for (const x of before) left.set(x, (left.get(x) ?? 0) + 1);
  return after.filter((x) => {
    const n = left.get(x) ?? 0;
    left.set(x, n - 1);
    return n <= 0;
  });
}

interface Failure {
  check: Check;
  detail: string;
}

/** How many fixes the last fix-all in failures() applied. */
let lastFixed = 0;

/** Fix-all with these rule levels, then the three checks. */
function failures(file: string, text: string, rules: Record<string, Level>): Failure[] {
  const context = new OverlayContext(file);
  const host = { lint: (t: string) => lint(t, { rules, context }), applyContextEdit: context.apply.bind(context) };
  const once = fixText(text, host)!;
  lastFixed = once.fixed;
  const out: Failure[] = [];
  const unknown = added(unknownInstructions(text), unknownInstructions(once.text));
  if (unknown.length) out.push({ check: 'parse', detail: `new unknown instructions: ${unknown.join(', ')}` });
  const problems = added(validatorProblems(text), validatorProblems(once.text));
  if (problems.length) out.push({ check: 'validate', detail: `new validator problems: ${problems.join('; ')}` });
  const lost = added(keptInstructions(once.text), keptInstructions(text));
  if (lost.length) out.push({ check: 'lost', detail: `instructions gone: ${lost.join(', ')}` });
  const broken = added(unparsableRuns(text), unparsableRuns(once.text));
  if (broken.length) out.push({ check: 'shell', detail: `${broken.length} more RUN that the shell cannot parse` });
  const touched = added(otherShellRuns(once.text), otherShellRuns(text));
  if (touched.length)
    out.push({ check: 'other-shell', detail: `RUNs under a non-POSIX SHELL changed: ${touched.join(' | ')}` });
  const twice = fixText(once.text, host)!;
  if (twice.text !== once.text || twice.fixed !== 0)
    out.push({ check: 'refix', detail: `a second fix-all made ${twice.fixed} more fixes` });
  return out;
}

/** The rules whose fixes alone fail the check (every other rule off); `(together)` when none does alone. */
function culprits(file: string, text: string, check: Check): string[] {
  const alone = allRules
    .filter((r) => {
      const rules = Object.fromEntries(allRules.map((x) => [x.id, x.id === r.id ? 'warning' : 'off'] as const));
      if (!lint(text, { rules, context: new OverlayContext(file) }).some((d) => d.fixes.some((f) => f.safe)))
        return false;
      return failures(file, text, rules).some((f) => f.check === check);
    })
    .map((r) => r.id);
  return alone.length ? alone : ['(together)'];
}

describe('fix-all on mutated corpus files (unit, property, ../shared/corpus)', function () {
  this.timeout(300_000);
  let corpus: CorpusFile[];

  before(function () {
    corpus = corpusOrSkip(this)!;
  });

  it('mutate() puts each kind of hostile text where it says', () => {
    const text = 'FROM a\nRUN b \\\n  c\nCMD d\n';
    assert.equal(mutate(text, { kind: 'escapeDirective' }), `# escape=\`\n${text}`);
    assert.equal(mutate(text, { kind: 'user', at: 2, which: 0 }), 'FROM a\nRUN b \\\n  c\nUSER root\nCMD d\n');
    assert.equal(mutate(text, { kind: 'trailingEscape', at: 1, eof: 3 }), 'FROM a\nRUN b \\\n  c \\\nCMD d\n');
    assert.equal(mutate(text, { kind: 'trailingEscape', at: 0, eof: 0 }), 'FROM a\nRUN b \\\n  c\nCMD d\\');
    assert.match(mutate(text, { kind: 'powershell', at: 0 }), /^FROM a\nSHELL \["powershell"/);
    assert.equal(mutate(text, { kind: 'char', at: 2, offset: 4, which: 1 }), 'FROM a\nRUN b \\\n  c\nCMD \u00e9d\n');
    assert.match(mutate(text, { kind: 'heredoc', at: 1, which: 0 }), /^FROM a\nRUN <<EOF\n[^]*\nEOF\nRUN b/);
  });

  it(`fix-all keeps ${RUNS} mutated corpus files parsing, valid and whole, and a second fix-all changes nothing (seed ${SEED})`, () => {
    const known = new Map<string, number>();
    const unknown: string[] = [];
    let changed = 0;
    let fixes = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: corpus.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (index, mutations) => {
          const { file, name, text } = corpus[index];
          const mutated = mutations.reduce(mutate, text);
          const found = failures(file, mutated, allOn());
          fixes += lastFixed;
          if (lastFixed) changed++;
          const news: string[] = [];
          for (const failure of found) {
            for (const rule of culprits(file, mutated, failure.check)) {
              const entry = KNOWN.find((k) => k.rules.includes(rule) && k.checks.includes(failure.check));
              const key = `${rule} ${failure.check}`;
              if (entry) known.set(key, (known.get(key) ?? 0) + 1);
              else news.push(`${name} ${JSON.stringify(mutations)}: ${key}: ${failure.detail}`);
            }
          }
          // every case runs, so that the message lists all the new failures, not the first
          unknown.push(...news);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    // by rule and check: how many, and the first two cases of each
    const byRule = new Map<string, string[]>();
    for (const u of unknown) {
      const key = /: (\S+ \S+): /.exec(u)![1];
      byRule.set(key, [...(byRule.get(key) ?? []), u]);
    }
    assert.deepEqual(
      unknown,
      [],
      `${unknown.length} new failures:\n${[...byRule].map(([k, cases]) => `${k} ×${cases.length}:\n  ${cases.slice(0, 2).join('\n  ')}`).join('\n')}`,
    );
    console.log(`      (${changed} of ${RUNS} mutated files changed by fix-all, ${fixes} fixes in all)`);
    console.log(`      (known failures: ${[...known].map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'})`);
    if (SEED !== DEFAULT_SEED || RUNS !== DEFAULT_RUNS) return;
    const stale = KNOWN.filter((k) => !k.rules.some((r) => k.checks.some((c) => known.has(`${r} ${c}`)))).map(
      (k) => `${k.rules.join(', ')} (${k.item})`,
    );
    assert.deepEqual(stale, [], 'known failures that no longer happen: remove them from KNOWN');
  });
});
