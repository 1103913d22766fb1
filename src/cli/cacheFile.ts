// The lint cache on disk: a header line with the format and a checksum of the rest, then JSON.
// Whatever else is found there (truncated, corrupt, another format, another program's file)
// reads as no cache, with the reason in one line: never a crash, never a wrong result.
import { fingerprint, QUESTION_KINDS, type ContextQuestion } from './contextQuestions';
import type { ReportedFinding } from './lintFile';

export const CACHE_FORMAT = 'dockwright-lint-cache 1';

export interface CacheEntry {
  /** Fingerprint of the Dockerfile's bytes. */
  content: string;
  /** Fingerprint of Dockwright's build and the file's rule levels and settings (see settingsFingerprint). */
  settings: string;
  /** What the rules asked of the build context, and the answers' fingerprints. */
  context: ContextQuestion[];
  findings: ReportedFinding[];
}

export function serializeCache(entries: ReadonlyMap<string, CacheEntry>): string {
  const body = JSON.stringify(Object.fromEntries(entries));
  return `${CACHE_FORMAT} ${fingerprint(body)}\n${body}`;
}

/** The entries by Dockerfile path, or why the text is not a cache this version can trust. */
export function parseCache(text: string): Map<string, CacheEntry> | { error: string } {
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
  if (!isObject(doc)) return { error: 'corrupt (not an object of entries)' };
  const entries = new Map<string, CacheEntry>();
  for (const [file, entry] of Object.entries(doc)) {
    if (!isEntry(entry)) return { error: 'corrupt (an entry of an unexpected shape)' };
    entries.set(file, entry);
  }
  return entries;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
const isPosition = (v: unknown) => isObject(v) && isCount(v.line) && isCount(v.character);
const SEVERITIES: readonly unknown[] = ['error', 'warning', 'info'];

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
