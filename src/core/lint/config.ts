// Rule levels from settings, a config file or `.hadolint.yaml`, checked with clear messages.
import { parse as parseYaml } from 'yaml';
import { aliasesOf } from '../rule';
import { allRules } from '../rules';
import type { Level } from '../types';

const LEVELS: readonly Level[] = ['off', 'info', 'warning', 'error'];
const aliasToId = new Map<string, string>();
for (const rule of allRules) {
  aliasToId.set(rule.id.toLowerCase(), rule.id);
  for (const alias of aliasesOf(rule)) aliasToId.set(alias.toLowerCase(), rule.id);
}

/** The rule id for an id or any of its aliases (DL3006, UndefinedVar, DS-0001…), case-insensitive. */
export function resolveRuleId(idOrAlias: string): string | undefined {
  return aliasToId.get(idOrAlias.trim().toLowerCase());
}

export interface RuleLevels {
  levels: Record<string, Level>;
  /** One clear sentence per entry that was not understood; the rest still applies. */
  errors: string[];
}

/** Reads `{ "<id or alias>": "off" | "info" | "warning" | "error" }`. */
export function parseRuleLevels(value: unknown, source: string): RuleLevels {
  const out: RuleLevels = { levels: {}, errors: [] };
  if (value === undefined || value === null) return out;
  if (typeof value !== 'object' || Array.isArray(value)) {
    out.errors.push(`${source}: expected an object of rule ids to levels`);
    return out;
  }
  for (const [key, level] of Object.entries(value)) {
    const id = resolveRuleId(key);
    if (!id) out.errors.push(`${source}: unknown rule '${key}'`);
    else if (typeof level !== 'string' || !LEVELS.includes(level as Level))
      out.errors.push(`${source}: rule '${key}' has level ${JSON.stringify(level)}; use off, info, warning or error`);
    else out.levels[id] = level as Level;
  }
  return out;
}

export interface HadolintConfig {
  levels: Record<string, Level>;
  trustedRegistries?: string[];
  errors: string[];
}

/** Maps a `.hadolint.yaml` (ignored, override.*, trustedRegistries) through the aliases. */
export function parseHadolintConfig(text: string, source = '.hadolint.yaml'): HadolintConfig {
  const out: HadolintConfig = { levels: {}, errors: [] };
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    out.errors.push(`${source}: not valid YAML (${(e as Error).message.split('\n')[0]})`);
    return out;
  }
  if (doc === null || doc === undefined) return out;
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    out.errors.push(`${source}: expected a mapping at the top level`);
    return out;
  }
  const cfg = doc as Record<string, unknown>;
  const set = (codes: unknown, level: Level, key: string) => {
    if (codes === undefined) return;
    if (!Array.isArray(codes)) return void out.errors.push(`${source}: '${key}' should be a list of rule codes`);
    for (const code of codes) {
      const id = typeof code === 'string' ? resolveRuleId(code) : undefined;
      if (id) out.levels[id] = level; // codes Dockwright has no rule for are hadolint's own: not an error
    }
  };
  const override = (cfg.override ?? {}) as Record<string, unknown>;
  set(override.error, 'error', 'override.error');
  set(override.warning, 'warning', 'override.warning');
  set(override.info, 'info', 'override.info');
  set(override.style, 'info', 'override.style');
  set(cfg.ignored, 'off', 'ignored');
  if (cfg.trustedRegistries !== undefined) {
    if (Array.isArray(cfg.trustedRegistries) && cfg.trustedRegistries.every((r) => typeof r === 'string'))
      out.trustedRegistries = cfg.trustedRegistries as string[];
    else out.errors.push(`${source}: 'trustedRegistries' should be a list of registry names`);
  }
  return out;
}
