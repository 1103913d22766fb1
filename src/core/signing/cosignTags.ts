// cosign stores what it attaches to an image as tags of the image's own repository, named after
// the image's digest: `sha256-<hex>.sig` (signatures), `.att` (attestations), `.sbom`. They are
// no images of their own to a user: a tag list folds them under the image they belong to.

export type CosignArtifactKind = 'sig' | 'att' | 'sbom';

const COSIGN_TAG = /^sha256-([0-9a-f]{64})\.(sig|att|sbom)$/;

/** The tag cosign gives `kind` of the image `digest` (`sha256:<hex>`). */
export function cosignTagOf(digest: string, kind: CosignArtifactKind): string {
  const hex = /^sha256:([0-9a-f]{64})$/.exec(digest)?.[1];
  if (!hex) throw new Error(`'${digest}' is not a sha256 digest`);
  return `sha256-${hex}.${kind}`;
}

/** The image digest and kind a cosign tag names; undefined for any other tag. */
export function parseCosignTag(tag: string): { digest: string; kind: CosignArtifactKind } | undefined {
  const match = COSIGN_TAG.exec(tag);
  return match ? { digest: `sha256:${match[1]}`, kind: match[2] as CosignArtifactKind } : undefined;
}

export interface FoldedTags {
  /** The tags a user pushed, in the order given. */
  images: string[];
  /** What cosign attached, by the digest of the image it is about. */
  attached: Map<string, CosignArtifactKind[]>;
}

/** Splits a repository's tags into the images and what cosign attached to them. */
export function foldCosignTags(tags: readonly string[]): FoldedTags {
  const images: string[] = [];
  const attached = new Map<string, CosignArtifactKind[]>();
  for (const tag of tags) {
    const artifact = parseCosignTag(tag);
    if (!artifact) images.push(tag);
    else attached.set(artifact.digest, [...(attached.get(artifact.digest) ?? []), artifact.kind]);
  }
  return { images, attached };
}
