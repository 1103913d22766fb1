// A Registry HTTP API v2 / OCI distribution client over an injected fetch: no vscode, no globals.
// One client per registry; it keeps that registry's challenge, tokens and paging buffers.
import { createHash } from 'node:crypto';
import { isRepositoryPath, isTag } from '../dockerfile/imageRef';
import { Authenticator } from './auth';
import type { CredentialSource } from './credentials/types';
import { registryEndpoint, type EndpointOptions, type RegistryEndpoint } from './endpoint';
import {
  CatalogUnsupportedError,
  DeniedError,
  InvalidNameError,
  MalformedResponseError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  UnauthorizedError,
  UnsupportedError,
  shownName,
} from './errors';
import { errorCodes, isObject, isStringArray, parseJson } from './json';
import {
  attestationsOf,
  isDigest,
  MANIFEST_ACCEPT,
  mediaTypeOf,
  parseManifest,
  platformsOf,
  platformWord,
  sizeOf,
  type AttestationEntry,
  type Descriptor,
  type Manifest,
} from './manifest';
import {
  clampPageSize,
  isCursor,
  pageFrom,
  PageBuffer,
  PageWalk,
  slice,
  MAX_PAGE_SIZE,
  Truncation,
  truncationMessage,
  type Page,
  type PageOptions,
} from './paging';
import { TokenCache } from './tokenCache';
import { Transport, type Exchange, type TransportOptions } from './transport';

export interface RegistryClientOptions extends TransportOptions, EndpointOptions {
  /** Where credentials come from (see credentials/chain.ts); anonymous when absent. */
  credentials?: CredentialSource;
  /** Shared between clients, or pre-filled by tests. */
  tokenCache?: TokenCache;
  /** The clock for token expiry and page buffers (tests move it on). */
  now?: () => number;
  /** Most pages one allTags reads. Default 1000 (paging.ts MAX_PAGES). */
  maxPages?: number;
  /** Most entries one allTags keeps. Default 100,000 (paging.ts MAX_ENTRIES). */
  maxEntries?: number;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
  /** Token scopes the call needs, e.g. `repository:app:pull`. */
  scopes: string[];
  /** What is asked for, as a noun for error messages: `repository app`, `tag app:1`. */
  what: string;
  signal?: AbortSignal;
  /** Statuses besides 2xx handed back instead of thrown (e.g. 404 for "does it exist"). */
  accept?: number[];
}

export interface ManifestHead {
  digest: string;
  mediaType: string;
  size: number;
}

export interface ManifestDocument extends ManifestHead {
  manifest: Manifest;
  /** The exact bytes, whose sha256 is the digest. */
  bytes: Uint8Array;
}

export interface ImageDetails {
  digest: string;
  mediaType: string;
  os?: string;
  architecture?: string;
  variant?: string;
  /** RFC 3339, from the config blob. */
  created?: string;
  /** Compressed size: the layers summed. */
  size: number;
  layers: number;
}

export type ImageDescription =
  | ({ kind: 'image' } & ImageDetails)
  | {
      kind: 'index';
      digest: string;
      mediaType: string;
      platforms: Descriptor[];
      /** Its attestation manifests (provenance, SBOM), with the platform each is about. */
      attestations: AttestationEntry[];
    };

export class RegistryClient {
  readonly endpoint: RegistryEndpoint;
  readonly transport: Transport;
  private readonly auth: Authenticator;
  private readonly buffers: PageBuffer;
  private readonly log?: (line: string) => void;
  private readonly limits: { maxPages?: number; maxEntries?: number };

  constructor(registry: string, options: RegistryClientOptions = {}) {
    this.endpoint = registryEndpoint(registry, options);
    this.transport = new Transport(this.endpoint.key, options);
    this.auth = new Authenticator(
      this.endpoint,
      this.transport,
      options.credentials,
      options.tokenCache ?? new TokenCache(options.now),
    );
    this.buffers = new PageBuffer(options.now);
    this.log = options.log;
    this.limits = { maxPages: options.maxPages, maxEntries: options.maxEntries };
  }

  /** The normalised host, e.g. `docker.io` or `127.0.0.1:5000`. */
  get registry(): string {
    return this.endpoint.key;
  }

  /** Forget tokens, credentials and buffers: after Log In, Log Out or Refresh. */
  reset(): void {
    this.auth.reset();
    this.buffers.clear();
  }

  /** One authenticated call; failures other than `accept`ed statuses become typed errors. */
  async request(pathOrUrl: string, options: RequestOptions): Promise<Exchange> {
    const url = this.url(pathOrUrl);
    const send = (authorization: string | undefined) =>
      this.transport.send(url, {
        method: options.method,
        headers: { ...options.headers, ...(authorization ? { Authorization: authorization } : {}) },
        body: options.body,
        signal: options.signal,
        what: options.what,
      });
    const first = await this.auth.header(options.scopes, options.signal);
    let exchange = await send(first);
    if (exchange.status === 401) {
      const retry = await this.auth.afterUnauthorized(
        exchange.headers.get('www-authenticate'),
        options.scopes,
        first,
        options.signal,
      );
      exchange = await send(retry);
      if (exchange.status === 401)
        throw new UnauthorizedError(this.registry, await this.auth.hasCredential(options.signal));
    }
    if ((exchange.status >= 200 && exchange.status < 300) || options.accept?.includes(exchange.status)) return exchange;
    throw await this.failure(exchange, options.what, options.signal);
  }

  /** `GET /v2/`: reachable, speaking V2, and the credentials (if any) accepted. */
  async ping(signal?: AbortSignal): Promise<void> {
    const exchange = await this.request('/v2/', { scopes: [], what: 'the V2 API', signal, accept: [404] });
    if (exchange.status === 404)
      throw new MalformedResponseError(
        this.registry,
        'the V2 API',
        'there is no /v2/ endpoint: it is not a container registry',
      );
  }

  /** A page of repository names from `/v2/_catalog`. */
  async catalog(options: PageOptions = {}): Promise<Page<string>> {
    if (!this.endpoint.hasCatalog) throw new CatalogUnsupportedError(this.registry);
    try {
      return await this.listPage(
        '/v2/_catalog',
        'repositories',
        ['registry:catalog:*'],
        'the repository catalog',
        options,
      );
    } catch (error) {
      // Registries without a catalog answer 404 or UNSUPPORTED; say so rather than "not found".
      if (error instanceof NotFoundError || error instanceof UnsupportedError)
        throw new CatalogUnsupportedError(this.registry, error.status);
      throw error;
    }
  }

  /** A page of tags of a repository (`library/nginx`, `app`). */
  async tags(repository: string, options: PageOptions = {}): Promise<Page<string>> {
    return this.listPage(
      `${this.repositoryPath(repository)}/tags/list`,
      'tags',
      [pull(repository)],
      `repository ${repository}`,
      options,
    );
  }

  /**
   * Every tag, in pages of 1000, with `truncated` saying so when the list stops early: at `limit`
   * tags (for repositories with huge tag lists), past the client's page and entry caps, or on
   * paging that does not advance (a Link back to a page already read, a page with nothing new).
   */
  async walkTags(
    repository: string,
    options: { signal?: AbortSignal; limit?: number } = {},
  ): Promise<{ items: string[]; truncated?: string }> {
    const maxEntries = Math.min(options.limit ?? Infinity, this.limits.maxEntries ?? Infinity);
    const walk = new PageWalk(`repository ${repository}`, {
      maxPages: this.limits.maxPages,
      maxEntries: Number.isFinite(maxEntries) ? maxEntries : undefined,
    });
    const tags: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = walk.take(
        await this.tags(repository, { pageSize: MAX_PAGE_SIZE, cursor, signal: options.signal }),
        cursor,
      );
      tags.push(...page.items);
      if (page.next === undefined) return page.truncated ? { items: tags, truncated: page.truncated } : { items: tags };
      cursor = page.next;
    }
  }

  /** Every tag (see walkTags); a list cut short is logged. */
  async allTags(repository: string, options: { signal?: AbortSignal; limit?: number } = {}): Promise<string[]> {
    const { items, truncated } = await this.walkTags(repository, options);
    if (truncated) this.log?.(`${this.registry}: ${truncated}`);
    return items;
  }

  /** HEAD of a manifest: its digest without its body (does not count against Docker Hub's pull limit). */
  async headManifest(repository: string, reference: string, signal?: AbortSignal): Promise<ManifestHead> {
    const what = manifestWhat(repository, reference);
    const exchange = await this.request(this.manifestPath(repository, reference), {
      method: 'HEAD',
      headers: { Accept: MANIFEST_ACCEPT },
      scopes: [pull(repository)],
      what,
      signal,
    });
    const digest = exchange.headers.get('docker-content-digest');
    // Some registries leave the digest out of HEAD answers: ask for the body and hash it then.
    if (!digest) return this.getManifest(repository, reference, signal);
    if (!isDigest(digest))
      throw new MalformedResponseError(this.registry, what, 'its Docker-Content-Digest header is not a digest');
    if (isDigest(reference) && digest !== reference)
      throw new MalformedResponseError(this.registry, what, 'its Docker-Content-Digest header names another digest');
    return {
      digest,
      mediaType: contentType(exchange),
      size: sizeOf(Number(exchange.headers.get('content-length') ?? 0)) ?? 0,
    };
  }

  async getManifest(repository: string, reference: string, signal?: AbortSignal): Promise<ManifestDocument> {
    const what = manifestWhat(repository, reference);
    const exchange = await this.request(this.manifestPath(repository, reference), {
      headers: { Accept: MANIFEST_ACCEPT },
      scopes: [pull(repository)],
      what,
      signal,
    });
    const manifest = parseManifest(parseJson(exchange.body, this.registry, what), exchange.headers.get('content-type'));
    if (typeof manifest === 'string') throw new MalformedResponseError(this.registry, what, manifest);
    const header = exchange.headers.get('docker-content-digest');
    if (header !== null && !isDigest(header))
      throw new MalformedResponseError(this.registry, what, 'its Docker-Content-Digest header is not a digest');
    // The digest given back is one checked against the bytes: the header's when it can be hashed here.
    for (const claimed of [reference, header]) {
      if (claimed && isDigest(claimed) && hashable(claimed) && digestOf(exchange.body, claimed) !== claimed) {
        throw new MalformedResponseError(this.registry, what, 'its content does not match its digest');
      }
    }
    const digest = header && hashable(header) ? header : sha256(exchange.body);
    return { digest, mediaType: manifest.mediaType, size: exchange.body.byteLength, manifest, bytes: exchange.body };
  }

  /** The runnable platforms of a multi-platform image; empty for a single-platform one. */
  async platforms(repository: string, reference: string, signal?: AbortSignal): Promise<Descriptor[]> {
    return platformsOf((await this.getManifest(repository, reference, signal)).manifest);
  }

  /** An index with its platforms, or an image with its config's os, architecture, created and size. */
  async describe(repository: string, reference: string, signal?: AbortSignal): Promise<ImageDescription> {
    const document = await this.getManifest(repository, reference, signal);
    if (document.manifest.kind === 'index') {
      return {
        kind: 'index',
        digest: document.digest,
        mediaType: document.mediaType,
        platforms: platformsOf(document.manifest),
        attestations: attestationsOf(document.manifest),
      };
    }
    return { kind: 'image', ...(await this.imageDetails(repository, document, signal)) };
  }

  /** Details of each platform of an index, read in parallel. */
  async describePlatforms(repository: string, reference: string, signal?: AbortSignal): Promise<ImageDetails[]> {
    const platforms = await this.platforms(repository, reference, signal);
    return Promise.all(
      platforms.map(async (p) =>
        this.imageDetails(repository, await this.getManifest(repository, p.digest, signal), signal),
      ),
    );
  }

  /** The config blob of an image manifest read for os, architecture and created time. */
  async imageDetails(repository: string, document: ManifestDocument, signal?: AbortSignal): Promise<ImageDetails> {
    if (document.manifest.kind !== 'image') throw new Error('imageDetails needs an image manifest, not an index');
    const { config, layers } = document.manifest;
    const json = await this.jsonBlob(
      repository,
      config.digest,
      `config blob ${config.digest} of ${repository}`,
      signal,
    );
    return {
      digest: document.digest,
      mediaType: document.mediaType,
      os: platformWord(json.os),
      architecture: platformWord(json.architecture),
      variant: platformWord(json.variant),
      created: timestamp(json.created),
      size: layers.reduce((sum, layer) => sum + layer.size, 0),
      layers: layers.length,
    };
  }

  /** A blob that holds a JSON object (a config, an attestation's statement), checked against its digest. */
  async jsonBlob(
    repository: string,
    digest: string,
    what: string,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown>> {
    const exchange = await this.request(`${this.repositoryPath(repository)}/blobs/${digest}`, {
      scopes: [pull(repository)],
      what,
      signal,
    });
    if (sha256(exchange.body) !== digest)
      throw new MalformedResponseError(this.registry, what, 'its content does not match its digest');
    const json = parseJson(exchange.body, this.registry, what);
    if (!isObject(json)) throw new MalformedResponseError(this.registry, what, 'it is not a JSON object');
    return json;
  }

  /** Deletes a manifest by digest (registries refuse deletes by tag). Every tag on it goes too. */
  async deleteManifest(repository: string, digest: string, signal?: AbortSignal): Promise<void> {
    if (!isDigest(digest)) throw new Error(`delete needs a digest (sha256:…), not ${shownName(digest)}`);
    await this.request(this.manifestPath(repository, digest), {
      method: 'DELETE',
      scopes: [`repository:${repository}:delete`],
      what: manifestWhat(repository, digest),
      signal,
    });
  }

  /** Deletes what a tag points at, by its digest; returns the digest deleted. */
  async deleteTag(repository: string, tag: string, signal?: AbortSignal): Promise<string> {
    const { digest } = await this.headManifest(repository, tag, signal);
    await this.deleteManifest(repository, digest, signal);
    return digest;
  }

  /** `/v2/<repository>`, once the name is known to be one: nothing malformed goes into a URL. */
  repositoryPath(repository: string): string {
    if (!isRepositoryPath(repository)) throw new InvalidNameError(this.registry, 'repository', repository);
    return `/v2/${repository}`;
  }

  /** `/v2/<repository>/manifests/<tag or digest>`, both checked. */
  manifestPath(repository: string, reference: string): string {
    if (!isTag(reference) && !isDigest(reference))
      throw new InvalidNameError(this.registry, 'tag or digest', reference);
    return `${this.repositoryPath(repository)}/manifests/${reference}`;
  }

  private async listPage(
    path: string,
    field: 'repositories' | 'tags',
    scopes: string[],
    what: string,
    options: PageOptions,
  ): Promise<Page<string>> {
    const pageSize = clampPageSize(options.pageSize);
    if (options.cursor !== undefined) {
      const buffered = this.buffers.after(path, options.cursor);
      if (buffered) return slice(buffered, pageSize);
    }
    const query = new URLSearchParams({ n: String(pageSize) });
    if (options.cursor !== undefined) query.set('last', options.cursor);
    const exchange = await this.request(`${path}?${query}`, { scopes, what, signal: options.signal });
    const json = parseJson(exchange.body, this.registry, what);
    // Docker Hub answers `"tags": null` for a repository without tags.
    const items = isObject(json) && json[field] === null ? [] : isObject(json) ? json[field] : undefined;
    if (!isStringArray(items)) throw new MalformedResponseError(this.registry, what, `it has no "${field}" list`);
    const { page, whole } = pageFrom(
      this.validNames(items, field, what),
      exchange.headers.get('link'),
      pageSize,
      options.cursor,
    );
    if (whole) this.buffers.keep(path, whole);
    // A next page that is this one again, or that cannot be sent back, ends the list here.
    if (page.next !== undefined && (page.next === (options.cursor ?? '') || !isCursor(page.next))) {
      const reason = isCursor(page.next) ? Truncation.repeated : Truncation.unusable;
      return { items: page.items, truncated: truncationMessage(what, reason) };
    }
    return page;
  }

  /**
   * The entries of a tag list or catalog that are tags or repository names, without repeats. The
   * others (a tag holding a newline or an escape sequence, 200 characters, spaces) are left out,
   * with one log line per answer that counts them and never shows them.
   */
  private validNames(items: string[], field: 'repositories' | 'tags', what: string): string[] {
    const valid = field === 'tags' ? isTag : isRepositoryPath;
    const kept = [...new Set(items.filter(valid))];
    const dropped = items.filter((item) => !valid(item)).length;
    if (dropped)
      this.log?.(
        `${this.registry}: left out ${dropped} of ${items.length} entries of ${what} that are not valid ${field === 'tags' ? 'tags' : 'repository names'}`,
      );
    return kept;
  }

  private url(pathOrUrl: string): string {
    if (pathOrUrl.startsWith('/')) return this.endpoint.baseUrl + pathOrUrl;
    const url = new URL(pathOrUrl);
    // Upload locations may be absolute; credentials go to the registry's own origin only.
    if (url.origin !== new URL(this.endpoint.baseUrl).origin)
      throw new MalformedResponseError(this.registry, 'an upload location', 'it points to another host');
    return url.toString();
  }

  private async failure(exchange: Exchange, what: string, signal?: AbortSignal): Promise<Error> {
    const codes = errorCodes(exchange.body);
    switch (exchange.status) {
      case 403:
        return new DeniedError(this.registry, what);
      case 404:
        return new NotFoundError(this.registry, what);
      case 405:
        return new UnsupportedError(this.registry, `this operation on ${what}`, 405);
      case 429:
        return new RateLimitedError(this.registry);
      case 401:
        return new UnauthorizedError(this.registry, await this.auth.hasCredential(signal));
      default:
        if (codes.includes('UNSUPPORTED'))
          return new UnsupportedError(this.registry, `this operation on ${what}`, exchange.status);
        return new ServerError(this.registry, exchange.status, what, codes);
    }
  }
}

export function pull(repository: string): string {
  return `repository:${repository}:pull`;
}

export function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Whether a digest's algorithm is one this client can compute to check it. */
function hashable(digest: string): boolean {
  return digest.startsWith('sha256:') || digest.startsWith('sha512:');
}

/** The bytes' digest in the algorithm of `like` (sha256 or sha512). */
function digestOf(bytes: Uint8Array, like: string): string {
  const algorithm = like.slice(0, like.indexOf(':'));
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

/** An RFC 3339 time (`2024-05-01T10:00:00.123Z`) that parses; else undefined. */
function timestamp(value: unknown): string | undefined {
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/i.test(value)
  )
    return undefined;
  return Number.isNaN(Date.parse(value)) ? undefined : value;
}

function manifestWhat(repository: string, reference: string): string {
  return reference.includes(':') ? `manifest ${repository}@${reference}` : `tag ${repository}:${reference}`;
}

function contentType(exchange: Exchange): string {
  return mediaTypeOf((exchange.headers.get('content-type') ?? '').split(';')[0].trim()) ?? '';
}
