// Rule levels for each file: `--rule`, then `--config`, then the nearest `.hadolint.yaml`, then
// defaults. Reading them needs the rules (ids and aliases): this is the lint engine's side, run
// only when the result cache holds no reading of the same bytes (runSettings.ts).
import { parse as parseYaml } from 'yaml';
import { parseHadolintConfig, parseRuleLevels, resolveRuleId } from '../core/lint/config';
import type { Level } from '../core/types';
import type { FileRead } from '../core/files';
import { FAIL_LEVELS, UsageError, oneOf, type FailLevel } from './options';
import type { SettingsReading } from './runSettings';

export interface ConfigFile {
  rules: Record<string, Level>;
  failLevel?: FailLevel;
}

/** Reads `--config <file>` from its bytes: JSON or YAML. Any mistake in it is a usage error. */
function loadConfigFile(file: string, read: FileRead): ConfigFile {
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

const LEVELS: readonly Level[] = ['off', 'info', 'warning', 'error'];

/** `--rule <id or alias>=<level>`, repeatable. */
function parseRuleOptions(specs: readonly string[]): Record<string, Level> {
  const out: Record<string, Level> = {};
  for (const spec of specs) {
    const m = /^([^=]+)=(.*)$/.exec(spec);
    if (!m) throw new UsageError(`--rule '${spec}' should look like <id>=<level>, e.g. pin-digest=warning`);
    const id = resolveRuleId(m[1]);
    if (!id) throw new UsageError(`--rule '${spec}': unknown rule '${m[1].trim()}'`);
    out[id] = oneOf(m[2].trim().toLowerCase(), LEVELS, `--rule ${m[1].trim()}: level`);
  }
  return out;
}

/**
 * The run's levels and fail level from `--rule` and `--config` (its bytes as read), or the usage
 * error as text: this module's UsageError is the engine bundle's class, not the caller's.
 */
export function readRunSettings(
  ruleSpecs: readonly string[],
  config?: { file: string; read: FileRead },
): SettingsReading | { usageError: string } {
  try {
    const fromOptions = parseRuleOptions(ruleSpecs); // the command line's mistakes first, as before the file
    const fromFile = config ? loadConfigFile(config.file, config.read) : { rules: {}, failLevel: undefined };
    return {
      levels: { ...fromFile.rules, ...fromOptions },
      ...(fromFile.failLevel && { failLevel: fromFile.failLevel }),
      errors: [],
    };
  } catch (error) {
    if (error instanceof UsageError) return { usageError: error.message };
    throw error;
  }
}

/** A `.hadolint.yaml`'s levels and trusted registries, with what is wrong in it. */
export function readHadolintSettings(file: string, text: string): SettingsReading {
  const { levels, trustedRegistries, errors } = parseHadolintConfig(text, file);
  return { levels, ...(trustedRegistries && { trustedRegistries }), errors };
}
