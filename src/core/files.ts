// Reading files that a repository names, which whoever wrote the repository chooses: only regular
// files (a FIFO would hang the read, a device never ends), and only up to a size.
import fs from 'node:fs';

/** The largest context or configuration file read (`.dockerignore`, `package.json`, `.hadolint.yaml`). */
export const MAX_FILE_BYTES = 1024 * 1024;

/**
 * The largest Dockerfile linted: 40 times the largest of 398 real ones (6.4 KB). Memory grows by
 * about 3 KB an instruction, so a file of this size of the shortest instructions peaks near 200 MB.
 */
export const MAX_DOCKERFILE_BYTES = 256 * 1024;

export type FileRead = { bytes: Buffer } | { error: string };

/** The bytes of a regular file (links followed) of at most `maxBytes`, or a one-line reason. */
export function readRegularFile(file: string, maxBytes = MAX_FILE_BYTES): FileRead {
  let fd: number;
  try {
    // Non-blocking, so that opening a FIFO with no writer returns at once; fstat then refuses it.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { error: reason(e) };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) return { error: reason({ code: 'EISDIR' }) };
    if (!stat.isFile()) return { error: 'not a regular file (a device, FIFO or socket)' };
    if (stat.size > maxBytes) return { error: `larger than ${formatBytes(maxBytes)}, not read` };
    // Read one byte past the size seen, in case the file grew since the fstat.
    const buffer = Buffer.alloc(stat.size + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = fs.readSync(fd, buffer, length, buffer.length - length, null)) > 0;)
      length += n;
    if (length > stat.size) return { error: `grew while it was read, not read` };
    return { bytes: buffer.subarray(0, length) };
  } catch (e) {
    return { error: reason(e) };
  } finally {
    fs.closeSync(fd);
  }
}

/** `1 MiB`, `256 KiB`. */
export function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

/** The system error's short reason, e.g. "no such file or folder". */
export function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const messages: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'is a folder',
    ELOOP: 'too many symbolic links',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
  };
  return (e?.code && messages[e.code]) ?? e?.message ?? String(error);
}
