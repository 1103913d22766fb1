// The registry side of the extension: one pool of clients (shared by the view and the pin fixes),
// credentials from Docker's own config and helpers first and SecretStorage after, all loaded on first use.
import * as vscode from 'vscode';
import type { ImageResolver } from '../../core/rule';
import type { RegistryClient, RegistryClients } from '../../core/registry';
import type { LoadCore } from '../coreBundle';
import type { Log } from '../log';
import { SecretStorageCredentialStore } from './secretStore';
import { readRegistrySettings, type RegistrySetting } from './settings';

export interface RegistryEntry {
  /** Normalised host, e.g. `127.0.0.1:5000`. */
  key: string;
  setting?: RegistrySetting;
  /** Known from Docker's config.json (auths, credHelpers). */
  fromDocker: boolean;
}

export class RegistryService implements vscode.Disposable {
  readonly store: SecretStorageCredentialStore;
  private pool?: Promise<RegistryClients>;
  private imageResolver?: Promise<ImageResolver>;
  private readonly listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration('dockwright.registries')) return;
    // the resolver holds the pool's clients: both go, so `insecure` and new entries apply
    this.pool = undefined;
    this.imageResolver = undefined;
  });

  constructor(
    private readonly loadCore: LoadCore,
    secrets: vscode.SecretStorage,
    private readonly log: Log,
  ) {
    this.store = new SecretStorageCredentialStore(secrets);
  }

  /** The registry module of the lazily loaded core. */
  async core() {
    return (await this.loadCore()).registry;
  }

  /** The signing module of the lazily loaded core. */
  async signing() {
    return (await this.loadCore()).signing;
  }

  clients(): Promise<RegistryClients> {
    this.pool ??= this.core().then((registry) => {
      const credentials = registry.credentialChain({
        store: this.store,
        log: (line) => this.log.info(`registry credentials: ${line}`),
      });
      return new registry.RegistryClients({ credentials }, (key) => clientOptions(registry.registryKey, key));
    });
    return this.pool;
  }

  /** A registry's own client options from the settings, for a client made outside the pool (Log In's check). */
  async clientOptions(key: string): Promise<{ insecure?: boolean }> {
    return clientOptions((await this.core()).registryKey, key);
  }

  async client(registryKey: string): Promise<RegistryClient> {
    return (await this.clients()).get(registryKey);
  }

  /** Registries from the settings, then those Docker's config knows, without repeats. */
  async registries(): Promise<{ entries: RegistryEntry[]; errors: string[] }> {
    const registry = await this.core();
    const { registries, errors } = readRegistrySettings();
    const entries: RegistryEntry[] = [];
    const add = (key: string, setting: RegistrySetting | undefined, fromDocker: boolean) => {
      const existing = entries.find((e) => e.key === key);
      if (existing) existing.fromDocker ||= fromDocker;
      else entries.push({ key, setting, fromDocker });
    };
    // Only hosts of Docker's grammar: the key is shown, and goes into URLs and pull commands.
    const host = (raw: string) => {
      const key = registry.registryKey(raw);
      return registry.isRegistryHost(key) ? key : undefined;
    };
    for (const setting of registries) {
      const key = host(setting.url);
      if (key) add(key, setting, false);
      else errors.push(`dockwright.registries: ${registry.shownName(setting.url)} is not a registry address`);
    }
    try {
      const config = await registry.readDockerConfig();
      for (const raw of [...(config?.auths.keys() ?? []), ...(config?.credHelpers.keys() ?? [])]) {
        const key = host(raw);
        if (key) add(key, undefined, true);
        else errors.push(`Docker's config.json: ${registry.shownName(raw)} is not a registry address`);
      }
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
    return { entries, errors };
  }

  /** The resolver for the pin fixes; it loads nothing until a fix is asked for. */
  resolver(): ImageResolver {
    const get = () =>
      (this.imageResolver ??= Promise.all([this.core(), this.clients()]).then(
        ([registry, clients]) =>
          new registry.RegistryImageResolver({
            clientFor: (host) => clients.get(host),
            log: (line) => this.log.info(`registry: ${line}`),
          }),
      ));
    let loaded: ImageResolver | undefined;
    const use = async () => (loaded = await get());
    return {
      listTags: async (image, signal) => (await use()).listTags(image, signal),
      digest: async (image, signal) => (await use()).digest(image, signal),
      // asked after a look-up, so the resolver that failed is loaded by then
      failure: (image) => loaded?.failure?.(image),
    };
  }

  dispose(): void {
    this.listener.dispose();
  }
}

/** `insecure` (plain HTTP off loopback) of the registry's entry in the settings. */
function clientOptions(registryKey: (url: string) => string, key: string): { insecure?: boolean } {
  return { insecure: readRegistrySettings().registries.find((s) => registryKey(s.url) === key)?.insecure };
}
