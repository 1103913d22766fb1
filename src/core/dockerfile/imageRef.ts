// Image references, parsed and normalised the way Docker does: `nginx` is
// `docker.io/library/nginx:latest`, `localhost:5000/app` keeps its registry.
export interface ImageRef {
  /** As written, e.g. `node:20-slim`. */
  raw: string;
  /** Repository as written, without tag or digest, e.g. `node` or `ghcr.io/o/app`. */
  name: string;
  tag?: string;
  digest?: string;
  /** Normalised registry host: `docker.io` when none is written. */
  domain: string;
  /** Normalised repository path: `library/node` for official images. */
  path: string;
  /** The reference contains `$VAR` and can only be judged after expansion. */
  hasVariable: boolean;
}

export const DOCKER_HUB = 'docker.io';

/** The distribution spec's repository path grammar (`team/app`, `a__b-c.d`), as regex source. */
export const REPOSITORY_PATH = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*';

/** Splits `[domain/]path[:tag][@digest]`. */
export function parseImageRef(raw: string): ImageRef {
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const { domain, path } = splitDomain(rest);
  return { raw, name: rest, tag, digest, domain, path, hasVariable: raw.includes('$') };
}

/** Docker's rule: the first component is a registry when it has a `.` or `:` or is `localhost`. */
function splitDomain(name: string): { domain: string; path: string } {
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  if (first && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    const domain = first === 'index.docker.io' ? DOCKER_HUB : first;
    const path = name.slice(slash + 1);
    return { domain, path: domain === DOCKER_HUB && !path.includes('/') ? `library/${path}` : path };
  }
  return { domain: DOCKER_HUB, path: name.includes('/') ? name : `library/${name}` };
}

/** The fully qualified form, e.g. `docker.io/library/nginx:latest`. */
export function normalizedImage(ref: ImageRef): string {
  const base = `${ref.domain}/${ref.path}`;
  if (ref.digest) return ref.tag ? `${base}:${ref.tag}@${ref.digest}` : `${base}@${ref.digest}`;
  return `${base}:${ref.tag ?? 'latest'}`;
}

/** The last path component without tag, e.g. `node` for `docker.io/library/node:20`. */
export function shortName(ref: ImageRef): string {
  return ref.path.slice(ref.path.lastIndexOf('/') + 1);
}

/**
 * Docker's short form, as `docker pull` takes and prints it: `docker.io/library/nginx` is `nginx`,
 * `docker.io/me/app` is `me/app`, other registries keep their host (`ghcr.io/o/app`).
 */
export function familiarName(ref: Pick<ImageRef, 'domain' | 'path'>): string {
  if (ref.domain !== DOCKER_HUB) return `${ref.domain}/${ref.path}`;
  return ref.path.startsWith('library/') && ref.path.indexOf('/', 8) < 0 ? ref.path.slice(8) : ref.path;
}
