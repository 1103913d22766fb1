// Where a registry lives and what it offers: the host a user writes (`docker.io`, `ghcr.io`,
// `127.0.0.1:5000`, `https://registry.example.com`) becomes a base URL, a kind and its quirks.
import { DOCKER_HUB, isRegistryHost } from '../dockerfile/imageRef';
import type { Challenge } from './challenge';
import { shownName } from './errors';

export type RegistryKind = 'docker-hub' | 'ghcr' | 'generic';

export interface RegistryEndpoint {
  /** The normalised host, e.g. `docker.io`, `127.0.0.1:5000`: the key for credentials and caches. */
  key: string;
  /** Where the V2 API answers, e.g. `https://registry-1.docker.io`. */
  baseUrl: string;
  kind: RegistryKind;
  /** Whether `/v2/_catalog` lists repositories (Docker Hub and GHCR have none). */
  hasCatalog: boolean;
  /** The challenge known in advance, saving the first 401 round trip. */
  knownChallenge?: Challenge;
  /** The server name Docker's credential helpers and config.json know this registry by. */
  credentialServer: string;
}

const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/** `https://index.docker.io/v1/`, `docker.io`, `HTTP://127.0.0.1:5000/v2/` → `docker.io`, `127.0.0.1:5000`. */
export function registryKey(hostOrUrl: string): string {
  let host = hostOrUrl.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  host = host
    .replace(/[/?#].*$/, '')
    .replace(/^.*@/, '')
    .toLowerCase();
  return HUB_ALIASES.has(host) ? DOCKER_HUB : host;
}

/** Docker talks plain HTTP to loopback registries without being told; everything else is HTTPS. */
export function isLoopback(host: string): boolean {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name);
}

export interface EndpointOptions {
  /** Plain HTTP for this registry even off loopback (Docker's `insecure-registries`). */
  insecure?: boolean;
}

export function registryEndpoint(hostOrUrl: string, options: EndpointOptions = {}): RegistryEndpoint {
  const key = registryKey(hostOrUrl);
  // Only a host Docker's reference grammar allows: it goes into URLs, pull commands and FROM lines.
  if (!isRegistryHost(key))
    throw new Error(`${shownName(hostOrUrl)} is not a registry address (e.g. ghcr.io or 127.0.0.1:5000)`);
  const explicitScheme = /^(https?):\/\//i.exec(hostOrUrl.trim())?.[1]?.toLowerCase();
  if (key === DOCKER_HUB) {
    return {
      key,
      baseUrl: 'https://registry-1.docker.io',
      kind: 'docker-hub',
      hasCatalog: false,
      knownChallenge: {
        scheme: 'bearer',
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scopes: [],
      },
      credentialServer: 'https://index.docker.io/v1/',
    };
  }
  const scheme = explicitScheme ?? (options.insecure || isLoopback(key) ? 'http' : 'https');
  if (key === 'ghcr.io') {
    return {
      key,
      baseUrl: `${scheme}://${key}`,
      kind: 'ghcr',
      hasCatalog: false,
      knownChallenge: { scheme: 'bearer', realm: 'https://ghcr.io/token', service: 'ghcr.io', scopes: [] },
      credentialServer: key,
    };
  }
  return { key, baseUrl: `${scheme}://${key}`, kind: 'generic', hasCatalog: true, credentialServer: key };
}
