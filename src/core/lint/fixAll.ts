// Fix-all over text: safe fixes of findings that do not touch each other, applied and re-linted
// until nothing changes. Findings whose fixes overlap wait for the next round, when they are
// re-found on the new text. `dockwright lint --fix` runs it on files, the editor on its buffer.
import { normalizeContextPath } from '../context';
import { applyEdits } from './fix';
import { lint, type LintOptions } from './lint';
import { lineStarts, offsetAt } from '../text';
import type { ContextFileEdit, Diagnostic, Fix } from '../types';

/** Enough for every fix to wait its turn a few times; a loop of fixes undoing each other stops here. */
const MAX_FIX_ROUNDS = 12;

/** How the fix loop reads findings and writes other files: the CLI uses the disk, the editor a map. */
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
    const next = applyEdits(
      text,
      fixes.flatMap((f) => f.edits),
    );
    const contextChanged = fixes
      .map((f) => (f.contextEdits ?? []).map((edit) => host.applyContextEdit(edit)).some(Boolean))
      .some(Boolean);
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
    if (!fix || (!fix.edits.length && !fix.contextEdits?.length)) continue;
    const spans = fix.edits.map((e): [number, number] => [
      offsetAt(text, starts, e.range.start),
      offsetAt(text, starts, e.range.end),
    ]);
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

export interface FixAllResult {
  text: string;
  /** Edits to other files of the build context (e.g. a new .dockerignore), one per file. */
  contextEdits: ContextFileEdit[];
  /** How many fixes were applied, over all rounds. */
  applied: number;
}

/** Fix-all on a text whose context files are written by the caller (the editor's WorkspaceEdit). */
export function fixAllSafe(text: string, options: LintOptions): FixAllResult {
  // The context on disk does not change between rounds, so a context fix is found again in each:
  // the first edit of each file is the one to apply, and only a new one counts as a change.
  const contextEdits = new Map<string, ContextFileEdit>();
  const result = fixText(text, {
    lint: (current) => lint(current, options),
    applyContextEdit: (edit) => {
      const key = normalizeContextPath(edit.path);
      if (key === undefined || contextEdits.has(key)) return false;
      contextEdits.set(key, edit);
      return true;
    },
  })!; // lint() always answers, so the loop always runs
  return { text: result.text, contextEdits: [...contextEdits.values()], applied: result.fixed };
}

/** What the editor's fix-all action writes: the new text when it changed, and the other files' edits. */
export interface FixAllChanges {
  text?: string;
  contextEdits: ContextFileEdit[];
}

/**
 * The changes of a fix-all result, or undefined when there are none. A new file is a change of its
 * own (a .dockerignore is often all there is to fix), though VS Code's WorkspaceEdit.size counts
 * only text edits; without a context folder (an unsaved Dockerfile) no context file can be written.
 */
export function fixAllChanges(
  before: string,
  result: FixAllResult,
  hasContextFolder: boolean,
): FixAllChanges | undefined {
  const contextEdits = hasContextFolder ? result.contextEdits : [];
  if (result.text === before && !contextEdits.length) return undefined;
  return { ...(result.text !== before && { text: result.text }), contextEdits };
}
