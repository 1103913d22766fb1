// The four manifest kinds a registry serves today, parsed and checked: OCI index, OCI manifest,
// Docker manifest list and Docker v2 manifest. Schema 1 is refused (registries stopped serving it).
import { isObject } from './json';

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
    const manifests = json.manifests.map(parseDescriptor);
    if (manifests.some((d) => d === undefined)) return 'an entry of the index is not a descriptor';
    return { kind: 'index', mediaType, manifests: manifests as Descriptor[] };
  }
  const config = parseDescriptor(json.config);
  if (!config) return 'the manifest has no config descriptor';
  if (!Array.isArray(json.layers)) return 'the manifest has no layers list';
  const layers = json.layers.map(parseDescriptor);
  if (layers.some((d) => d === undefined)) return 'a layer of the manifest is not a descriptor';
  return { kind: 'image', mediaType, config, layers: layers as Descriptor[] };
}

/** The runnable platforms of an index: attestation and unknown/unknown entries left out. */
export function platformsOf(manifest: Manifest): Descriptor[] {
  if (manifest.kind !== 'index') return [];
  return manifest.manifests.filter(
    (d) => d.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest' && d.platform?.os !== 'unknown',
  );
}

/** `linux/arm64/v8`. */
export function platformName(platform: Platform | undefined): string {
  if (!platform) return 'unknown';
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

export function isDigest(value: string): boolean {
  return DIGEST.test(value);
}

function parseDescriptor(value: unknown): Descriptor | undefined {
  if (!isObject(value)) return undefined;
  const { mediaType, digest, size, platform, annotations } = value;
  if (typeof digest !== 'string' || !isDigest(digest) || typeof size !== 'number') return undefined;
  const descriptor: Descriptor = { mediaType: typeof mediaType === 'string' ? mediaType : '', digest, size };
  if (isObject(platform) && typeof platform.os === 'string' && typeof platform.architecture === 'string') {
    descriptor.platform = { os: platform.os, architecture: platform.architecture };
    if (typeof platform.variant === 'string') descriptor.platform.variant = platform.variant;
    if (typeof platform['os.version'] === 'string') descriptor.platform.osVersion = platform['os.version'];
  }
  if (isObject(annotations)) {
    descriptor.annotations = Object.fromEntries(
      Object.entries(annotations).filter(([, v]) => typeof v === 'string'),
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
