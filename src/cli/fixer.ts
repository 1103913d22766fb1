// `--fix`: safe fixes of findings that do not touch each other, applied and re-linted until
// nothing changes. Findings whose fixes overlap wait for the next round, when they are re-found
// on the new text.
import fs from 'node:fs';
import path from 'node:path';
import { normalizeContextPath } from '../core/context';
import { applyEdits } from '../core/fix';
import { lineStarts, offsetAt } from '../core/text';
import type { ContextFileEdit, Diagnostic, Fix } from '../core/types';
import { contextReads, lintText, readDockerfile, NOT_A_DOCKERFILE, type FileJob, type FileReport } from './lintFile';

/** Enough for every fix to wait its turn a few times; a loop of fixes undoing each other stops here. */
const MAX_FIX_ROUNDS = 12;

export function fixFile(job: FileJob): FileReport {
  const report: FileReport = { file: job.file, diagnostics: [], ruleErrors: [], fixed: 0 };
  const read = readDockerfile(job.file);
  if ('error' in read) return { ...report, error: read.error };
  const root = path.dirname(job.file);
  // Rule errors are reported once, from the first lint: later rounds would repeat them.
  let ruleErrors = report.ruleErrors;
  const result = fixText(read.text, {
    lint: (text) => {
      const diagnostics = lintText(text, job, ruleErrors);
      ruleErrors = [];
      return diagnostics;
    },
    applyContextEdit: (edit) => applyContextEdit(root, edit),
  });
  if (!result) return { ...report, error: NOT_A_DOCKERFILE };
  if (result.text !== read.text) fs.writeFileSync(job.file, (read.bom ? '\ufeff' : '') + result.text);
  return { ...report, diagnostics: result.diagnostics, fixed: result.fixed };
}

/** How the fix loop reads findings and writes other files; the CLI uses the disk, tests a map. */
export interface FixHost {
  /** Findings in the text, with the build context as it is now; undefined when it is not a Dockerfile. */
  lint(text: string): Diagnostic[] | undefined;
  /** Writes an edit to a context file; false when it changed nothing. */
  applyContextEdit(edit: ContextFileEdit): boolean;
}

export interface FixResult {
  text: string;
  /** Findings left in the final text. */
  diagnostics: Diagnostic[];
  fixed: number;
}

/** Applies safe fixes round after round until nothing changes (at most MAX_FIX_ROUNDS rounds). */
export function fixText(original: string, host: FixHost): FixResult | undefined {
  let text = original;
  const seen = new Set([text]);
  let diagnostics = host.lint(text);
  if (!diagnostics) return undefined;
  let fixed = 0;
  for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
    const fixes = compatibleSafeFixes(text, diagnostics);
    if (!fixes.length) break;
    const next = applyEdits(text, fixes.flatMap((f) => f.edits));
    const contextChanged = fixes.map((f) => (f.contextEdits ?? []).map((edit) => host.applyContextEdit(edit)).some(Boolean)).some(Boolean);
    // The same text twice means fixes undo each other: stop rather than loop.
    if ((next === text || seen.has(next)) && !contextChanged) break;
    fixed += fixes.length;
    text = next;
    seen.add(text);
    diagnostics = host.lint(text) ?? [];
  }
  return { text, diagnostics, fixed };
}

/** The first safe fix of each finding, skipping any whose edits touch an earlier one's. */
export function compatibleSafeFixes(text: string, diagnostics: readonly Diagnostic[]): Fix[] {
  const starts = lineStarts(text);
  const taken: [number, number][] = [];
  const contextPaths = new Set<string>();
  const chosen: Fix[] = [];
  for (const d of diagnostics) {
    const fix = d.fixes.find((f) => f.safe);
    if (!fix || !fix.edits.length && !fix.contextEdits?.length) continue;
    const spans = fix.edits.map((e): [number, number] => [offsetAt(text, starts, e.range.start), offsetAt(text, starts, e.range.end)]);
    // Touching spans count as overlapping: two insertions at one point have no right order.
    if (spans.some(([s, e]) => taken.some(([ts, te]) => s <= te && ts <= e))) continue;
    if (spans.some(([s, e], i) => spans.some(([s2, e2], j) => i !== j && s < e2 && s2 < e))) continue;
    const paths = (fix.contextEdits ?? []).map((c) => normalizeContextPath(c.path));
    if (paths.some((p) => !p || contextPaths.has(p))) continue;
    taken.push(...spans);
    paths.forEach((p) => contextPaths.add(p!));
    chosen.push(fix);
  }
  return chosen;
}

/** Writes one context edit (e.g. a new `.dockerignore`); false when it changed nothing. */
function applyContextEdit(root: string, edit: ContextFileEdit): boolean {
  const rel = normalizeContextPath(edit.path);
  if (!rel) return false;
  const file = path.join(root, rel);
  const exists = fs.existsSync(file);
  // A file to create that exists already was made by an earlier round: its finding is gone.
  if (edit.create && exists) return false;
  const before = exists ? fs.readFileSync(file, 'utf8') : '';
  const after = applyEdits(before, edit.edits);
  if (exists && after === before) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, after);
  contextReads.clear();
  return true;
}
