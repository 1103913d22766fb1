// One HTTP exchange with a registry, made safe: a timeout and the caller's AbortSignal on every
// attempt (body included), bounded retries with backoff on 429/502/503/504 honouring Retry-After,
// and a cap on how much of a body is read. It knows nothing of auth or of the API's shapes.
import {
  AbortedError,
  NetworkError,
  RateLimitedError,
  RegistryError,
  ResponseTooLargeError,
  TimeoutError,
} from './errors';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface TransportOptions {
  /** The fetch to use (tests and the bench wrap it); `globalThis.fetch` when absent. */
  fetch?: FetchLike;
  /** Each attempt, from sending to the last body byte. Default 15 s. */
  timeoutMs?: number;
  /** Retries after the first attempt on 429/502/503/504. Default 3. */
  retries?: number;
  /** First backoff when no Retry-After is given; it doubles each retry. Default 250 ms. */
  backoffMs?: number;
  /** Longest wait before a retry; a longer Retry-After fails at once instead. Default 10 s. */
  maxRetryDelayMs?: number;
  /** Largest body read. Default 8 MiB (manifests are limited to 4 MiB by the distribution spec). */
  maxBodyBytes?: number;
  /** Injected for tests: waits ms unless the signal fires first. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** One line per exchange for an output channel: method, URL path, status, time. Never headers. */
  log?: (line: string) => void;
}

export interface Exchange {
  status: number;
  headers: Headers;
  /** The body, read within the cap (empty for HEAD and when not asked for). */
  body: Uint8Array;
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
  signal?: AbortSignal;
  /** What is asked for, as a noun for error messages: `repository app`, `tag app:1`. */
  what: string;
  /** Read the body (default true except for HEAD). */
  readBody?: boolean;
}

const RETRY_STATUSES = new Set([429, 502, 503, 504]);

export class Transport {
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly backoffMs: number;
  readonly maxRetryDelayMs: number;
  readonly maxBodyBytes: number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly log?: (line: string) => void;

  constructor(
    readonly registry: string,
    options: TransportOptions = {},
  ) {
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.retries = options.retries ?? 3;
    this.backoffMs = options.backoffMs ?? 250;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 10_000;
    this.maxBodyBytes = options.maxBodyBytes ?? 8 * 1024 * 1024;
    this.sleep = options.sleep ?? abortableSleep;
    this.log = options.log;
  }

  /** Sends with retries; any status that is not retried comes back for the caller to judge. */
  async send(url: string, options: SendOptions): Promise<Exchange> {
    for (let attempt = 0; ; attempt++) {
      const exchange = await this.attempt(url, options);
      if (!RETRY_STATUSES.has(exchange.status)) return exchange;
      const delay = retryDelay(exchange.headers.get('retry-after'), this.backoffMs * 2 ** attempt);
      if (attempt >= this.retries || delay > this.maxRetryDelayMs) {
        if (exchange.status === 429) throw new RateLimitedError(this.registry, delay);
        return exchange;
      }
      this.log?.(`retrying in ${delay} ms after HTTP ${exchange.status}`);
      try {
        await this.sleep(delay, options.signal);
      } catch {
        throw new AbortedError(this.registry);
      }
    }
  }

  private async attempt(url: string, options: SendOptions): Promise<Exchange> {
    const method = options.method ?? 'GET';
    if (options.signal?.aborted) throw new AbortedError(this.registry);
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const started = Date.now();
    const failure = (error: unknown): RegistryError => {
      if (error instanceof RegistryError) return error;
      if (options.signal?.aborted) return new AbortedError(this.registry);
      if (timeout.aborted) return new TimeoutError(this.registry, this.timeoutMs);
      return new NetworkError(this.registry, networkReason(error));
    };
    let response: Response;
    try {
      response = await this.fetch(url, {
        method,
        headers: options.headers,
        body: options.body,
        signal,
        redirect: 'follow',
      });
    } catch (error) {
      throw failure(error);
    }
    try {
      const wanted = options.readBody ?? method !== 'HEAD';
      const body = wanted
        ? await readCapped(
            response,
            this.maxBodyBytes,
            () => new ResponseTooLargeError(this.registry, options.what, this.maxBodyBytes),
          )
        : new Uint8Array();
      if (!wanted) await response.body?.cancel().catch(() => undefined);
      this.log?.(`${method} ${pathOf(url)} → ${response.status} (${Date.now() - started} ms)`);
      return { status: response.status, headers: response.headers, body };
    } catch (error) {
      await response.body?.cancel().catch(() => undefined);
      throw failure(error);
    }
  }
}

/** Reads a body chunk by chunk, refusing it as soon as it passes the cap (Content-Length first). */
async function readCapped(response: Response, cap: number, tooLarge: () => Error): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > cap) throw tooLarge();
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** Retry-After in seconds or as an HTTP date; the backoff when absent or unreadable. */
export function retryDelay(header: string | null, backoffMs: number, now = Date.now()): number {
  if (header) {
    const seconds = Number(header.trim());
    if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  return backoffMs;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The system's reason (ECONNREFUSED, ENOTFOUND…) from fetch's wrapped cause, never a header. */
function networkReason(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code))
      return code === 'ECONNREFUSED' ? 'connection refused' : code;
    current = (current as { cause?: unknown }).cause;
  }
  return 'the connection failed';
}

/** Path and query only: a URL with user info would otherwise leak it into the log. */
function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.host}${parsed.pathname}${parsed.search}`;
}
