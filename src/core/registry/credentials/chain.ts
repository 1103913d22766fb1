// Where a registry's credentials come from, in order, Docker's own first (what `docker pull` and
// `docker push` use is what Dockwright uses):
//   1. Docker's: the credHelpers entry for the registry, else credsStore, by running the helper;
//   2. Docker's config.json `auths` entry;
//   3. Dockwright's store (typed in through Log In / Add Registry), for registries Docker has none for.
// Nothing here throws: a broken config or a failing helper means "no credential" and a log line
// that names the problem, never a secret.
import { registryEndpoint } from '../endpoint';
import { credentialFromEntry, dockerConfigPath, helperFor, readDockerConfig } from './dockerConfig';
import { runCredentialHelper, type HelperOptions } from './helper';
import type { Credential, CredentialSource, CredentialStore } from './types';

export interface CredentialChainOptions {
  store?: CredentialStore;
  /** config.json to read; `$DOCKER_CONFIG/config.json` or `~/.docker/config.json` when absent. */
  dockerConfigFile?: string;
  /** Leave Docker's config and helpers out. */
  ignoreDocker?: boolean;
  helper?: Omit<HelperOptions, 'signal'>;
  log?: (line: string) => void;
}

export function credentialChain(options: CredentialChainOptions = {}): CredentialSource {
  return async (registry, signal) => {
    if (!options.ignoreDocker) {
      const docker = await dockerCredential(registry, { ...options, signal });
      if (docker) return docker;
    }
    try {
      return await options.store?.get(registry);
    } catch {
      options.log?.(`the credential store could not be read for ${registry}`);
      return undefined;
    }
  };
}

/** Docker's credential for a registry, from its helpers or its config.json. */
export async function dockerCredential(
  registry: string,
  options: CredentialChainOptions & { signal?: AbortSignal } = {},
): Promise<Credential | undefined> {
  const file = options.dockerConfigFile ?? dockerConfigPath();
  let config;
  try {
    config = await readDockerConfig(file);
  } catch (error) {
    options.log?.((error as Error).message);
    return undefined;
  }
  if (!config) return undefined;
  const helper = helperFor(config, registry);
  if (helper) {
    const server = registryEndpoint(registry).credentialServer;
    const result = await runCredentialHelper(helper, server, { ...options.helper, signal: options.signal });
    if (result.found) return result.credential;
    options.log?.(result.reason);
  }
  return credentialFromEntry(config.auths.get(registryEndpoint(registry).key));
}
