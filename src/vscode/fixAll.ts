// Fix-all for the editor: like the CLI's --fix (the same choice of compatible safe fixes, applied
// and linted again until nothing changes), but on the buffer's text instead of the file on disk.
import { compatibleSafeFixes, MAX_FIX_ROUNDS } from '../cli/fixer';
import { normalizeContextPath } from '../core/context';
import { applyEdits } from '../core/fix';
import { lint, type LintOptions } from '../core/lint';
import type { ContextFileEdit } from '../core/types';

export interface FixAllResult {
  text: string;
  /** Edits to other files of the build context (e.g. a new .dockerignore), one per file. */
  contextEdits: ContextFileEdit[];
  /** How many fixes were applied, over all rounds. */
  applied: number;
}

export function fixAllSafe(text: string, options: LintOptions): FixAllResult {
  let current = text;
  let applied = 0;
  const seen = new Set([text]);
  const contextEdits = new Map<string, ContextFileEdit>();
  for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
    const fixes = compatibleSafeFixes(current, lint(current, options));
    if (!fixes.length) break;
    // The context on disk does not change between rounds, so a context fix is found again in
    // each: the first edit of each file is the one to apply.
    let fresh = 0;
    for (const edit of fixes.flatMap((f) => f.contextEdits ?? [])) {
      const key = normalizeContextPath(edit.path);
      if (key === undefined || contextEdits.has(key)) continue;
      contextEdits.set(key, edit);
      fresh++;
    }
    const next = applyEdits(current, fixes.flatMap((f) => f.edits));
    if (seen.has(next) && !fresh) break; // nothing new: done, or fixes undoing each other
    applied += fixes.length;
    seen.add(next);
    current = next;
  }
  return { text: current, contextEdits: [...contextEdits.values()], applied };
}
