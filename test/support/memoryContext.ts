// An in-memory build context for rule tests, and the context edits of a fix applied to it.
import { applyEdits } from '../../src/core/lint/fix';
import { normalizeContextPath } from '../../src/core/context';
import type { ContextView } from '../../src/core/rule';
import type { ContextFileEdit } from '../../src/core/types';

export class MemoryContext implements ContextView {
  private readonly files: ReadonlyMap<string, string>;

  /** `files` maps context paths to contents; a path ending in `/` is an empty folder. */
  constructor(
    files: Record<string, string>,
    readonly dockerfilePath?: string,
  ) {
    this.files = new Map(
      Object.entries(files).map(([p, text]) => [
        p.endsWith('/') ? `${normalizeContextPath(p)}/` : normalizeContextPath(p)!,
        text,
      ]),
    );
  }

  readFile(p: string): string | undefined {
    const key = normalizeContextPath(p);
    return key === undefined ? undefined : this.files.get(key);
  }

  exists(p: string): boolean {
    const key = normalizeContextPath(p);
    if (key === undefined) return false;
    if (key === '') return true;
    return [...this.files.keys()].some((f) => f === key || f.startsWith(`${key}/`));
  }

  list(dir: string): string[] {
    const key = normalizeContextPath(dir);
    if (key === undefined) return [];
    const prefix = key ? `${key}/` : '';
    const names = new Set<string>();
    for (const f of this.files.keys()) {
      if (!f.startsWith(prefix) || f === prefix) continue;
      const name = f.slice(prefix.length).split('/')[0];
      if (name) names.add(name);
    }
    return [...names].sort();
  }

  /** A new context with the fix's edits applied; creating a file that exists is an error. */
  withEdits(edits: readonly ContextFileEdit[]): MemoryContext {
    const files = Object.fromEntries(this.files);
    for (const edit of edits) {
      const key = normalizeContextPath(edit.path)!;
      const current = files[key];
      if (edit.create && current !== undefined)
        throw new Error(`${edit.path} exists; the fix must not create it again`);
      if (!edit.create && current === undefined) throw new Error(`${edit.path} does not exist; the fix must create it`);
      files[key] = applyEdits(current ?? '', edit.edits);
    }
    return new MemoryContext(files, this.dockerfilePath);
  }
}

export function memoryContext(files: Record<string, string>, dockerfilePath?: string): MemoryContext {
  return new MemoryContext(files, dockerfilePath);
}
