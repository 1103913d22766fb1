// Docker's own client config: `$DOCKER_CONFIG/config.json` or `~/.docker/config.json`.
// { "auths": { "https://index.docker.io/v1/": { "auth": base64("user:pass") },
//              "ghcr.io": { "auth": "…", "identitytoken": "…" } },
//   "credsStore": "desktop", "credHelpers": { "123.dkr.ecr.eu-west-1.amazonaws.com": "ecr-login" } }
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { registryKey } from '../endpoint';
import type { Credential } from './types';

export interface DockerAuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}

export interface DockerConfig {
  /** Keyed by registryKey() of Docker's keys, so `https://index.docker.io/v1/` is `docker.io`. */
  auths: Map<string, DockerAuthEntry>;
  credsStore?: string;
  /** Keyed by registryKey(). */
  credHelpers: Map<string, string>;
}

export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
  return path.join(env.DOCKER_CONFIG || path.join(home, '.docker'), 'config.json');
}

/** Parses config.json; the error names the problem (never the file's content, which holds secrets). */
export function parseDockerConfig(text: string, file = 'config.json'): DockerConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON: Docker's credentials in it are not used`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new Error(`${file} is not a JSON object: Docker's credentials in it are not used`);
  const raw = json as { auths?: unknown; credsStore?: unknown; credHelpers?: unknown };
  const auths = new Map<string, DockerAuthEntry>();
  for (const [key, entry] of objectEntries(raw.auths)) {
    if (typeof entry !== 'object' || entry === null) continue;
    const e = entry as Record<string, unknown>;
    const pick = (name: string) => (typeof e[name] === 'string' && e[name] ? (e[name] as string) : undefined);
    auths.set(registryKey(key), {
      auth: pick('auth'),
      username: pick('username'),
      password: pick('password'),
      identitytoken: pick('identitytoken'),
    });
  }
  const credHelpers = new Map<string, string>();
  for (const [key, helper] of objectEntries(raw.credHelpers)) {
    if (typeof helper === 'string' && helper) credHelpers.set(registryKey(key), helper);
  }
  const credsStore = typeof raw.credsStore === 'string' && raw.credsStore ? raw.credsStore : undefined;
  return { auths, credsStore, credHelpers };
}

/** The file's config; undefined when there is none. Throws (with a clear message) only for a broken file. */
export async function readDockerConfig(file: string = dockerConfigPath()): Promise<DockerConfig | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}`, {
      cause: error,
    });
  }
  return parseDockerConfig(text, file);
}

/** The credential of an `auths` entry: `auth` is base64 of `user:password`; `identitytoken` wins over the password. */
export function credentialFromEntry(entry: DockerAuthEntry | undefined): Credential | undefined {
  if (!entry) return undefined;
  let username = entry.username;
  let password = entry.password;
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      username = decoded.slice(0, colon);
      password = decoded.slice(colon + 1);
    }
  }
  if (entry.identitytoken)
    return { kind: 'identity-token', token: entry.identitytoken, ...(username ? { username } : {}) };
  if (username && password) return { kind: 'password', username, password };
  return undefined;
}

/** The helper Docker would ask for this registry: its credHelpers entry, else credsStore. */
export function helperFor(config: DockerConfig, registry: string): string | undefined {
  return config.credHelpers.get(registryKey(registry)) ?? config.credsStore;
}

function objectEntries(value: unknown): [string, unknown][] {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : [];
}
