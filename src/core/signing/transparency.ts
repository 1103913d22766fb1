// Which way a signature was made: with the transparency log (Rekor) or without it. cosign keeps the
// log's answer, when it uploaded, in the signature layer's `dev.sigstore.cosign/bundle` annotation
// (sigstore/cosign pkg/oci/static/signature.go): JSON, `{"SignedEntryTimestamp": …, "Payload":
// {"body", "integratedTime", "logIndex", "logID"}}`. The registry sends that text: it is read here
// from the manifest's own bytes, bounded, parsed as JSON, and only the log index is kept, a number.
import { printable } from '../printable';
import type { RegistryClient } from '../registry/client';
import { isObject } from '../registry/json';
import { cosignTagOf } from './cosignTags';

/** The media type of a layer that holds one cosign signature (its payload is the simple-signing JSON). */
export const SIGNATURE_LAYER = 'application/vnd.dev.cosign.simplesigning.v1+json';
export const BUNDLE_ANNOTATION = 'dev.sigstore.cosign/bundle';

/** One signature's log: not uploaded, uploaded (at logIndex), or an annotation that does not read. */
export type TransparencyRecord = { state: 'none' } | { state: 'rekor'; logIndex: number } | { state: 'unreadable' };

/** Real bundles are a few kilobytes (one with a Fulcio certificate about 6 KB). */
const MAX_BUNDLE_CHARS = 64 * 1024;

/** A signature layer's bundle annotation, read: absent is "not in the log", anything odd "unreadable". */
export function readBundle(annotation: unknown): TransparencyRecord {
  if (annotation === undefined) return { state: 'none' };
  if (typeof annotation !== 'string' || annotation.length > MAX_BUNDLE_CHARS) return { state: 'unreadable' };
  // cosign writes compact JSON: a control or bidi character in it was put there by someone else
  if (printable(annotation) !== annotation) return { state: 'unreadable' };
  let bundle: unknown;
  try {
    bundle = JSON.parse(annotation);
  } catch {
    return { state: 'unreadable' };
  }
  const logIndex = isObject(bundle) && isObject(bundle.Payload) ? bundle.Payload.logIndex : undefined;
  if (typeof logIndex !== 'number' || !Number.isSafeInteger(logIndex) || logIndex < 0) return { state: 'unreadable' };
  return { state: 'rekor', logIndex };
}

/** Each signature layer's record, from the signature manifest's bytes (its annotations as sent). */
export function transparencyRecords(manifestBytes: Uint8Array): TransparencyRecord[] {
  let manifest: unknown;
  try {
    manifest = JSON.parse(Buffer.from(manifestBytes).toString('utf8'));
  } catch {
    return [];
  }
  const layers = isObject(manifest) && Array.isArray(manifest.layers) ? manifest.layers : [];
  return layers
    .filter((layer): layer is Record<string, unknown> => isObject(layer) && layer.mediaType === SIGNATURE_LAYER)
    .map((layer) => readBundle(isObject(layer.annotations) ? layer.annotations[BUNDLE_ANNOTATION] : undefined));
}

/** The records of the signatures cosign attached to `digest` (its `sha256-….sig` tag), in layer order. */
export async function readTransparency(
  client: RegistryClient,
  repository: string,
  digest: string,
  signal?: AbortSignal,
): Promise<TransparencyRecord[]> {
  const { bytes } = await client.getManifest(repository, cosignTagOf(digest, 'sig'), signal);
  return transparencyRecords(bytes);
}

/** How the signatures were made, in words: each distinct way once, in layer order. */
export function transparencyText(records: readonly TransparencyRecord[]): string | undefined {
  const words = records.map((r) =>
    r.state === 'none'
      ? 'not in transparency log'
      : r.state === 'rekor'
        ? `in transparency log (Rekor, logIndex ${r.logIndex})`
        : 'bundle unreadable',
  );
  return words.length ? [...new Set(words)].join('; ') : undefined;
}
