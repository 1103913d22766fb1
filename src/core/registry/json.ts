// Reading JSON answers: a parse failure is a MalformedResponseError, and a registry's error body
// gives only its codes (`MANIFEST_UNKNOWN`), never its free text, which could echo a request.
import { MalformedResponseError } from './errors';

export function parseJson(body: Uint8Array, registry: string, what: string): unknown {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedResponseError(registry, what, text.trim() ? 'it is not valid JSON' : 'it is empty');
  }
}

/** Codes of a V2 error body `{"errors":[{"code":"…"}]}`; empty for anything else. */
export function errorCodes(body: Uint8Array): string[] {
  try {
    const parsed = JSON.parse(Buffer.from(body).toString('utf8')) as { errors?: { code?: unknown }[] };
    return (parsed.errors ?? [])
      .map((e) => e.code)
      .filter((c): c is string => typeof c === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(c))
      .slice(0, 3);
  } catch {
    return [];
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
