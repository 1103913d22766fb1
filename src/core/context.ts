// Build contexts as the rules see them: a real folder for the CLI and the editor, read-only.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readRegularFile } from './files';
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
 * What the file system answered, by absolute path. A CLI run shares one across its files (a build
 * context does not change while it runs); the editor clears it when files change. The context
 * rules ask the same questions on every lint, and each is a system call.
 */
export class ContextReads {
  private readonly answers = new Map<string, unknown>();

  remember<T>(key: string, read: () => T): T {
    if (this.answers.has(key)) return this.answers.get(key) as T;
    const value = read();
    this.answers.set(key, value);
    return value;
  }

  /** The answer kept for `key`, without asking. */
  peek<T>(key: string): T | undefined {
    return this.answers.get(key) as T | undefined;
  }

  clear(): void {
    this.answers.clear();
  }
}

/**
 * The folder `root` as a ContextView. `dockerfile` (absolute, or relative to the current directory)
 * sets dockerfilePath when the Dockerfile lies inside the context. Without `reads` the view keeps
 * its own answers: make a new view for each lint.
 */
export function folderContext(
  root: string,
  dockerfile?: string,
  reads: Pick<ContextReads, 'remember' | 'peek'> = new ContextReads(),
): ContextView {
  const base = path.resolve(root);
  // the context rules of one lint ask after the same few paths (.dockerignore) again and again
  const absolute = new Map<string, string | null>();
  const abs = (p: string): string | undefined => {
    let file = absolute.get(p);
    if (file === undefined) {
      const rel = normalizeContextPath(p);
      absolute.set(p, (file = rel === undefined ? null : path.join(base, rel)));
    }
    return file ?? undefined;
  };
  let dockerfilePath: string | undefined;
  if (dockerfile) {
    const rel = path.relative(base, path.resolve(dockerfile));
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) dockerfilePath = rel.split(path.sep).join('/');
  }
  const list = (folder: string) => folderNames(folder, reads);
  /**
   * Whether its folder's listing holds the entry, when this run has listed the folder already;
   * undefined where the file system may match names in another case. A folder is not listed for
   * the question alone: most contexts are asked only for their .dockerignore, which a stat answers.
   */
  const listed = (file: string): boolean | undefined => {
    if (!EXACT_NAMES || file === base) return undefined;
    const folder = path.dirname(file);
    return reads.peek(`list:${folder}`) === undefined ? undefined : listingHas(folder, path.basename(file), reads);
  };
  const present = (file: string) => listed(file) ?? fs.existsSync(file);
  return {
    dockerfilePath,
    readFile(p) {
      const file = abs(p);
      // a file that is not there is the usual answer: a stat costs less than a failed open
      return file === undefined
        ? undefined
        : reads.remember(`file:${file}`, () => (present(file) ? readTextFile(file) : undefined));
    },
    exists(p) {
      const file = abs(p);
      return file !== undefined && reads.remember(`exists:${file}`, () => present(file));
    },
    list(dir) {
      const folder = abs(dir);
      return folder === undefined ? [] : list(folder);
    },
  };
}

/** Linux matches names exactly, so a folder's listing answers for its entries (macOS and Windows may not). */
const EXACT_NAMES = process.platform === 'linux';

/** Unreadable, too large or not a regular file is the same as absent to a rule. */
function readTextFile(file: string): string | undefined {
  const read = readRegularFile(file);
  return 'bytes' in read ? read.bytes.toString('utf8') : undefined;
}

function folderNames(folder: string, reads: Pick<ContextReads, 'remember'>): string[] {
  return reads.remember(`list:${folder}`, () => {
    try {
      return rememberListing(folder, fs.readdirSync(folder, { withFileTypes: true }), reads);
    } catch {
      return [];
    }
  });
}

function listingHas(folder: string, name: string, reads: Pick<ContextReads, 'remember'>): boolean {
  return reads.remember(`names:${folder}`, () => new Set(folderNames(folder, reads))).has(name);
}

/**
 * The names in a folder read with its entries' kinds (by the rules, or by the CLI's search for
 * Dockerfiles), kept for the run. A regular file in it lists nothing, and that is kept too: the
 * rules' walks over a context then ask the disk once per folder, not once per file.
 */
export function rememberListing(folder: string, entries: fs.Dirent[], reads: Pick<ContextReads, 'remember'>): string[] {
  const names = entries.map((entry) => entry.name);
  reads.remember(`list:${folder}`, () => names);
  for (const entry of entries) if (entry.isFile()) reads.remember(`list:${path.join(folder, entry.name)}`, () => []);
  return names;
}

/**
 * Whether `folder` holds `name`: its listing answers when this run has read it already (on Linux,
 * where names match exactly), else a stat. Nothing is listed for the question alone: a folder
 * such as /tmp can hold thousands of names.
 */
export function entryExists(folder: string, name: string, reads: ContextReads): boolean {
  if (EXACT_NAMES && reads.peek(`list:${folder}`) !== undefined) return listingHas(folder, name, reads);
  return fs.existsSync(path.join(folder, name));
}
