// One RegistryClient per registry, shared by the tree view and the rules' resolver so that
// tokens and challenges are learned once.
import { RegistryClient, type RegistryClientOptions } from './client';
import { registryKey } from './endpoint';

export class RegistryClients {
  private readonly clients = new Map<string, RegistryClient>();

  /** `perRegistry` adds options for one registry, e.g. `insecure` from the settings. */
  constructor(
    private readonly options: RegistryClientOptions = {},
    private readonly perRegistry: (key: string) => Partial<RegistryClientOptions> = () => ({}),
  ) {}

  get(registry: string): RegistryClient {
    const key = registryKey(registry);
    let client = this.clients.get(key);
    if (!client) {
      client = new RegistryClient(key, { ...this.options, ...this.perRegistry(key) });
      this.clients.set(key, client);
    }
    return client;
  }

  /** Every client, e.g. for Log Out. */
  all(): RegistryClient[] {
    return [...this.clients.values()];
  }

  /** Drops a registry's client (after its settings changed), or all of them. */
  forget(registry?: string): void {
    if (registry === undefined) this.clients.clear();
    else this.clients.delete(registryKey(registry));
  }
}
