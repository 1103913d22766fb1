// Fix-all for the editor: the CLI's --fix loop (the same choice of compatible safe fixes, applied
// and linted again until nothing changes), on the buffer's text instead of the file on disk.
import { fixText } from '../cli/fixer';
import { normalizeContextPath } from '../core/context';
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
