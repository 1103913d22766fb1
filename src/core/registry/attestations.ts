// What buildx attaches to an image: in an index, one attestation manifest (platform unknown/unknown)
// per image, naming it by `vnd.docker.reference.digest`, whose layers are in-toto statements, each
// with its predicate type (SLSA provenance, SPDX SBOM). Read from the registry as they are, checked
// against their digests; a statement reaches a document only as JSON the parser accepted.
import type { RegistryClient } from './client';
import { platformName, type AttestationEntry, type Descriptor } from './manifest';

export interface Attestation {
  /** The platform of the image it is about, e.g. `linux/amd64`. */
  platform: string;
  /** e.g. `https://slsa.dev/provenance/v0.2`, `https://spdx.dev/Document`. */
  predicateType: string;
  /** The statement's blob. */
  digest: string;
  size: number;
}

const MAX_ATTESTATIONS = 64;

/** The statements of an index's attestation manifests (`describe` lists those), each read once. */
export async function listAttestations(
  client: RegistryClient,
  repository: string,
  entries: readonly AttestationEntry[],
  signal?: AbortSignal,
): Promise<Attestation[]> {
  const lists = await Promise.all(
    entries.slice(0, MAX_ATTESTATIONS).map(async ({ manifest, image }) => {
      const { manifest: attestation } = await client.getManifest(repository, manifest.digest, signal);
      return attestation.kind === 'image' ? statements(attestation.layers, image) : [];
    }),
  );
  return lists.flat();
}

function statements(layers: readonly Descriptor[], about: Descriptor | undefined): Attestation[] {
  return layers.flatMap((layer) => {
    const predicateType = layer.annotations?.['in-toto.io/predicate-type'];
    // a URI it is: printable, no spaces, bounded (it is shown in the tree as it is)
    if (!predicateType || !/^[\x21-\x7e]{1,256}$/.test(predicateType)) return [];
    return [{ platform: platformName(about?.platform), predicateType, digest: layer.digest, size: layer.size }];
  });
}

/** The statement of an attestation, pretty-printed: JSON that parsed, written again. */
export async function attestationJson(
  client: RegistryClient,
  repository: string,
  attestation: Attestation,
  signal?: AbortSignal,
): Promise<string> {
  const what = `attestation ${attestation.digest} of ${repository}`;
  return `${JSON.stringify(await client.jsonBlob(repository, attestation.digest, what, signal), null, 2)}\n`;
}
