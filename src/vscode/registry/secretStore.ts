// Credentials typed into Dockwright live in VS Code's SecretStorage (the OS keychain), never in
// settings or logs.
import type * as vscode from 'vscode';
import type { Credential, CredentialStore } from '../../core/registry/credentials/types';

const PREFIX = 'dockwright.registry:';

export class SecretStorageCredentialStore implements CredentialStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(registry: string): Promise<Credential | undefined> {
    const text = await this.secrets.get(PREFIX + registry);
    if (!text) return undefined;
    try {
      return JSON.parse(text) as Credential;
    } catch {
      return undefined; // an unreadable entry is as good as none; Log In writes a fresh one
    }
  }

  async set(registry: string, credential: Credential): Promise<void> {
    await this.secrets.store(PREFIX + registry, JSON.stringify(credential));
  }

  async delete(registry: string): Promise<void> {
    await this.secrets.delete(PREFIX + registry);
  }
}
