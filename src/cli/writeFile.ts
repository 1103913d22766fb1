// How `--fix` writes: only regular files whose folder lies inside the folder being linted, never
// through a symbolic link, never over a change made since the file was read, and atomically (a
// temporary file renamed over the old one), keeping the old file's mode.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { reason } from '../core/files';

/**
 * Writes `content` to `file`. `before` is what the file held when it was read: undefined for a file
 * to create, which must then still be missing. Returns why nothing was written, or undefined.
 */
export function writeInside(
  root: string,
  file: string,
  content: Buffer,
  before: Buffer | undefined,
): string | undefined {
  try {
    const folder = path.dirname(file);
    if (!isInside(fs.realpathSync(root), fs.realpathSync(folder)))
      return 'its folder is outside the folder being linted (a symbolic link): not written';
    const stat = lstatOrMissing(file);
    if (stat && stat.isSymbolicLink()) return 'a symbolic link: not written through';
    if (stat && !stat.isFile()) return 'not a regular file: not written';
    if (!stat && before !== undefined) return 'removed since it was read: not written';
    if (stat && before === undefined) return 'created by something else while fixing: not written';
    if (stat && !fs.readFileSync(file).equals(before!)) return 'changed since it was read: not written, run again';
    replaceAtomically(file, content, stat?.mode);
    return undefined;
  } catch (e) {
    return `${reason(e)}: not written`;
  }
}

function isInside(root: string, folder: string): boolean {
  const rel = path.relative(root, folder);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function lstatOrMissing(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** A temporary file beside the target, renamed over it: a reader sees the old file or the new one. */
export function replaceAtomically(file: string, content: Buffer, mode: number | undefined): void {
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.dockwright-${randomBytes(6).toString('hex')}.tmp`,
  );
  // 'wx' fails on an existing name, link or not: nothing planted there is followed. A new file
  // gets the umask's mode, a replaced one its old mode.
  const fd = fs.openSync(temporary, 'wx', mode === undefined ? 0o666 : 0o600);
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
    if (mode !== undefined) fs.fchmodSync(fd, mode & 0o7777);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(temporary, file);
  } catch (e) {
    fs.rmSync(temporary, { force: true });
    throw e;
  }
}
