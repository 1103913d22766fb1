// Signing in the editor: which cosign, which keys, which passwords. A key's password comes from
// COSIGN_PASSWORD or VS Code's secret storage (asked once, kept if the user says so), never from
// settings; the settings hold paths and KMS URIs only. Verification results are kept per digest
// until the view refreshes: a digest's signatures do not change under it, only new ones appear.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { absolutePath } from '../../core/paths';
import type { Cosign, KeyUse, SignedImage, TransparencyRecord, Verification } from '../../core/signing';
import type { RegistryService } from './service';
import { readRegistrySettings } from './settings';

const SECRET_PREFIX = 'dockwright.cosign.password:';

export class SigningService {
  private readonly verifications = new Map<string, Promise<Verification>>();
  private readonly transparencies = new Map<string, Promise<TransparencyRecord[]>>();

  constructor(
    private readonly service: RegistryService,
    private readonly secrets: vscode.SecretStorage,
  ) {}

  private signing() {
    return this.service.signing();
  }

  /** cosign as the settings name it; its own environment (DOCKER_CONFIG and the rest) is the editor's. */
  cosign(): Cosign {
    const configured = vscode.workspace.getConfiguration('dockwright').get<string>('cosignPath');
    return { command: configured?.trim() || 'cosign' };
  }

  /** How a key is used with a registry: its transparency log (on unless the registry's entry turns
   * it off; off for loopback registries, which no public log can vouch for) and plain HTTP. */
  async keyUse(registryKey: string, key: string): Promise<KeyUse> {
    const registry = await this.service.core();
    const setting = readRegistrySettings().registries.find((s) => registry.registryKey(s.url) === registryKey);
    const loopback = registry.isLoopback(registryKey.replace(/:\d+$/, ''));
    return {
      key,
      transparencyLog: setting?.transparencyLog ?? !loopback,
      plainHttp: loopback || setting?.insecure === true,
    };
  }

  /** The public keys to verify with: dockwright.signing.publicKeys, then the workspace's cosign.pub files. */
  async publicKeys(): Promise<string[]> {
    const configured = vscode.workspace.getConfiguration('dockwright').get<unknown>('signing.publicKeys', []);
    const listed = Array.isArray(configured) ? configured.filter((k): k is string => typeof k === 'string') : [];
    const found = vscode.workspace.isTrusted
      ? (await vscode.workspace.findFiles('**/cosign.pub', '**/node_modules/**', 20)).map((u) => u.fsPath)
      : [];
    return [...new Set([...listed.map(resolveKeyPath), ...found])];
  }

  /** Whether `reference` (on `registryKey`) is signed by a trusted key; kept per digest. */
  verify(registryKey: string, reference: string, digest: string): Promise<Verification> {
    return kept(this.verifications, `${registryKey}\n${reference}\n${digest}`, async () => {
      const { verifyImage } = await this.signing();
      const keys = await Promise.all((await this.publicKeys()).map((k) => this.keyUse(registryKey, k)));
      if (!keys.length) return { state: 'error' as const, error: 'no public key: set dockwright.signing.publicKeys' };
      return verifyImage(this.cosign(), reference, keys);
    });
  }

  /** Whether each signature of the digest went to the transparency log (its `.sig` manifest's layers); kept per digest. */
  transparency(registryKey: string, repository: string, digest: string): Promise<TransparencyRecord[]> {
    return kept(this.transparencies, `${registryKey}\n${repository}\n${digest}`, async () => {
      const { readTransparency } = await this.signing();
      return readTransparency(await this.service.client(registryKey), repository, digest);
    });
  }

  forget(): void {
    this.verifications.clear();
    this.transparencies.clear();
  }

  /** Signs the digest with the configured key (or one the user picks); resolves to cosign's error, or undefined. */
  async sign(image: SignedImage): Promise<string | undefined> {
    const key = await this.signingKey();
    if (!key) return 'no key chosen';
    const password = await this.password(key);
    if (password === undefined) return 'no password given';
    const { runCosign, signCommand } = await this.signing();
    const result = await runCosign(signCommand(this.cosign(), image, await this.keyUse(image.registry, key), password));
    if (!result.ok && /password is wrong/.test(result.error ?? '')) await this.secrets.delete(SECRET_PREFIX + key);
    this.forget();
    return result.ok ? undefined : result.error;
  }

  /** dockwright.signing.key, or a key file the user picks (and may keep in the workspace settings). */
  private async signingKey(): Promise<string | undefined> {
    const configured = vscode.workspace.getConfiguration('dockwright').get<string>('signing.key')?.trim();
    if (configured) return isKmsUri(configured) ? configured : resolveKeyPath(configured);
    const picked = await vscode.window.showOpenDialog({
      title: 'Sign with which cosign private key?',
      filters: { 'cosign private key': ['key'] },
      canSelectMany: false,
    });
    return picked?.[0]?.fsPath;
  }

  /** A key file's password: COSIGN_PASSWORD, the secret storage, or asked (and kept if the user says so). */
  async password(key: string): Promise<string | undefined> {
    if (isKmsUri(key)) return '';
    if (process.env.COSIGN_PASSWORD !== undefined) return process.env.COSIGN_PASSWORD;
    const kept = await this.secrets.get(SECRET_PREFIX + key);
    if (kept !== undefined) return kept;
    const typed = await vscode.window.showInputBox({
      title: `Password of ${path.basename(key)}`,
      prompt: 'The key’s password (empty for a key without one). Kept in VS Code’s secret storage.',
      password: true,
      ignoreFocusOut: true,
    });
    if (typed !== undefined) await this.secrets.store(SECRET_PREFIX + key, typed);
    return typed;
  }

  /** Generates cosign.key and cosign.pub in `folder` with `password`; resolves to cosign's error, or undefined. */
  async generateKeyPair(folder: string, password: string): Promise<string | undefined> {
    const { generateKeyPairCommand, runCosign } = await this.signing();
    const result = await runCosign(generateKeyPairCommand(this.cosign(), password), { cwd: folder });
    if (result.ok) await this.secrets.store(SECRET_PREFIX + path.join(folder, 'cosign.key'), password);
    return result.ok ? undefined : result.error;
  }
}

/** The promise kept under `key`, made once; one that fails is forgotten, to be asked again. */
function kept<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let promise = cache.get(key);
  if (!promise) {
    promise = make();
    promise.catch(() => cache.delete(key));
    cache.set(key, promise);
  }
  return promise;
}

/** `awskms://…`, `gcpkms://…`, `azurekms://…`, `hashivault://…`, `k8s://…`, `pkcs11:…`: cosign's to open. */
export const isKmsUri = (key: string) => /^[a-z][a-z0-9+.-]*:(\/\/|[^\\/])/i.test(key) && !/^[a-z]:[\\/]/i.test(key);

/** A key path from the settings: `~` is the home folder, a relative path is the first workspace folder's. */
function resolveKeyPath(key: string): string {
  if (isKmsUri(key)) return key;
  // without a folder, cosign would take a relative path from the editor's own working folder
  return absolutePath(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd(), key);
}
