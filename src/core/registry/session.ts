// Log In and Log Out for credentials typed into Dockwright. A log-in is checked against the
// registry before anything is stored, so a wrong password is never kept.
import { RegistryClient, type RegistryClientOptions } from './client';
import { dockerCredential } from './credentials/chain';
import type { Credential, CredentialStore } from './credentials/types';
import { registryKey } from './endpoint';

export interface LogInOptions extends Omit<RegistryClientOptions, 'credentials'> {
  signal?: AbortSignal;
  /** Clients to reset once the credential is stored, so their next call uses it. */
  clients?: RegistryClient[];
  /** Docker's config.json, when not the usual one. */
  dockerConfigFile?: string;
}

export interface LogInResult {
  /** Docker's own config has credentials for the registry too, and they come first. */
  dockerComesFirst: boolean;
}

/** Verifies the credential with `GET /v2/` (through the token service when there is one), then stores it. */
export async function logIn(
  registry: string,
  credential: Credential,
  store: CredentialStore,
  options: LogInOptions = {},
): Promise<LogInResult> {
  const { clients = [], signal, dockerConfigFile, ...clientOptions } = options;
  const probe = new RegistryClient(registry, { ...clientOptions, credentials: async () => credential });
  await probe.ping(signal);
  await store.set(registryKey(registry), credential);
  resetClients(registry, clients);
  return { dockerComesFirst: (await dockerCredential(registry, { dockerConfigFile, signal })) !== undefined };
}

export interface LogOutResult {
  /** Docker's own config still has credentials for it, so it stays reachable through them. */
  dockerStillLoggedIn: boolean;
}

/** Removes the stored credential and forgets every token the given clients hold for the registry. */
export async function logOut(
  registry: string,
  store: CredentialStore,
  clients: RegistryClient[] = [],
  dockerConfigFile?: string,
): Promise<LogOutResult> {
  await store.delete(registryKey(registry));
  resetClients(registry, clients);
  return { dockerStillLoggedIn: (await dockerCredential(registry, { dockerConfigFile })) !== undefined };
}

function resetClients(registry: string, clients: RegistryClient[]): void {
  for (const client of clients) if (client.registry === registryKey(registry)) client.reset();
}
