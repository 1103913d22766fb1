// The editor lints no document that `dockwright lint` would not read: over MAX_DOCKERFILE_BYTES (256 KiB)
// of UTF-8. Real Dockerfiles are a few KiB, and the rules' costs grow with size, so a huge one
// (generated, or written to harm) would hold up the extension host on every keystroke. Kept apart
// from linter.ts, and free of vscode, so that the decision is unit-tested.
import { formatBytes, MAX_DOCKERFILE_BYTES } from '../../core/files';

/**
 * Whether a document of `length` UTF-16 code units is over `maxBytes` in UTF-8, as the CLI counts
 * a file's size. Each code unit is 1 to 3 bytes, so the length alone mostly tells; `text()` is
 * asked for only when it cannot, and a document far over the limit is never copied out.
 */
export function overSizeLimit(length: number, text: () => string, maxBytes = MAX_DOCKERFILE_BYTES): boolean {
  if (length > maxBytes) return true;
  if (length * 3 <= maxBytes) return false;
  return Buffer.byteLength(text(), 'utf8') > maxBytes;
}

const limit = formatBytes(MAX_DOCKERFILE_BYTES);

/** What the editor says of such a document, once. */
export function sizeLimitMessage(name: string): string {
  return `${name} is larger than ${limit}: Dockwright does not lint it (dockwright lint does not read it either). Its problems are cleared.`;
}

/** Says a document is too large once: not again on each keystroke, again once it fitted in between or was closed. */
export class SizeNotices {
  private readonly told = new Set<string>();

  /** true when `key`'s document is too large and that has not been said since it last fitted. */
  shouldTell(key: string, tooLarge: boolean): boolean {
    if (!tooLarge) {
      this.told.delete(key);
      return false;
    }
    if (this.told.has(key)) return false;
    this.told.add(key);
    return true;
  }

  forget(key: string): void {
    this.told.delete(key);
  }
}
