// `dockwright lint`'s result cache: a file's findings are reused while its bytes, Dockwright's
// build, its rule settings and every answer its build context gave are the same as when it was
// linted. One file per current folder, written whole through a temporary file and a rename, so
// two runs at once leave one of their caches, never a mix.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { folderContext, type ContextReads } from '../core/context';
import { MAX_DOCKERFILE_BYTES, readRegularFile } from '../core/files';
import { parseCache, serializeCache, type CacheEntry } from './cacheFile';
import { fingerprint, sameAnswers } from './contextQuestions';
import type { FileJob, FileReport, ReportedFinding } from './lintFile';
import type { ReadingStore, SettingsReading } from './runSettings';
import { replaceAtomically } from './writeFile';

/** A cache larger than this is not read (about 100 times the corpus's). */
const MAX_CACHE_BYTES = 256 * 1024 * 1024;

export interface CacheChoice {
  /** `--cache`: on, in CI too. */
  cache?: boolean;
  /** `--no-cache`. */
  noCache?: boolean;
  /** `--cache-location <folder>`; it turns the cache on in CI too. */
  cacheLocation?: string;
}

/** CI=true (or 1, or any value but false and 0), as CI services set it. */
function isCi(env: NodeJS.ProcessEnv): boolean {
  return !!env.CI && env.CI !== 'false' && env.CI !== '0';
}

/**
 * The cache file to use, or undefined when the cache is off: on for local runs, off in CI unless
 * asked for, where a fresh machine would only pay for writing it. By default it lies outside the
 * linted tree: in `node_modules/.cache/dockwright` when the current folder has `node_modules`,
 * else in the user's cache folder.
 */
export function cacheFileFor(choice: CacheChoice, cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  if (choice.noCache) return undefined;
  if (isCi(env) && !choice.cache && choice.cacheLocation === undefined) return undefined;
  const folder =
    choice.cacheLocation !== undefined ? path.resolve(cwd, choice.cacheLocation) : defaultCacheFolder(cwd, env);
  return path.join(folder, `lint-${fingerprint(path.resolve(cwd)).slice(0, 16)}.json`);
}

function defaultCacheFolder(cwd: string, env: NodeJS.ProcessEnv): string {
  const modules = path.join(cwd, 'node_modules');
  if (isFolder(modules)) return path.join(modules, '.cache', 'dockwright');
  const xdg = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : undefined;
  return path.join(xdg ?? path.join(os.homedir(), '.cache'), 'dockwright');
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export class ResultCache {
  private changed = false;
  /** The readings this run used: those kept when the cache is written. */
  private readonly readingsUsed = new Set<string>();

  private constructor(
    readonly file: string,
    private readonly entries: Map<string, CacheEntry> = new Map(),
    private readonly allReadings: Map<string, SettingsReading> = new Map(),
  ) {}

  /** The config files' readings, kept with the results. */
  readonly readings: ReadingStore = {
    get: (key) => {
      const reading = this.allReadings.get(key);
      if (reading) this.readingsUsed.add(key);
      return reading;
    },
    set: (key, reading) => {
      this.readingsUsed.add(key);
      if (this.allReadings.get(key) === reading) return;
      this.allReadings.set(key, reading);
      this.changed = true;
    },
  };

  /** The cache in `file`; one that cannot be used is noted in a line and replaced when saved. */
  static open(file: string, note: (line: string) => void): ResultCache {
    const read = readRegularFile(file, MAX_CACHE_BYTES);
    if ('error' in read) {
      if (!/^no such file/.test(read.error)) note(`lint cache ${file}: ${read.error}; not used`);
      return new ResultCache(file);
    }
    const parsed = parseCache(read.bytes.toString('utf8'));
    if (!('error' in parsed)) return new ResultCache(file, parsed.files, parsed.readings);
    note(`lint cache ${file}: ${parsed.error}; not used, and replaced`);
    const cache = new ResultCache(file);
    cache.changed = true;
    return cache;
  }

  /**
   * The findings cached for the file, when its bytes, settings and build context (its folder, as
   * this run reads it) are as they were.
   */
  lookup(file: string, settings: string, reads: ContextReads): ReportedFinding[] | undefined {
    const entry = this.entries.get(file);
    if (!entry || entry.settings !== settings) return undefined;
    const read = readRegularFile(file, MAX_DOCKERFILE_BYTES);
    if ('error' in read || fingerprint(read.bytes) !== entry.content) return undefined;
    return sameAnswers(folderContext(path.dirname(file), file, reads), entry.context) ? entry.findings : undefined;
  }

  store(file: string, entry: CacheEntry): void {
    this.entries.set(file, entry);
    this.changed = true;
  }

  /**
   * Writes the cache if anything changed, dropping entries of Dockerfiles that are gone and the
   * readings this run did not use. Returns why it could not be written, or undefined.
   */
  save(linted: ReadonlySet<string>): string | undefined {
    if (!this.changed) return undefined;
    for (const file of this.entries.keys()) if (!linted.has(file) && !fs.existsSync(file)) this.entries.delete(file);
    for (const key of this.allReadings.keys()) if (!this.readingsUsed.has(key)) this.allReadings.delete(key);
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const contents = serializeCache({ files: this.entries, readings: this.allReadings });
      replaceAtomically(this.file, Buffer.from(contents), undefined);
      return undefined;
    } catch (e) {
      return `lint cache ${this.file}: ${(e as Error).message.split('\n')[0]}; not written`;
    }
  }
}

/** A file to lint, and the fingerprint of its settings. */
export interface CachedJob {
  job: FileJob;
  settings: string;
}

/**
 * Reports for every job in order: cached findings where they still hold, `lint` for the others
 * (not called when every file hits), whose results are stored when the file linted cleanly (no
 * rule threw).
 */
export async function lintThroughCache(
  jobs: readonly CachedJob[],
  cache: ResultCache,
  reads: ContextReads,
  lint: (jobs: FileJob[]) => Promise<FileReport[]>,
): Promise<FileReport[]> {
  const reports: FileReport[] = new Array(jobs.length);
  const misses: { index: number; settings: string }[] = [];
  jobs.forEach(({ job, settings }, index) => {
    const findings = cache.lookup(job.file, settings, reads);
    if (findings) reports[index] = { file: job.file, diagnostics: findings, problems: [], fixed: 0 };
    else misses.push({ index, settings });
  });
  if (!misses.length) return reports;
  const linted = await lint(misses.map(({ index }) => ({ ...jobs[index].job, record: true })));
  misses.forEach(({ index, settings }, k) => {
    const { dependsOn, ...report } = linted[k];
    reports[index] = report;
    if (dependsOn && !report.error && !report.problems.length)
      cache.store(report.file, { ...dependsOn, settings, findings: report.diagnostics });
  });
  return reports;
}
