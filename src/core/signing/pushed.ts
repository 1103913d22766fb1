// What a push pushed: the digest to sign, as the push itself reported it. A registry HEAD of the
// tag after the push would race anyone else pushing to that tag; buildx's metadata file and
// docker push's own "digest:" line name the manifest this push put, whatever the tag says later.
import { isDigest, parseImageRef } from '../dockerfile/imageRef';
import { isObject } from '../registry/json';
import type { SignedImage } from './cosign';

/** `containerimage.digest` of buildx's `--metadata-file`: the pushed image's (or index's) digest. */
export function digestFromMetadata(json: string): string | undefined {
  let metadata: unknown;
  try {
    metadata = JSON.parse(json);
  } catch {
    return undefined;
  }
  const digest = isObject(metadata) ? metadata['containerimage.digest'] : undefined;
  return typeof digest === 'string' && isDigest(digest) ? digest : undefined;
}

/** The digest `docker push <tag>` reports on a line of its own: `<tag>: digest: sha256:… size: N`. */
export function digestFromPushOutput(output: string, tag: string): string | undefined {
  const name = parseImageRef(tag).tag ?? 'latest';
  const line = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l.startsWith(`${name}: digest: `));
  const digest = line?.split(' ')[2];
  return digest && isDigest(digest) ? digest : undefined;
}

/** What `podman push --digestfile` wrote: the pushed manifest's digest on a line of its own. */
export function digestFromDigestFile(text: string): string | undefined {
  const digest = text.trim();
  return isDigest(digest) ? digest : undefined;
}

/** The repository a pushed tag names, at `digest`: what cosign signs. */
export function pushedImage(tag: string, digest: string): SignedImage {
  const ref = parseImageRef(tag);
  return { registry: ref.domain, repository: ref.path, digest };
}
