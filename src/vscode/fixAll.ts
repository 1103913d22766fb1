// Fix-all: apply every safe fix, lint again, repeat (a fix can uncover or shift another finding).
// It has no vscode import: the editor's source.fixAll.dockwright applies its result as one edit.
import { applyEdits } from '../core/fix';
import { lint, type LintOptions } from '../core/lint';
import type { Fix, Position, TextEdit } from '../core/types';

/** Enough rounds for chains of fixes; a fix that keeps re-firing cannot loop for ever. */
const MAX_ROUNDS = 10;

export interface FixAllResult {
  text: string;
  /** How many fixes were applied, over all rounds. */
  applied: number;
}

/**
 * Applies the safe fixes that touch only the Dockerfile. Fixes that edit other files
 * (the .dockerignore ones) are left to the user's explicit quick fix.
 */
export function fixAllSafe(text: string, options: LintOptions): FixAllResult {
  let current = text;
  let applied = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const chosen = chooseNonOverlapping(lint(current, options).map((d) => d.fixes.find(isAutomatic)));
    if (!chosen.length) break;
    const next = applyEdits(current, chosen.flatMap((f) => f.edits));
    if (next === current) break;
    current = next;
    applied += chosen.length;
  }
  return { text: current, applied };
}

function isAutomatic(fix: Fix): boolean {
  return fix.safe && fix.edits.length > 0 && !fix.contextEdits?.length;
}

/** One fix per finding, skipping any whose edits collide with an earlier one (the next round gets it). */
function chooseNonOverlapping(candidates: (Fix | undefined)[]): Fix[] {
  const taken: TextEdit[] = [];
  const chosen: Fix[] = [];
  for (const fix of candidates) {
    if (!fix || fix.edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    taken.push(...fix.edits);
    chosen.push(fix);
  }
  return chosen;
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Ranges that intersect collide; so do two insertions at one point (their order is unknown). */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  const empty = (e: TextEdit) => compare(e.range.start, e.range.end) === 0;
  if (empty(a) && empty(b)) return compare(a.range.start, b.range.start) === 0;
  return compare(a.range.start, b.range.end) < 0 && compare(b.range.start, a.range.end) < 0;
}
