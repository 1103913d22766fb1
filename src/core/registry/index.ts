// The registry client's public face, for the editor's Registries view, the CLI and the rules.
export {
  RegistryClient,
  type RegistryClientOptions,
  type ManifestHead,
  type ManifestDocument,
  type ImageDetails,
  type ImageDescription,
} from './client';
export { attestationJson, listAttestations, type Attestation } from './attestations';
export { RegistryClients } from './pool';
export { RegistryImageResolver, type ResolverOptions } from './resolver';
export { DockerHubRepositories } from './dockerHub';
export { isLoopback, registryEndpoint, registryKey, type RegistryEndpoint, type RegistryKind } from './endpoint';
export * from './errors';
export {
  attestationsOf,
  MediaType,
  platformName,
  platformsOf,
  type AttestationEntry,
  type Descriptor,
  type Manifest,
  type Platform,
} from './manifest';
export { PageWalk, MAX_PAGES, MAX_ENTRIES, type Page, type PageOptions } from './paging';
export { uploadBlob, putManifest } from './push';
export { sortTagsNewestFirst, compareTagsNewestFirst, variantSuffix, tagVersion } from './tagOrder';
export { logIn, logOut, type LogInResult, type LogOutResult } from './session';
export { credentialChain, dockerCredential } from './credentials/chain';
export { MemoryCredentialStore } from './credentials/memoryStore';
export { parseDockerConfig, readDockerConfig, dockerConfigPath, credentialFromEntry } from './credentials/dockerConfig';
export { runCredentialHelper } from './credentials/helper';
export type { Credential, CredentialSource, CredentialStore } from './credentials/types';
export { imageReference, pullCommand, fromLine, checkedDigest, type ImageTarget } from './reference';
export { isTag, isDigest, isRepositoryPath, isRegistryHost } from '../dockerfile/imageRef';
export { TokenCache } from './tokenCache';
export type { FetchLike, TransportOptions } from './transport';
