// Build contexts as the rules see them: a real folder for the CLI and the editor, read-only.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ContextView } from './rule';

/** A context path with `/` separators, or undefined when it would leave the context. */
export function normalizeContextPath(p: string): string | undefined {
  const parts: string[] = [];
  for (const part of p.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return undefined;
    parts.push(part);
  }
  return parts.join('/');
}

/**
 * The folder `root` as a ContextView. `dockerfile` (absolute, or relative to the current directory)
 * sets dockerfilePath when the Dockerfile lies inside the context.
 */
export function folderContext(root: string, dockerfile?: string): ContextView {
  const base = path.resolve(root);
  const abs = (p: string): string | undefined => {
    const rel = normalizeContextPath(p);
    return rel === undefined ? undefined : path.join(base, rel);
  };
  let dockerfilePath: string | undefined;
  if (dockerfile) {
    const rel = path.relative(base, path.resolve(dockerfile));
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) dockerfilePath = rel.split(path.sep).join('/');
  }
  return {
    dockerfilePath,
    readFile(p) {
      const file = abs(p);
      try {
        return file && fs.statSync(file).isFile() ? fs.readFileSync(file, 'utf8') : undefined;
      } catch {
        return undefined; // unreadable is the same as absent to a rule
      }
    },
    exists(p) {
      const file = abs(p);
      return !!file && fs.existsSync(file);
    },
    list(dir) {
      const folder = abs(dir);
      try {
        return folder ? fs.readdirSync(folder) : [];
      } catch {
        return [];
      }
    },
  };
}
