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

/** Docker's tag grammar, `[\w][\w.-]{0,127}`, as regex source. */
export const TAG_PATTERN = '[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}';

/** A registry host as Docker's reference grammar has it: DNS labels or `[IPv6]`, an optional `:port`. */
export const REGISTRY_HOST =
  '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[a-fA-F0-9:]+\\])(?::[0-9]{1,5})?';

/** Docker's longest name, registry host included (NameTotalLengthMax). */
export const MAX_NAME_LENGTH = 255;

const TAG_RE = new RegExp(`^${TAG_PATTERN}$`);
const REPOSITORY_RE = new RegExp(`^${REPOSITORY_PATH}$`);
const HOST_RE = new RegExp(`^${REGISTRY_HOST}$`);
// OCI's digest grammar, narrowed to what Docker's reference grammar also reads: the algorithm's
// components start with a letter, and the registered algorithms have their exact encoded form.
const DIGEST_RE = /^([a-z][a-z0-9]*(?:[+._-][a-z][a-z0-9]*)*):([a-zA-Z0-9=_-]+)$/;
const DIGEST_ENCODED = new Map<string, RegExp>([
  ['sha256', /^[a-f0-9]{64}$/],
  ['sha512', /^[a-f0-9]{128}$/],
  ['blake3', /^[a-f0-9]{64}$/],
]);

/**
 * The checks for names that come from outside (a registry's answers, settings), before they go into
 * a URL, a Dockerfile, the clipboard or a terminal. Lengths are checked before the patterns run.
 */
export function isTag(value: string): boolean {
  return value.length <= 128 && TAG_RE.test(value);
}

/** `team/app`: lower-case components joined by `/`, at most 255 characters. */
export function isRepositoryPath(value: string): boolean {
  return value.length <= MAX_NAME_LENGTH && REPOSITORY_RE.test(value);
}

/** `sha256:` and 64 lower-case hex digits (sha512: 128); other algorithms at least 32 hex digits. */
export function isDigest(value: string): boolean {
  if (value.length > MAX_NAME_LENGTH) return false;
  const m = DIGEST_RE.exec(value);
  if (!m) return false;
  return (DIGEST_ENCODED.get(m[1]) ?? /^[a-f0-9]{32,}$/).test(m[2]);
}

/** `ghcr.io`, `127.0.0.1:5000`, `[::1]:5000`, `localhost`. */
export function isRegistryHost(value: string): boolean {
  return value.length <= MAX_NAME_LENGTH && HOST_RE.test(value);
}

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
