// Log In and Log Out for credentials typed into Dockwright. A log-in is checked against the
// registry before anything is stored, so a wrong password is never kept.
import { RegistryClient, type RegistryClientOptions } from './client';
import { dockerCredential } from './credentials/chain';
import type { Credential, CredentialStore } from './credentials/types';
import { registryKey } from './endpoint';

/** Verifies the credential with `GET /v2/` (through the token service when there is one), then stores it. */
export async function logIn(registry: string, credential: Credential, store: CredentialStore, options: Omit<RegistryClientOptions, 'credentials'> & { signal?: AbortSignal } = {}): Promise<void> {
  const probe = new RegistryClient(registry, { ...options, credentials: async () => credential });
  await probe.ping(options.signal);
  await store.set(registryKey(registry), credential);
}

export interface LogOutResult {
  /** Docker's own config still has credentials for it, so it stays reachable through them. */
  dockerStillLoggedIn: boolean;
}

/** Removes the stored credential and forgets every token the given clients hold for the registry. */
export async function logOut(registry: string, store: CredentialStore, clients: RegistryClient[] = [], dockerConfigFile?: string): Promise<LogOutResult> {
  await store.delete(registryKey(registry));
  for (const client of clients) if (client.registry === registryKey(registry)) client.reset();
  return { dockerStillLoggedIn: (await dockerCredential(registry, { dockerConfigFile })) !== undefined };
}
