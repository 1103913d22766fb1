// Credentials for one registry. They go into Authorization headers and token requests and nowhere
// else: never into an error message, a log line, a setting or an exception's cause.

export type Credential =
  /** A user name and a password or personal access token (Basic, or the token service's Basic). */
  | { kind: 'password'; username: string; password: string }
  /** An OAuth2 refresh token from `docker login` (config.json `identitytoken`, or a helper's `<token>` user). */
  | { kind: 'identity-token'; token: string; username?: string };

/** Where credentials for a registry come from; undefined when it has none. Never throws. */
export type CredentialSource = (registry: string, signal?: AbortSignal) => Promise<Credential | undefined>;

/**
 * Credentials typed into Dockwright (Add Registry, Log In). The VS Code side implements it over
 * SecretStorage; keys are registry hosts as `registryKey()` gives them.
 */
export interface CredentialStore {
  get(registry: string): Promise<Credential | undefined>;
  set(registry: string, credential: Credential): Promise<void>;
  delete(registry: string): Promise<void>;
}
