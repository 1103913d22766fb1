// A CredentialStore in memory: for tests and for runs without an editor (the CLI). The editor's
// store keeps them in SecretStorage instead.
import { registryKey } from '../endpoint';
import type { Credential, CredentialStore } from './types';

export class MemoryCredentialStore implements CredentialStore {
  private readonly entries = new Map<string, Credential>();

  async get(registry: string): Promise<Credential | undefined> {
    return this.entries.get(registryKey(registry));
  }

  async set(registry: string, credential: Credential): Promise<void> {
    this.entries.set(registryKey(registry), { ...credential });
  }

  async delete(registry: string): Promise<void> {
    this.entries.delete(registryKey(registry));
  }

  get size(): number {
    return this.entries.size;
  }
}
