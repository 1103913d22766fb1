// What the registry integration tests need: the registries and engine that scripts/test-env/setup.sh
// starts (its env.sh is read when the variables are not set, so `npm run test:integration` works on
// its own), and the skip-or-fail rule: outside CI a missing registry skips with a message, in CI it
// fails.
import { loadTestEnvFile } from '../../../scripts/lib/testEnvFile.cjs';
import { RegistryClient } from '../../../src/core/registry/client';
import { skipOrFail } from '../../support/skipOrFail';

// Variables already set (by npm test, or by hand) win over the file.
loadTestEnvFile();

export const env = {
  registry: process.env.TEST_REGISTRY,
  authRegistry: process.env.TEST_AUTH_REGISTRY,
  tokenRegistry: process.env.TEST_TOKEN_REGISTRY,
  user: process.env.TEST_REGISTRY_USER ?? 'testuser',
  pass: process.env.TEST_REGISTRY_PASS ?? 'testpass',
  dockerBin: process.env.DOCKER_BIN ?? '/usr/bin/docker',
  baseImage: process.env.TEST_BASE_IMAGE ?? 'local/busybox:1',
};

/** Skips (outside CI) or fails (CI=true) unless the registry named by `variable` answers /v2/. */
export async function requireRegistry(
  ctx: Mocha.Context,
  variable: 'TEST_REGISTRY' | 'TEST_AUTH_REGISTRY' | 'TEST_TOKEN_REGISTRY',
): Promise<string> {
  const host = process.env[variable];
  let problem: string | undefined;
  if (!host) problem = `${variable} is not set`;
  else {
    try {
      const response = await fetch(`http://${host}/v2/`, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      if (response.status !== 200 && response.status !== 401) problem = `${host}/v2/ answered ${response.status}`;
    } catch {
      problem = `nothing answers on ${host}`;
    }
  }
  if (!problem) return host!;
  const message = `registry ${variable}: ${problem}. Start the test registries with scripts/test-env/setup.sh (as root; it installs docker.io and docker-registry).`;
  skipOrFail(ctx, message);
}

/** A client with the test user's password. */
export function authClient(host: string, extra: ConstructorParameters<typeof RegistryClient>[1] = {}): RegistryClient {
  return new RegistryClient(host, {
    credentials: async () => ({ kind: 'password', username: env.user, password: env.pass }),
    ...extra,
  });
}

/** A name no earlier run used: the registries keep their data between runs. */
export function uniqueRepo(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
