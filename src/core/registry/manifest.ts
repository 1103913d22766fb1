// The four manifest kinds a registry serves today, parsed and checked: OCI index, OCI manifest,
// Docker manifest list and Docker v2 manifest. Schema 1 is refused (registries stopped serving it).
import { isDigest } from '../dockerfile/imageRef';
import { isObject } from './json';

export { isDigest };

export const MediaType = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
} as const;

/** Without all four, registry 2.8 answers with the old schema 1. */
export const MANIFEST_ACCEPT = [
  MediaType.ociIndex,
  MediaType.ociManifest,
  MediaType.dockerList,
  MediaType.dockerManifest,
].join(', ');

/** Most entries of an index, or layers of an image, read: describePlatforms asks for each entry. */
export const MAX_INDEX_ENTRIES = 1000;

const INDEX_TYPES = new Set<string>([MediaType.ociIndex, MediaType.dockerList]);
const IMAGE_TYPES = new Set<string>([MediaType.ociManifest, MediaType.dockerManifest]);

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  osVersion?: string;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
}

export type Manifest =
  | { kind: 'index'; mediaType: string; manifests: Descriptor[] }
  | { kind: 'image'; mediaType: string; config: Descriptor; layers: Descriptor[] };

export function isIndexType(mediaType: string | undefined): boolean {
  return INDEX_TYPES.has(stripParams(mediaType));
}

/** A manifest from its JSON and Content-Type; a string saying what is wrong when it is not one. */
export function parseManifest(json: unknown, contentType: string | null): Manifest | string {
  if (!isObject(json)) return 'it is not a JSON object';
  if (json.schemaVersion === 1) return 'it is an old schema 1 manifest, which Dockwright does not read';
  const declared = typeof json.mediaType === 'string' ? json.mediaType : stripParams(contentType ?? undefined);
  const mediaType = INDEX_TYPES.has(declared) || IMAGE_TYPES.has(declared) ? declared : inferType(json);
  if (!mediaType) return `its media type ${declared ? `"${declared}" ` : ''}is not a manifest or index`;
  if (INDEX_TYPES.has(mediaType)) {
    if (!Array.isArray(json.manifests)) return 'the index has no manifests list';
    if (json.manifests.length > MAX_INDEX_ENTRIES) return `the index has more than ${MAX_INDEX_ENTRIES} entries`;
    const manifests = json.manifests.map(parseDescriptor);
    if (manifests.some((d) => d === undefined)) return 'an entry of the index is not a descriptor';
    return { kind: 'index', mediaType, manifests: manifests as Descriptor[] };
  }
  const config = parseDescriptor(json.config);
  if (!config) return 'the manifest has no config descriptor';
  if (!Array.isArray(json.layers)) return 'the manifest has no layers list';
  if (json.layers.length > MAX_INDEX_ENTRIES) return `the manifest has more than ${MAX_INDEX_ENTRIES} layers`;
  const layers = json.layers.map(parseDescriptor);
  if (layers.some((d) => d === undefined)) return 'a layer of the manifest is not a descriptor';
  return { kind: 'image', mediaType, config, layers: layers as Descriptor[] };
}

const isAttestation = (d: Descriptor) => d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest';

/** The runnable platforms of an index: attestation and unknown/unknown entries left out. */
export function platformsOf(manifest: Manifest): Descriptor[] {
  if (manifest.kind !== 'index') return [];
  return manifest.manifests.filter((d) => !isAttestation(d) && d.platform?.os !== 'unknown');
}

/** An attestation manifest buildx put in an index, and the runnable image it is about (if listed). */
export interface AttestationEntry {
  manifest: Descriptor;
  image?: Descriptor;
}

/** The attestation manifests (provenance, SBOM) of an index: each names its image by
 * `vnd.docker.reference.digest`. */
export function attestationsOf(manifest: Manifest): AttestationEntry[] {
  if (manifest.kind !== 'index') return [];
  const images = new Map(platformsOf(manifest).map((d) => [d.digest, d]));
  return manifest.manifests
    .filter(isAttestation)
    .map((d) => ({ manifest: d, image: images.get(d.annotations?.['vnd.docker.reference.digest'] ?? '') }));
}

/** `linux/arm64/v8`. */
export function platformName(platform: Platform | undefined): string {
  if (!platform) return 'unknown';
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

/** A media type as RFC 6838 writes them (`application/vnd.oci.image.index.v1+json`); else undefined. */
export function mediaTypeOf(value: unknown): string | undefined {
  return typeof value === 'string' &&
    value.length <= 255 &&
    /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$/.test(value)
    ? value
    : undefined;
}

/** An os, architecture, variant or os.version (`linux`, `arm64`, `v8`, `10.0.17763.1234`); else undefined. */
export function platformWord(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/.test(value) ? value : undefined;
}

/** A byte count: a whole number from 0 up, else undefined. */
export function sizeOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

// Annotation values are free text, but none of Dockwright's uses needs control characters.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]/;

/**
 * A descriptor, its fields as a registry sent them only when they are what they claim to be: a
 * digest in the digest grammar, a size, a media type; platform words and annotations that are not
 * are left out (the platform is then unknown).
 */
function parseDescriptor(value: unknown): Descriptor | undefined {
  if (!isObject(value)) return undefined;
  const { mediaType, digest, size, platform, annotations } = value;
  const bytes = sizeOf(size);
  if (typeof digest !== 'string' || !isDigest(digest) || bytes === undefined) return undefined;
  const descriptor: Descriptor = { mediaType: mediaTypeOf(mediaType) ?? '', digest, size: bytes };
  if (isObject(platform)) {
    const os = platformWord(platform.os);
    const architecture = platformWord(platform.architecture);
    if (os && architecture) {
      descriptor.platform = { os, architecture };
      const variant = platformWord(platform.variant);
      const osVersion = platformWord(platform['os.version']);
      if (variant) descriptor.platform.variant = variant;
      if (osVersion) descriptor.platform.osVersion = osVersion;
    }
  }
  if (isObject(annotations)) {
    descriptor.annotations = Object.fromEntries(
      Object.entries(annotations).filter(
        ([k, v]) => typeof v === 'string' && k.length <= 255 && !CONTROL.test(k) && !CONTROL.test(v),
      ),
    ) as Record<string, string>;
  }
  return descriptor;
}

/** OCI makes `mediaType` optional in the body; judge by the fields then. */
function inferType(json: Record<string, unknown>): string | undefined {
  if (Array.isArray(json.manifests)) return MediaType.ociIndex;
  if (isObject(json.config) && Array.isArray(json.layers)) return MediaType.ociManifest;
  return undefined;
}

function stripParams(mediaType: string | undefined): string {
  return (mediaType ?? '').split(';')[0].trim();
}
