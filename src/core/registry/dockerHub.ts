// Docker Hub has no catalog; its own API lists a namespace's repositories instead:
// GET https://hub.docker.com/v2/repositories/<namespace>/?page_size=100 →
// {"count": 3, "next": "https://hub.docker.com/v2/repositories/<ns>/?page=2&page_size=100", "results": [{"name": "app", …}]}
import { isRepositoryPath } from '../dockerfile/imageRef';
import { MalformedResponseError, NotFoundError, ServerError } from './errors';
import { errorCodes, isObject, parseJson } from './json';
import { Truncation, truncationMessage, type Page } from './paging';
import { Transport, type TransportOptions } from './transport';

const HUB_API = 'https://hub.docker.com';

export interface HubListOptions {
  pageSize?: number;
  /** `next` of the previous page. */
  cursor?: string;
  signal?: AbortSignal;
}

/** Public repositories of a Docker Hub user or organisation, as `namespace/name`. */
export class DockerHubRepositories {
  private readonly transport: Transport;
  private readonly apiBase: string;
  private readonly log?: (line: string) => void;

  /** `apiBase` is for tests on 127.0.0.1; Hub's own address otherwise. */
  constructor(options: TransportOptions & { apiBase?: string } = {}) {
    this.transport = new Transport('hub.docker.com', options);
    this.apiBase = options.apiBase ?? HUB_API;
    this.log = options.log;
  }

  async list(namespace: string, options: HubListOptions = {}): Promise<Page<string>> {
    if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(namespace))
      throw new Error(`"${namespace}" is not a Docker Hub namespace (lower-case letters, digits, . _ -)`);
    const what = `namespace ${namespace}`;
    const pageSize = Math.min(100, Math.max(1, options.pageSize ?? 100));
    const first = `${this.apiBase}/v2/repositories/${namespace}/?page_size=${pageSize}`;
    // The cursor is Hub's own `next` URL, as list() gave it: only ever followed on Hub's origin.
    if (options.cursor !== undefined && !this.onHub(options.cursor))
      throw new MalformedResponseError('hub.docker.com', what, 'the next page is not on Docker Hub');
    const url = options.cursor ?? first;
    const exchange = await this.transport.send(url, {
      headers: { Accept: 'application/json' },
      signal: options.signal,
      what,
    });
    if (exchange.status === 404) throw new NotFoundError('docker.io', what);
    if (exchange.status !== 200)
      throw new ServerError('hub.docker.com', exchange.status, what, errorCodes(exchange.body));
    const json = parseJson(exchange.body, 'hub.docker.com', what);
    if (!isObject(json) || !Array.isArray(json.results))
      throw new MalformedResponseError('hub.docker.com', what, 'it has no "results" list');
    const names = json.results
      .filter(isObject)
      .map((r) =>
        typeof r.name === 'string'
          ? `${typeof r.namespace === 'string' ? r.namespace : namespace}/${r.name}`
          : undefined,
      )
      .filter((name): name is string => name !== undefined);
    // Only names Docker can pull: one with a newline or an escape sequence is left out, counted once.
    const items = [...new Set(names.filter(isRepositoryPath))];
    const dropped = names.filter((name) => !isRepositoryPath(name)).length;
    if (dropped)
      this.log?.(
        `hub.docker.com: left out ${dropped} of ${names.length} entries of ${what} that are not valid repository names`,
      );
    if (typeof json.next !== 'string' || !json.next) return { items };
    // A next page on another host is not followed, nor one that is this page again.
    if (!this.onHub(json.next)) return { items, truncated: truncationMessage(what, Truncation.unusable) };
    if (new URL(json.next).href === new URL(url).href)
      return { items, truncated: truncationMessage(what, Truncation.repeated) };
    return { items, next: json.next };
  }

  /** An http(s) URL on the API's own origin, short enough to send. */
  private onHub(url: string): boolean {
    if (url.length > 2048 || !URL.canParse(url)) return false;
    const parsed = new URL(url);
    return parsed.origin === new URL(this.apiBase).origin && !parsed.username && !parsed.password;
  }
}
