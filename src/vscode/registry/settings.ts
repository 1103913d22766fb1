// `dockwright.registries`: the registries the view lists besides those in Docker's config.
import * as vscode from 'vscode';

export interface RegistrySetting {
  /** Host, e.g. `ghcr.io` or `127.0.0.1:5000`. */
  url: string;
  /** Plain HTTP off loopback (Docker's insecure-registries). */
  insecure?: boolean;
  /** Repositories to show where the registry has no catalog (GHCR, Docker Hub), e.g. `org/app`. */
  repositories?: string[];
  /** Docker Hub namespaces whose repositories to list. */
  namespaces?: string[];
  /** Sign with cosign's transparency log (Rekor); unset: on, except for loopback registries. */
  transparencyLog?: boolean;
}

/** The setting, with entries that are not understood left out and named. */
export function readRegistrySettings(): { registries: RegistrySetting[]; errors: string[] } {
  const raw = vscode.workspace.getConfiguration('dockwright').get<unknown>('registries', []);
  const registries: RegistrySetting[] = [];
  const errors: string[] = [];
  if (!Array.isArray(raw))
    return { registries, errors: ['dockwright.registries should be a list of { "url": "host" } entries'] };
  for (const entry of raw) {
    const value = typeof entry === 'string' ? { url: entry } : entry;
    if (!value || typeof value !== 'object' || typeof value.url !== 'string' || !value.url.trim()) {
      errors.push(`dockwright.registries: ${JSON.stringify(entry)} has no "url"`);
      continue;
    }
    const strings = (v: unknown) =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
    registries.push({
      url: value.url.trim(),
      insecure: value.insecure === true,
      repositories: strings(value.repositories),
      namespaces: strings(value.namespaces),
      ...(typeof value.transparencyLog === 'boolean' ? { transparencyLog: value.transparencyLog } : {}),
    });
  }
  return { registries, errors };
}

/** Adds a registry to the user's settings (Add Registry). */
export async function addRegistrySetting(url: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('dockwright');
  const current = config.get<unknown[]>('registries', []) ?? [];
  await config.update('registries', [...current, { url }], vscode.ConfigurationTarget.Global);
}
