// Bearer tokens kept until shortly before they expire, one per (realm, service, scopes).

export interface CachedToken {
  token: string;
  /** Epoch ms after which the token is not sent any more. */
  expiresAt: number;
}

/** Tokens are dropped this long before their stated expiry, so none expires in flight. */
const EARLY_MS = 10_000;
/** The token spec's default lifetime when the answer gives none. */
const DEFAULT_LIFETIME_S = 60;

export class TokenCache {
  private readonly tokens = new Map<string, CachedToken>();

  constructor(private readonly now: () => number = Date.now) {}

  static key(realm: string, service: string | undefined, scopes: string[]): string {
    return [realm, service ?? '', ...[...scopes].sort()].join('\n');
  }

  get(key: string): string | undefined {
    const cached = this.tokens.get(key);
    if (!cached) return undefined;
    if (this.now() >= cached.expiresAt) {
      this.tokens.delete(key);
      return undefined;
    }
    return cached.token;
  }

  /** `expiresIn` in seconds and `issuedAt` as given by the token service. */
  set(key: string, token: string, expiresIn?: number, issuedAt?: string): void {
    const issued = issuedAt ? Date.parse(issuedAt) : NaN;
    // Trust the issue time only when it is close to our clock; skewed clocks would expire tokens at once.
    const start = Number.isNaN(issued) || Math.abs(issued - this.now()) > 60_000 ? this.now() : issued;
    const lifetime = (expiresIn && expiresIn > 0 ? expiresIn : DEFAULT_LIFETIME_S) * 1000;
    this.tokens.set(key, { token, expiresAt: start + Math.max(lifetime - EARLY_MS, lifetime / 2) });
  }

  delete(key: string): void {
    this.tokens.delete(key);
  }

  clear(): void {
    this.tokens.clear();
  }

  get size(): number {
    return this.tokens.size;
  }
}
