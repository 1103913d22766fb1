// The text the Registries view writes from a registry's names: the reference `docker pull` takes,
// a FROM line, a digest for the clipboard. Each piece is checked against Docker's reference grammar
// here, whatever the client let through before, so that nothing a registry sends can add a line to
// a Dockerfile, a command to a shell or an escape sequence to a terminal. A bad piece is an
// InvalidNameError naming it (escaped), and no text is built.
import {
  familiarName,
  isDigest,
  isRegistryHost,
  isRepositoryPath,
  isTag,
  MAX_NAME_LENGTH,
} from '../dockerfile/imageRef';
import { InvalidNameError } from './errors';

export interface ImageTarget {
  /** Normalised registry host, e.g. `docker.io`, `127.0.0.1:5000`. */
  registry: string;
  /** Repository path on it, e.g. `library/nginx`, `team/app`. */
  repository: string;
  tag?: string;
  digest?: string;
}

/** The reference as Docker users write it: `nginx:1.27`, `ghcr.io/o/app@sha256:…`. */
export function imageReference(image: ImageTarget): string {
  const { registry, repository, tag, digest } = image;
  if (!isRegistryHost(registry)) throw new InvalidNameError(registry, 'registry host', registry);
  if (!isRepositoryPath(repository) || registry.length + 1 + repository.length > MAX_NAME_LENGTH)
    throw new InvalidNameError(registry, 'repository', repository);
  if (tag !== undefined && !isTag(tag)) throw new InvalidNameError(registry, 'tag or digest', tag);
  if (digest !== undefined) checkedDigest(registry, digest);
  const name = familiarName({ domain: registry, path: repository });
  return `${name}${tag !== undefined ? `:${tag}` : ''}${digest !== undefined ? `@${digest}` : ''}`;
}

/** `docker pull <reference>`, for Copy Pull Command. */
export function pullCommand(image: ImageTarget): string {
  return `docker pull ${imageReference(image)}`;
}

/** `FROM <reference>`, for Use as Base Image. */
export function fromLine(image: ImageTarget): string {
  return `FROM ${imageReference(image)}`;
}

/** The digest itself once it is one, for Copy Digest and Pin FROM to This Digest. */
export function checkedDigest(registry: string, digest: string): string {
  if (!isDigest(digest)) throw new InvalidNameError(registry, 'tag or digest', digest);
  return digest;
}
