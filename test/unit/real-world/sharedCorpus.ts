// The real-world corpus in ../shared/corpus, read in place (never copied into the project).
import fs from 'node:fs';
import path from 'node:path';
import { folderContext, normalizeContextPath } from '../../../src/core/context';
import { applyEdits } from '../../../src/core/lint/fix';
import type { ContextView } from '../../../src/core/rule';
import { allRules } from '../../../src/core/rules';
import type { ContextFileEdit, Level } from '../../../src/core/types';
import { skipOrFail } from '../../support/skipOrFail';

export const repoRoot = path.resolve(__dirname, '../../..');
export const corpusRoot = path.resolve(repoRoot, '../shared/corpus');

export interface CorpusFile {
  file: string;
  /** Path inside the corpus, for messages. */
  name: string;
  text: string;
}

/**
 * The corpus's Dockerfiles, or undefined after skipping the test (outside CI) when ../shared is
 * missing. With CI=true a missing corpus fails the test instead.
 */
export function corpusOrSkip(ctx: Mocha.Context): CorpusFile[] | undefined {
  if (!fs.existsSync(corpusRoot)) {
    const message = `the Dockerfile corpus is missing at ${corpusRoot}: check out the shared folder beside the project`;
    skipOrFail(ctx, message);
  }
  return readCorpus();
}

let cached: CorpusFile[] | undefined;

export function readCorpus(): CorpusFile[] {
  if (cached) return cached;
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/(^|\.)Dockerfile(\.|$)|\.dockerfile$|^Containerfile$/.test(e.name)) files.push(p);
    }
  };
  walk(corpusRoot);
  cached = files
    .sort()
    .map((file) => ({ file, name: path.relative(corpusRoot, file), text: fs.readFileSync(file, 'utf8') }));
  return cached;
}

/** Every rule on: the ones off by default at info. */
export function allOn(): Record<string, Level> {
  return Object.fromEntries(allRules.map((r) => [r.id, r.defaultLevel === 'off' ? 'info' : r.defaultLevel]));
}

/**
 * The corpus file's real folder as its build context, with files written by fixes kept in memory
 * on top: the corpus is read-only.
 */
export class OverlayContext implements ContextView {
  private readonly base: ContextView;
  readonly written = new Map<string, string>();

  constructor(file: string) {
    this.base = folderContext(path.dirname(file), file);
  }

  get dockerfilePath() {
    return this.base.dockerfilePath;
  }

  readFile(p: string): string | undefined {
    const key = normalizeContextPath(p);
    return key !== undefined && this.written.has(key) ? this.written.get(key) : this.base.readFile(p);
  }

  exists(p: string): boolean {
    const key = normalizeContextPath(p);
    return (key !== undefined && this.written.has(key)) || this.base.exists(p);
  }

  list(dir: string): string[] {
    const prefix = normalizeContextPath(dir);
    const mine = [...this.written.keys()]
      .filter((k) => path.posix.dirname(k) === (prefix || '.'))
      .map((k) => path.posix.basename(k));
    return [...new Set([...this.base.list(dir), ...mine])];
  }

  /** Applies a context edit in memory; false when it changes nothing. */
  apply(edit: ContextFileEdit): boolean {
    const key = normalizeContextPath(edit.path);
    if (key === undefined) return false;
    const exists = this.exists(key);
    if (edit.create && exists) return false;
    const before = exists ? (this.readFile(key) ?? '') : '';
    const after = applyEdits(before, edit.edits);
    if (exists && after === before) return false;
    this.written.set(key, after);
    return true;
  }
}
