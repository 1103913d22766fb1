// `--fix`: safe fixes of findings that do not touch each other, applied and re-linted until
// nothing changes. Findings whose fixes overlap wait for the next round, when they are re-found
// on the new text.
import fs from 'node:fs';
import path from 'node:path';
import { normalizeContextPath } from '../core/context';
import { applyEdits } from '../core/fix';
import { lineStarts, offsetAt } from '../core/text';
import type { ContextFileEdit, Diagnostic, Fix } from '../core/types';
import { lintText, readDockerfile, NOT_A_DOCKERFILE, type FileJob, type FileReport } from './lintFile';

/** Enough for every fix to wait its turn a few times; a loop of fixes undoing each other stops here. */
export const MAX_FIX_ROUNDS = 12;

export function fixFile(job: FileJob): FileReport {
  const report: FileReport = { file: job.file, diagnostics: [], ruleErrors: [], fixed: 0 };
  const read = readDockerfile(job.file);
  if ('error' in read) return { ...report, error: read.error };
  const root = path.dirname(job.file);
  let text = read.text;
  const seen = new Set([text]);
  let diagnostics = lintText(text, job, report.ruleErrors);
  if (!diagnostics) return { ...report, error: NOT_A_DOCKERFILE };
  for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
    const fixes = compatibleSafeFixes(text, diagnostics);
    if (!fixes.length) break;
    const next = applyEdits(text, fixes.flatMap((f) => f.edits));
    const contextChanged = fixes.some((f) => (f.contextEdits ?? []).map((edit) => applyContextEdit(root, edit)).some(Boolean));
    if ((next === text || seen.has(next)) && !contextChanged) break;
    report.fixed += fixes.length;
    text = next;
    seen.add(text);
    diagnostics = lintText(text, job, []) ?? [];
  }
  if (text !== read.text) fs.writeFileSync(job.file, (read.bom ? '\ufeff' : '') + text);
  return { ...report, diagnostics };
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
  return true;
}
