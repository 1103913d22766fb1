// The ImageResolver the pin-base-image and pin-digest fixes use. Answers are cached for a while;
// any failure (offline, no credentials, a registry error) resolves to "nothing" so that no fix is
// offered and no error reaches the rules; failure() says why, for the editor to tell the user.
import { isDigest, isTag, parseImageRef } from '../dockerfile/imageRef';
import type { ImageResolver } from '../rule';
import type { RegistryClient } from './client';
import { sortTagsNewestFirst } from './tagOrder';

export interface ResolverOptions {
  /** The client for a registry host (a RegistryClients pool's `get`). */
  clientFor: (registry: string) => RegistryClient;
  /** How long answers are kept. Default 10 minutes. */
  ttlMs?: number;
  /** How long a failure is remembered, so an offline editor does not ask again on every keystroke. Default 30 s. */
  failureTtlMs?: number;
  /** Most tags read for one image. Default 10,000. */
  maxTags?: number;
  now?: () => number;
  /** Why an answer was empty, for the output channel. */
  log?: (line: string) => void;
}

interface Entry<T> {
  value: T;
  /** The registry's error, for an entry that remembers a failure. */
  error?: string;
  expires: number;
}

export class RegistryImageResolver implements ImageResolver {
  private readonly cache = new Map<string, Entry<unknown>>();
  private readonly now: () => number;

  constructor(private readonly options: ResolverOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Tags of `image` (its tag or digest, if written, is ignored), newest first; [] on any failure. */
  listTags(image: string, signal?: AbortSignal): Promise<string[]> {
    const ref = parseImageRef(image);
    if (ref.hasVariable || !ref.path) return Promise.resolve([]);
    return this.cached(`tags ${ref.domain}/${ref.path}`, [], signal, async () => {
      const tags = await this.options
        .clientFor(ref.domain)
        .allTags(ref.path, { signal, limit: this.options.maxTags ?? 10_000 });
      // The client checked them already; the fixes write them into the Dockerfile, so once more.
      return sortTagsNewestFirst(tags.filter(isTag));
    });
  }

  /** The digest `image:tag` points at now (an index's own digest for multi-platform images). */
  digest(imageWithTag: string, signal?: AbortSignal): Promise<string | undefined> {
    const ref = parseImageRef(imageWithTag);
    if (ref.hasVariable || !ref.path) return Promise.resolve(undefined);
    if (ref.digest) return Promise.resolve(ref.digest);
    const tag = ref.tag ?? 'latest';
    return this.cached(`digest ${ref.domain}/${ref.path}:${tag}`, undefined, signal, async () => {
      const { digest } = await this.options.clientFor(ref.domain).headManifest(ref.path, tag, signal);
      return isDigest(digest) ? digest : undefined;
    });
  }

  /** Why the last look-up of the image (its tags, or its tag's digest) came back empty, while that failure is remembered. */
  failure(image: string): string | undefined {
    const ref = parseImageRef(image);
    const repository = `${ref.domain}/${ref.path}`;
    const keys = [`digest ${repository}:${ref.tag ?? 'latest'}`, `tags ${repository}`];
    return keys.map((key) => this.cache.get(key)).find((e) => e?.error && e.expires > this.now())?.error;
  }

  /** Forget every answer (Refresh). */
  clear(): void {
    this.cache.clear();
  }

  private async cached<T>(key: string, empty: T, signal: AbortSignal | undefined, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit && hit.expires > this.now()) return hit.value as T;
    try {
      const value = await load();
      this.cache.set(key, { value, expires: this.now() + (this.options.ttlMs ?? 600_000) });
      return value;
    } catch (caught) {
      const error = caught instanceof Error ? caught.message : String(caught);
      // A cancelled call says nothing about the registry: do not remember it.
      if (!signal?.aborted)
        this.cache.set(key, { value: empty, error, expires: this.now() + (this.options.failureTtlMs ?? 30_000) });
      this.options.log?.(`no registry answer for ${key.slice(key.indexOf(' ') + 1)}: ${error}`);
      return empty;
    }
  }
}
