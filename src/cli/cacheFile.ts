// The lint cache on disk: a header line with the format and a checksum of the rest, then JSON.
// Whatever else is found there (truncated, corrupt, another format, another program's file)
// reads as no cache, with the reason in one line: never a crash, never a wrong result.
import type { Level } from '../core/types';
import { fingerprint, QUESTION_KINDS, type ContextQuestion } from './contextQuestions';
import type { ReportedFinding } from './lintFile';
import { FAIL_LEVELS } from './options';
import type { SettingsReading } from './runSettings';

/** Format 2 added the config files' readings (runSettings.ts). */
export const CACHE_FORMAT = 'dockwright-lint-cache 2';

export interface CacheEntry {
  /** Fingerprint of the Dockerfile's bytes. */
  content: string;
  /** Fingerprint of Dockwright's build and the file's rule levels and settings (see RunSettings.fingerprint). */
  settings: string;
  /** What the rules asked of the build context, and the answers' fingerprints. */
  context: ContextQuestion[];
  findings: ReportedFinding[];
}

export interface CacheContents {
  /** Each Dockerfile's entry, by its absolute path. */
  files: Map<string, CacheEntry>;
  /** What config files set, by a fingerprint of the build and their bytes. */
  readings: Map<string, SettingsReading>;
}

export function serializeCache({ files, readings }: CacheContents): string {
  const body = JSON.stringify({ files: Object.fromEntries(files), readings: Object.fromEntries(readings) });
  return `${CACHE_FORMAT} ${fingerprint(body)}\n${body}`;
}

/** The entries and readings, or why the text is not a cache this version can trust. */
export function parseCache(text: string): CacheContents | { error: string } {
  const newline = text.indexOf('\n');
  const header = newline < 0 ? text : text.slice(0, newline);
  if (!header.startsWith(`${CACHE_FORMAT} `)) return { error: 'not a lint cache of this version of Dockwright' };
  const body = text.slice(newline + 1);
  if (newline < 0 || header.slice(CACHE_FORMAT.length + 1) !== fingerprint(body))
    return { error: 'truncated or corrupt (its checksum does not match)' };
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return { error: 'corrupt (not JSON)' };
  }
  if (!isObject(doc) || !isObject(doc.files) || !isObject(doc.readings))
    return { error: 'corrupt (not an object of files and readings)' };
  const files = new Map<string, CacheEntry>();
  for (const [file, entry] of Object.entries(doc.files)) {
    if (!isEntry(entry)) return { error: 'corrupt (an entry of an unexpected shape)' };
    files.set(file, entry);
  }
  const readings = new Map<string, SettingsReading>();
  for (const [key, reading] of Object.entries(doc.readings)) {
    if (!isReading(reading)) return { error: 'corrupt (a reading of an unexpected shape)' };
    readings.set(key, reading);
  }
  return { files, readings };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
const isPosition = (v: unknown) => isObject(v) && isCount(v.line) && isCount(v.character);
const SEVERITIES: readonly unknown[] = ['error', 'warning', 'info'];
const LEVELS: readonly unknown[] = ['off', 'info', 'warning', 'error'] satisfies Level[];
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

function isQuestion(v: unknown): v is ContextQuestion {
  return Array.isArray(v) && v.length === 3 && QUESTION_KINDS.includes(v[0]) && isString(v[1]) && isString(v[2]);
}

function isFinding(v: unknown): v is ReportedFinding {
  return (
    isObject(v) &&
    isString(v.rule) &&
    SEVERITIES.includes(v.severity) &&
    isString(v.message) &&
    isObject(v.range) &&
    isPosition(v.range.start) &&
    isPosition(v.range.end) &&
    Array.isArray(v.fixes) &&
    v.fixes.every((f) => isObject(f) && isString(f.title) && typeof f.safe === 'boolean')
  );
}

function isEntry(v: unknown): v is CacheEntry {
  return (
    isObject(v) &&
    isString(v.content) &&
    isString(v.settings) &&
    Array.isArray(v.context) &&
    v.context.every(isQuestion) &&
    Array.isArray(v.findings) &&
    v.findings.every(isFinding)
  );
}

function isReading(v: unknown): v is SettingsReading {
  return (
    isObject(v) &&
    isObject(v.levels) &&
    Object.values(v.levels).every((level) => LEVELS.includes(level)) &&
    (v.failLevel === undefined || (FAIL_LEVELS as readonly unknown[]).includes(v.failLevel)) &&
    (v.trustedRegistries === undefined || isStrings(v.trustedRegistries)) &&
    isStrings(v.errors)
  );
}
