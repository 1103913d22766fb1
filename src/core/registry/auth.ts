// Authentication for one registry: Basic, or Bearer tokens from the token service the
// WWW-Authenticate challenge names. Tokens are cached per scope until they expire and fetched again
// when the registry answers 401. Once a challenge is known, headers are sent up front, saving a
// round trip on every later call.
import { parseChallenge, type Challenge } from './challenge';
import type { Credential, CredentialSource } from './credentials/types';
import type { RegistryEndpoint } from './endpoint';
import { AbortedError, MalformedResponseError, ServerError, UnauthorizedError } from './errors';
import { errorCodes, parseJson } from './json';
import { TokenCache } from './tokenCache';
import type { Transport } from './transport';

export class Authenticator {
  private challenge?: Challenge;
  private credential?: Promise<Credential | undefined>;
  /** Token requests in flight, so that parallel calls (a tree expanding) share one. */
  private readonly fetching = new Map<string, Promise<string>>();

  constructor(
    private readonly endpoint: RegistryEndpoint,
    private readonly transport: Transport,
    private readonly credentials: CredentialSource | undefined,
    readonly tokens: TokenCache,
  ) {
    this.challenge = endpoint.knownChallenge;
  }

  /** The Authorization header to send before any challenge of this call, when one is known. */
  async header(scopes: string[], signal?: AbortSignal): Promise<string | undefined> {
    const challenge = this.challenge;
    if (!challenge) return undefined;
    if (challenge.scheme === 'basic') return this.basicHeader(await this.loadCredential(signal));
    return this.bearerHeader(challenge, scopes, signal);
  }

  /**
   * After a 401: the header to retry with, fetched afresh. Throws UnauthorizedError when there is
   * nothing new to try (no credentials for Basic, or the same header was just refused).
   */
  async afterUnauthorized(
    wwwAuthenticate: string | null,
    scopes: string[],
    refused: string | undefined,
    signal?: AbortSignal,
  ): Promise<string> {
    const challenge = parseChallenge(wwwAuthenticate) ?? this.challenge;
    const credential = await this.loadCredential(signal);
    if (!challenge) throw new UnauthorizedError(this.endpoint.key, credential !== undefined);
    this.challenge = { ...challenge, scopes: [] };
    if (challenge.scheme === 'basic') {
      const header = this.basicHeader(credential);
      if (!header || header === refused) throw new UnauthorizedError(this.endpoint.key, credential !== undefined);
      return header;
    }
    const wanted = challenge.scopes.length ? challenge.scopes : scopes;
    const key = this.tokenKey(challenge, wanted);
    // Drop the cached token only if it is the one refused: a parallel call may have cached a fresh one.
    if (refused === `Bearer ${this.tokens.get(key)}`) this.tokens.delete(key);
    const header = await this.bearerHeader(challenge, wanted, signal);
    if (header === refused) throw new UnauthorizedError(this.endpoint.key, credential !== undefined);
    return header;
  }

  /** Whether credentials were found for the registry (for the wording of errors). */
  async hasCredential(signal?: AbortSignal): Promise<boolean> {
    return (await this.loadCredential(signal)) !== undefined;
  }

  /** Forget tokens and credentials: after Log In or Log Out. */
  reset(): void {
    this.tokens.clear();
    this.credential = undefined;
    this.challenge = this.endpoint.knownChallenge;
  }

  private loadCredential(signal?: AbortSignal): Promise<Credential | undefined> {
    // One lookup serves every call (sources never throw: a missing helper means no credential). It
    // is not tied to the first caller's signal, or one cancelled call would leave the client anonymous.
    this.credential ??= this.credentials
      ? this.credentials(this.endpoint.key).catch(() => undefined)
      : Promise.resolve(undefined);
    return this.unlessAborted(this.credential, signal);
  }

  private basicHeader(credential: Credential | undefined): string | undefined {
    if (credential?.kind !== 'password') return undefined;
    return `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
  }

  private tokenKey(challenge: Challenge, scopes: string[]): string {
    return TokenCache.key(challenge.realm ?? '', challenge.service, scopes);
  }

  private async bearerHeader(challenge: Challenge, scopes: string[], signal?: AbortSignal): Promise<string> {
    const key = this.tokenKey(challenge, scopes);
    const cached = this.tokens.get(key);
    if (cached) return `Bearer ${cached}`;
    let pending = this.fetching.get(key);
    if (!pending) {
      // Shared, so not tied to one caller's signal; the transport's timeout bounds it.
      pending = this.fetchToken(challenge, scopes)
        .then((answer) => {
          this.tokens.set(key, answer.token, answer.expiresIn, answer.issuedAt);
          return answer.token;
        })
        .finally(() => this.fetching.delete(key));
      this.fetching.set(key, pending);
    }
    return `Bearer ${await this.unlessAborted(pending, signal)}`;
  }

  /** The shared token, or AbortedError as soon as this caller's signal fires. */
  private unlessAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
    if (!signal) return promise;
    if (signal.aborted) return Promise.reject(new AbortedError(this.endpoint.key));
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(new AbortedError(this.endpoint.key));
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  /** Docker's token flow: GET with Basic for a password, the OAuth2 refresh grant for an identity token. */
  private async fetchToken(
    challenge: Challenge,
    scopes: string[],
  ): Promise<{ token: string; expiresIn?: number; issuedAt?: string }> {
    const registry = this.endpoint.key;
    const what = 'a token';
    let realm: URL;
    try {
      realm = new URL(challenge.realm ?? '');
      if (realm.protocol !== 'https:' && realm.protocol !== 'http:') throw new Error('scheme');
    } catch {
      throw new MalformedResponseError(
        registry,
        'its authentication challenge',
        'the token realm is not an http(s) URL',
      );
    }
    const credential = await this.loadCredential();
    const headers: Record<string, string> = { Accept: 'application/json' };
    let method = 'GET';
    let body: string | undefined;
    if (credential?.kind === 'identity-token') {
      method = 'POST';
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: credential.token,
        client_id: 'dockwright',
      });
      if (challenge.service) form.set('service', challenge.service);
      if (scopes.length) form.set('scope', scopes.join(' '));
      body = form.toString();
    } else {
      if (challenge.service) realm.searchParams.set('service', challenge.service);
      for (const scope of scopes) realm.searchParams.append('scope', scope);
      if (credential) {
        realm.searchParams.set('account', credential.username);
        headers.Authorization = this.basicHeader(credential)!;
      }
    }
    const exchange = await this.transport.send(realm.toString(), { method, headers, body, what });
    if (exchange.status === 401 || exchange.status === 403)
      throw new UnauthorizedError(registry, credential !== undefined, exchange.status);
    if (exchange.status !== 200) throw new ServerError(registry, exchange.status, what, errorCodes(exchange.body));
    const answer = parseJson(exchange.body, registry, what) as {
      token?: unknown;
      access_token?: unknown;
      expires_in?: unknown;
      issued_at?: unknown;
    };
    const token = typeof answer?.token === 'string' && answer.token ? answer.token : answer?.access_token;
    if (typeof token !== 'string' || !token) throw new MalformedResponseError(registry, what, 'it holds no token');
    // It goes into an Authorization header: a token with a line break could add headers of its own.
    if (token.length > 64 * 1024 || !/^[\x21-\x7e]+$/.test(token))
      throw new MalformedResponseError(registry, what, 'its token has characters a header cannot carry');
    return {
      token,
      expiresIn: typeof answer.expires_in === 'number' ? answer.expires_in : undefined,
      issuedAt: typeof answer.issued_at === 'string' ? answer.issued_at : undefined,
    };
  }
}
