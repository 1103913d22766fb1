// The settings each Dockerfile is linted with, and their fingerprint for the result cache. Reading
// a config file needs the rules' ids and aliases, that is the lint engine; each reading is kept by
// the bytes read (in the cache when there is one), so that a run whose files all hit never loads it.
import path from 'node:path';
import { entryExists, type ContextReads } from '../core/context';
import { readRegularFile } from '../core/files';
import type { Level } from '../core/types';
import { fingerprint } from './contextQuestions';
import type { Engine } from './loadEngine';
import type { FailLevel } from './options';

/** What `--rule` and `--config`, or a `.hadolint.yaml`, set: plain data, kept in the cache. */
export interface SettingsReading {
  levels: Record<string, Level>;
  failLevel?: FailLevel;
  trustedRegistries?: string[];
  /** What is wrong in a `.hadolint.yaml`, reported on every run that uses it. */
  errors: string[];
}

/** Readings by a fingerprint of the build and the bytes read: the cache's, or a run's own map. */
export interface ReadingStore {
  get(key: string): SettingsReading | undefined;
  set(key: string, reading: SettingsReading): void;
}

const HADOLINT_NAMES = ['.hadolint.yaml', '.hadolint.yml'];

const sorted = (levels: Record<string, string> = {}) => Object.entries(levels).sort(([a], [b]) => (a < b ? -1 : 1));

export class RunSettings {
  /** One sentence per `.hadolint.yaml` that could not be read or holds a mistake, once each. */
  readonly errors: string[] = [];
  private readonly inFolders = new Map<string, SettingsReading | null>();
  private readonly nearestFrom = new Map<string, SettingsReading | null>();
  private readonly fingerprints = new Map<SettingsReading | null, string>();

  constructor(
    private readonly cwd: string,
    private readonly build: string,
    private readonly reads: ContextReads,
    private readonly readings: ReadingStore,
    private readonly engine: () => Engine,
  ) {}

  /** The run's levels and fail level from `--rule` and `--config`, or the usage error in them. */
  forRun(ruleSpecs: readonly string[], configFile?: string): SettingsReading | { usageError: string } {
    const read = configFile === undefined ? undefined : readRegularFile(configFile);
    const config = configFile === undefined || !read ? undefined : { file: configFile, read };
    // an unreadable config file is a usage error, and only the engine words those
    if (read && 'error' in read) return this.engine().readRunSettings(ruleSpecs, config);
    const bytes = read && fingerprint(read.bytes);
    const key = fingerprint(JSON.stringify(['run', this.build, ruleSpecs, configFile ?? null, bytes ?? null]));
    const known = this.readings.get(key);
    if (known) return known;
    const reading = this.engine().readRunSettings(ruleSpecs, config);
    if (!('usageError' in reading)) this.readings.set(key, reading);
    return reading;
  }

  /** The nearest `.hadolint.yaml` from the Dockerfile's folder upwards, else the current folder's. */
  forDockerfile(file: string): SettingsReading | undefined {
    return (this.nearest(path.dirname(path.resolve(file))) ?? this.inFolder(path.resolve(this.cwd))) || undefined;
  }

  /**
   * What a file's result depends on besides its bytes and its build context: the build and the
   * levels and registries it is linted with. `run` is the one reading of this run's forRun.
   */
  fingerprint(run: SettingsReading, hadolint: SettingsReading | undefined): string {
    let known = this.fingerprints.get(hadolint ?? null);
    known ??= fingerprint(
      JSON.stringify([this.build, sorted(run.levels), sorted(hadolint?.levels), hadolint?.trustedRegistries ?? null]),
    );
    this.fingerprints.set(hadolint ?? null, known);
    return known;
  }

  private nearest(folder: string): SettingsReading | null {
    const known = this.nearestFrom.get(folder);
    if (known !== undefined) return known;
    const parent = path.dirname(folder);
    const found = this.inFolder(folder) ?? (parent === folder ? null : this.nearest(parent));
    this.nearestFrom.set(folder, found);
    return found;
  }

  private inFolder(folder: string): SettingsReading | null {
    const known = this.inFolders.get(folder);
    if (known !== undefined) return known;
    let result: SettingsReading | null = null;
    for (const name of HADOLINT_NAMES) {
      // the folders searched for Dockerfiles answer from their listings, without a system call
      if (!entryExists(folder, name, this.reads)) continue;
      const file = path.join(folder, name);
      const read = readRegularFile(file);
      if ('error' in read) {
        this.errors.push(`${file}: ${read.error}`);
        continue;
      }
      const key = fingerprint(JSON.stringify(['hadolint', this.build, file, fingerprint(read.bytes)]));
      result = this.readings.get(key) ?? this.engine().readHadolintSettings(file, read.bytes.toString('utf8'));
      this.readings.set(key, result);
      this.errors.push(...result.errors);
      break;
    }
    this.inFolders.set(folder, result);
    return result;
  }
}
