// Rule levels for each file: `--rule`, then `--config`, then the nearest `.hadolint.yaml`, then defaults.
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseHadolintConfig, parseRuleLevels, type HadolintConfig } from '../core/lint/config';
import type { Level } from '../core/types';
import { readRegularFile } from '../core/files';
import { FAIL_LEVELS, UsageError, oneOf, type FailLevel } from './options';

export interface ConfigFile {
  rules: Record<string, Level>;
  failLevel?: FailLevel;
}

/** Reads `--config <file>`: JSON or YAML. Any mistake in it is a usage error. */
export function loadConfigFile(file: string): ConfigFile {
  const read = readRegularFile(file);
  if ('error' in read) throw new UsageError(`--config ${file}: ${read.error}`);
  const text = read.bytes.toString('utf8');
  let doc: unknown;
  try {
    doc = parseYaml(text); // YAML is a superset of JSON: one parser reads both
  } catch (e) {
    throw new UsageError(`--config ${file}: neither JSON nor YAML (${(e as Error).message.split('\n')[0]})`);
  }
  if (doc === null || doc === undefined) return { rules: {} };
  if (typeof doc !== 'object' || Array.isArray(doc))
    throw new UsageError(`--config ${file}: expected an object with "rules" and "failLevel"`);
  const { rules, failLevel, ...rest } = doc as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length)
    throw new UsageError(`--config ${file}: unknown key '${unknown[0]}' (use "rules" and "failLevel")`);
  const levels = parseRuleLevels(rules, `--config ${file}`);
  if (levels.errors.length) throw new UsageError(levels.errors[0]);
  if (failLevel !== undefined && typeof failLevel !== 'string')
    throw new UsageError(`--config ${file}: failLevel should be one of ${FAIL_LEVELS.join(', ')}`);
  return {
    rules: levels.levels,
    failLevel: failLevel === undefined ? undefined : oneOf(failLevel, FAIL_LEVELS, `--config ${file}: failLevel`),
  };
}

const HADOLINT_NAMES = ['.hadolint.yaml', '.hadolint.yml'];

/** Finds and reads `.hadolint.yaml` files, once per folder; errors are reported once per file. */
export class HadolintConfigs {
  private readonly byFolder = new Map<string, { file: string; config: HadolintConfig } | null>();
  readonly errors: string[] = [];

  constructor(private readonly cwd: string) {}

  /** The nearest `.hadolint.yaml` from the Dockerfile's folder upwards, else the current folder's. */
  forDockerfile(file: string): HadolintConfig | undefined {
    return (this.nearest(path.dirname(path.resolve(file))) ?? this.inFolder(path.resolve(this.cwd)))?.config;
  }

  private nearest(folder: string): { file: string; config: HadolintConfig } | null {
    const found = this.inFolder(folder);
    if (found) return found;
    const parent = path.dirname(folder);
    return parent === folder ? null : this.nearest(parent);
  }

  private inFolder(folder: string): { file: string; config: HadolintConfig } | null {
    const cached = this.byFolder.get(folder);
    if (cached !== undefined) return cached;
    let result: { file: string; config: HadolintConfig } | null = null;
    for (const name of HADOLINT_NAMES) {
      const file = path.join(folder, name);
      if (!fs.existsSync(file)) continue;
      const read = readRegularFile(file);
      if ('error' in read) {
        this.errors.push(`${file}: ${read.error}`);
        continue;
      }
      const text = read.bytes.toString('utf8');
      const config = parseHadolintConfig(text, file);
      this.errors.push(...config.errors);
      result = { file, config };
      break;
    }
    this.byFolder.set(folder, result);
    return result;
  }
}
