// Paths as a user writes them in tasks.json and settings: `~` is the home folder (no engine or
// cosign expands it), and a relative path is the workspace folder's, as VS Code takes a task's.
import os from 'node:os';
import path from 'node:path';

/** `value` made absolute: `~` and `~/…` from the home folder, the rest from `folder`. */
export function absolutePath(folder: string, value: string): string {
  if (value === '~' || /^~[\\/]/.test(value)) return path.join(os.homedir(), value.slice(1));
  return path.resolve(folder, value);
}
