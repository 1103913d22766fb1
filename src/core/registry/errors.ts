// Typed registry failures. Each message says what happened and what to do, in words a user can act
// on in the Registries view; none ever holds a credential (see redact.ts), a header or a body dump.

export type RegistryErrorKind =
  | 'unauthorized'
  | 'denied'
  | 'not-found'
  | 'catalog-unsupported'
  | 'unsupported'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'malformed'
  | 'too-large'
  | 'invalid-name';

export abstract class RegistryError extends Error {
  abstract readonly kind: RegistryErrorKind;
  /** Worth a Retry action in the tree: the same call may succeed later without any change. */
  abstract readonly retryable: boolean;

  constructor(
    message: string,
    /** Registry host, e.g. `127.0.0.1:5000` or `docker.io`. */
    readonly registry: string,
    /** HTTP status when the failure came from an answer. */
    readonly status?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** No credentials, or credentials the registry (or its token service) turned down. */
export class UnauthorizedError extends RegistryError {
  readonly kind = 'unauthorized';
  readonly retryable = false;
  constructor(
    registry: string,
    readonly hadCredentials: boolean,
    status = 401,
  ) {
    super(
      hadCredentials
        ? `${registry} rejected the credentials: log in again with a valid user name and password or token.`
        : `${registry} needs credentials: log in to it (or run \`docker login ${registry}\`).`,
      registry,
      status,
    );
  }
}

/** Authenticated, but the account may not do this. */
export class DeniedError extends RegistryError {
  readonly kind = 'denied';
  readonly retryable = false;
  constructor(registry: string, what: string) {
    super(`${registry} denied access to ${what}: the account lacks the permission for it.`, registry, 403);
  }
}

export class NotFoundError extends RegistryError {
  readonly kind = 'not-found';
  readonly retryable = false;
  constructor(registry: string, what: string) {
    super(`${registry} has no ${what}.`, registry, 404);
  }
}

/** Docker Hub, GHCR and others do not list their repositories through `/v2/_catalog`. */
export class CatalogUnsupportedError extends RegistryError {
  readonly kind = 'catalog-unsupported';
  readonly retryable = false;
  constructor(registry: string, status?: number) {
    const hint =
      registry === 'docker.io'
        ? 'give repository names (e.g. library/nginx) or a namespace to list'
        : 'give the repository names to show';
    super(`${registry} does not offer a repository catalog: ${hint}.`, registry, status);
  }
}

/** The registry does not allow this operation, e.g. deletes switched off. */
export class UnsupportedError extends RegistryError {
  readonly kind = 'unsupported';
  readonly retryable = false;
  constructor(registry: string, what: string, status?: number) {
    super(`${registry} does not allow ${what}.`, registry, status);
  }
}

export class RateLimitedError extends RegistryError {
  readonly kind = 'rate-limited';
  readonly retryable = true;
  constructor(
    registry: string,
    readonly retryAfterMs?: number,
  ) {
    const when = retryAfterMs === undefined ? 'later' : `in ${Math.ceil(retryAfterMs / 1000)} s`;
    super(`${registry} is limiting requests (HTTP 429): try again ${when}.`, registry, 429);
  }
}

/** Any other refusal or failure; 5xx ones may pass, 4xx ones mean the request itself is wrong. */
export class ServerError extends RegistryError {
  readonly kind = 'server';
  readonly retryable: boolean;
  constructor(registry: string, status: number, what: string, codes: string[] = []) {
    const detail = codes.length ? ` (${codes.join(', ')})` : '';
    const advice = status >= 500 ? 'try again later' : 'the request was refused';
    super(`${registry} failed with HTTP ${status}${detail} for ${what}: ${advice}.`, registry, status);
    this.retryable = status >= 500;
  }
}

export class NetworkError extends RegistryError {
  readonly kind = 'network';
  readonly retryable = true;
  constructor(registry: string, reason: string) {
    super(`Cannot reach ${registry}: ${reason}. Check the address and the network.`, registry);
  }
}

export class TimeoutError extends RegistryError {
  readonly kind = 'timeout';
  readonly retryable = true;
  constructor(
    registry: string,
    readonly timeoutMs: number,
  ) {
    super(`${registry} did not answer within ${timeoutMs} ms.`, registry);
  }
}

/** The caller's AbortSignal fired (e.g. the tree node was collapsed). */
export class AbortedError extends RegistryError {
  readonly kind = 'aborted';
  readonly retryable = true;
  constructor(registry: string) {
    super(`The request to ${registry} was cancelled.`, registry);
  }
}

export class MalformedResponseError extends RegistryError {
  readonly kind = 'malformed';
  readonly retryable = false;
  constructor(registry: string, what: string, problem: string) {
    super(`${registry} sent a malformed answer for ${what}: ${problem}.`, registry);
  }
}

export class ResponseTooLargeError extends RegistryError {
  readonly kind = 'too-large';
  readonly retryable = false;
  constructor(registry: string, what: string, limitBytes: number) {
    super(`${registry} sent more than ${limitBytes} bytes for ${what}: refused.`, registry);
  }
}

/**
 * A repository, tag, digest or registry host that cannot be one: typed in by hand, or sent by a
 * registry. Nothing was sent with it, and nothing is built from it (no pull command, no FROM line).
 */
export class InvalidNameError extends RegistryError {
  readonly kind = 'invalid-name';
  readonly retryable = false;
  constructor(registry: string, what: 'repository' | 'tag or digest' | 'registry host', name: string) {
    const rule =
      what === 'repository'
        ? 'lower-case letters and digits, separated by . _ - or /'
        : what === 'registry host'
          ? 'a host name or IP address, with an optional :port'
          : 'a tag is letters, digits, _ . - (at most 128, not starting with . or -); a digest is algorithm:hex';
    const where = what === 'registry host' || !registry ? '' : ` for ${registry}`;
    super(`${shownName(name)} is not a valid ${what} name${where}: ${rule}.`, registry);
  }
}

/**
 * A name as it may be shown in a message: quoted, control, bidi and invisible characters (a tag
 * holding `\n`, an ANSI or OSC 52 escape) written as `\u{…}`, and long ones cut at 80 characters.
 */
export function shownName(name: string): string {
  const cut = name.length > 80 ? `${name.slice(0, 80)}…` : name;
  // eslint-disable-next-line no-control-regex
  return `"${cut.replace(/[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"\\]/g, (c) => (c === '"' || c === '\\' ? `\\${c}` : `\\u{${c.codePointAt(0)!.toString(16)}}`))}"`;
}
