// On every corpus file, no two findings on one command give opposite advice, among the rules that
// judge a package manager's cache and the image's base. "Opposite", concretely:
// - two voices on one cache: on one RUN, a cleanup rule's finding about a manager's cache (clean it
//   or switch it off) beside cache-mount's about the same manager, or two findings that both offer
//   a cache mount at one target (a cleanup rule carries the mount as its second fix);
// - advice the command already follows: a fix that adds an option word (`--no-cache-dir`,
//   `--no-cache`, `-y`) the command already has, or a mount the RUN already has;
// - a fix that takes out an option these rules ask for (a cache mount that removes the
//   `--no-cache-dir` which pip-no-cache-dir asks for);
// - prefer-multi-stage and minimal-base-image both on one FROM.
import assert from 'node:assert/strict';
import { DockerfileModel, type Instr } from '../../../src/core/dockerfile/model';
import { lint } from '../../../src/core/lint/lint';
import type { Diagnostic, Fix } from '../../../src/core/types';
import { OverlayContext, allOn, corpusOrSkip, type CorpusFile } from './sharedCorpus';

const CACHE_RULES = ['cache-mount', 'pip-no-cache-dir', 'apk-no-cache', 'apt-lists-cleanup', 'package-cache-cleanup'];
const COMMAND_RULES = [...CACHE_RULES, 'apt-get-yes'];
/** The manager each cleanup rule's finding is about, as cache-mount's message names it. */
const CLEANUP_MANAGER: Record<string, (message: string) => string> = {
  'pip-no-cache-dir': () => 'pip',
  'apk-no-cache': () => 'apk',
  'apt-lists-cleanup': () => 'apt',
  'package-cache-cleanup': (m) => /yarn|yum|dnf|microdnf/.exec(m)?.[0] ?? '?',
};
/** Options the rules ask for: no fix may take one out. */
const ASKED = ['--no-cache-dir', '--no-cache', '-y', '--no-install-recommends'];

/** The words a fix inserts that start with `-`: options and `--mount=` flags. */
function insertedOptions(fix: Fix): string[] {
  return fix.edits
    .filter((e) => e.range.start.line === e.range.end.line && e.range.start.character === e.range.end.character)
    .flatMap((e) => e.newText.split(/[\s\\]+/))
    .filter((w) => w.startsWith('-'));
}

/** The words a fix takes out without putting anything in their place. */
function removedWords(model: DockerfileModel, fix: Fix): string[] {
  return fix.edits.filter((e) => e.newText === '').flatMap((e) => model.textOf(e.range).trim().split(/\s+/));
}

const mountTargets = (fix: Fix) =>
  insertedOptions(fix).flatMap((o) => /^--mount=type=cache,target=([^,]+)/.exec(o)?.[1] ?? []);

const hasWord = (text: string, word: string) =>
  new RegExp(`(^|[\\s"'])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[\\s"'])`).test(text);

function opposites({ name, file, text }: CorpusFile): string[] {
  const model = new DockerfileModel(text);
  const found = lint(text, { rules: allOn(), context: new OverlayContext(file) });
  const runOf = (d: Diagnostic): Instr | undefined =>
    model.instructions.find((i) => i.range.start.line <= d.range.start.line && d.range.start.line <= i.range.end.line);
  const out: string[] = [];
  const byRun = new Map<Instr, Diagnostic[]>();
  for (const d of found.filter((f) => COMMAND_RULES.includes(f.rule))) {
    const run = runOf(d);
    if (run?.keyword === 'RUN') byRun.set(run, [...(byRun.get(run) ?? []), d]);
  }
  for (const [run, diagnostics] of byRun) {
    const where = `${name}:${run.range.start.line + 1}`;
    const flags = model.textOf({ start: run.range.start, end: run.argsStart });
    const mounts = new Map<string, string>();
    for (const d of diagnostics.filter((x) => CACHE_RULES.includes(x.rule)))
      for (const target of d.fixes.flatMap(mountTargets)) {
        const other = mounts.get(target);
        if (other && other !== d.rule)
          out.push(`${where}: ${other} and ${d.rule} both offer a cache mount at ${target}`);
        mounts.set(target, d.rule);
      }
    const mounted = diagnostics
      .filter((d) => d.rule === 'cache-mount')
      .flatMap((d) => /for (.*) \(RUN/.exec(d.message)?.[1].split(', ') ?? []);
    for (const d of diagnostics.filter((x) => CLEANUP_MANAGER[x.rule])) {
      const manager = CLEANUP_MANAGER[d.rule](d.message);
      if (mounted.includes(manager)) out.push(`${where}: ${d.rule} and cache-mount both speak for ${manager}'s cache`);
    }
    for (const d of diagnostics)
      for (const fix of d.fixes) {
        for (const option of insertedOptions(fix)) {
          const already = option.startsWith('--mount=')
            ? flags.includes(option)
            : hasWord(model.textOf(d.range), option);
          if (already) out.push(`${where}: ${d.rule} asks for ${option}, which the command has`);
        }
        for (const word of removedWords(model, fix).filter((w) => ASKED.includes(w)))
          out.push(`${where}: ${d.rule}'s "${fix.title}" takes out ${word}, which the rules ask for`);
      }
  }
  const heavy = found.filter((d) => d.rule === 'prefer-multi-stage' || d.rule === 'minimal-base-image');
  for (const d of heavy.filter((x) => x.rule === 'minimal-base-image'))
    if (heavy.some((x) => x.rule === 'prefer-multi-stage' && runOf(x) === runOf(d)))
      out.push(`${name}:${d.range.start.line + 1}: prefer-multi-stage and minimal-base-image on one FROM`);
  return out;
}

describe('one voice per problem over the real-world corpus (unit, ../shared/corpus)', function () {
  this.timeout(600_000);
  let corpus: CorpusFile[];

  before(function () {
    corpus = corpusOrSkip(this)!;
  });

  it('no two findings on one command give opposite advice', () => {
    assert.deepEqual(corpus.flatMap(opposites), []);
  });
});
