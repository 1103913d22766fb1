// Fix-all for the editor: like the CLI's --fix (the same choice of compatible safe fixes, applied
// and linted again until nothing changes), but on the buffer's text instead of the file on disk.
import { compatibleSafeFixes, MAX_FIX_ROUNDS } from '../cli/fixer';
import { applyEdits } from '../core/fix';
import { lint, type LintOptions } from '../core/lint';
import type { Diagnostic } from '../core/types';

export interface FixAllResult {
  text: string;
  /** How many fixes were applied, over all rounds. */
  applied: number;
}

/**
 * Applies the safe fixes that edit only the Dockerfile. Fixes that also write other files (the
 * .dockerignore ones) stay explicit quick fixes: saving a Dockerfile should not create files.
 */
export function fixAllSafe(text: string, options: LintOptions): FixAllResult {
  let current = text;
  let applied = 0;
  const seen = new Set([text]);
  for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
    const fixes = compatibleSafeFixes(current, lint(current, options).map(withoutContextEdits));
    if (!fixes.length) break;
    const next = applyEdits(current, fixes.flatMap((f) => f.edits));
    if (seen.has(next)) break; // fixes undoing each other
    seen.add(next);
    current = next;
    applied += fixes.length;
  }
  return { text: current, applied };
}

function withoutContextEdits(d: Diagnostic): Diagnostic {
  return { ...d, fixes: d.fixes.filter((f) => !f.contextEdits?.length) };
}
