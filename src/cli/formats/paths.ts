// How a file is named in reports: relative to the current folder when inside it, with `/`.
import path from 'node:path';

export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return file;
  return rel.split(path.sep).join('/');
}
