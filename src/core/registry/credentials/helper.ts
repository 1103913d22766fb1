// Docker credential helpers: `docker-credential-<name> get` reads the server on stdin and prints
// {"ServerURL": "…", "Username": "…", "Secret": "…"}. Run with execa and no shell; the helper's own
// output never reaches an error message (it may echo what it was given).
import type { Options, Result } from 'execa' with { 'resolution-mode': 'import' };

// execa is an ES module and the project compiles to CommonJS, so it is imported dynamically.
const run = async (file: string, args: string[], options: Options): Promise<Result> =>
  (await import('execa')).execa(file, args, options);
import type { Credential } from './types';

export interface HelperOptions {
  signal?: AbortSignal;
  /** A helper may wait on a keychain prompt; past this it counts as no answer. Default 10 s. */
  timeoutMs?: number;
  /** PATH and the rest, for tests that put a helper in a temp folder. */
  env?: NodeJS.ProcessEnv;
}

export type HelperResult = { found: true; credential: Credential } | { found: false; reason: string };

/** Asks a helper; a missing helper, a failure or "not found" come back as `found: false`. */
export async function runCredentialHelper(
  helper: string,
  server: string,
  options: HelperOptions = {},
): Promise<HelperResult> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(helper))
    return { found: false, reason: `"${helper}" is not a credential helper name` };
  const program = `docker-credential-${helper}`;
  const result = await run(program, ['get'], {
    input: server,
    reject: false,
    timeout: options.timeoutMs ?? 10_000,
    cancelSignal: options.signal,
    env: options.env,
    extendEnv: options.env === undefined,
    stripFinalNewline: true,
  });
  if (result.failed || result.exitCode !== 0) {
    if (result.code === 'ENOENT' || (result as { cause?: { code?: string } }).cause?.code === 'ENOENT')
      return { found: false, reason: `${program} is not installed (not on PATH)` };
    if (result.timedOut)
      return { found: false, reason: `${program} did not answer within ${options.timeoutMs ?? 10_000} ms` };
    if (result.isCanceled) return { found: false, reason: `${program} was cancelled` };
    if (/credentials not found/i.test(String(result.stdout)))
      return { found: false, reason: `${program} has no credentials for ${server}` };
    return { found: false, reason: `${program} failed (exit ${result.exitCode ?? 'unknown'})` };
  }
  let answer: { Username?: unknown; Secret?: unknown };
  try {
    answer = JSON.parse(String(result.stdout));
  } catch {
    return { found: false, reason: `${program} printed something that is not JSON` };
  }
  const username = typeof answer.Username === 'string' ? answer.Username : '';
  const secret = typeof answer.Secret === 'string' ? answer.Secret : '';
  if (!secret) return { found: false, reason: `${program} has no secret for ${server}` };
  // Docker's convention: the user `<token>` marks an identity (refresh) token.
  if (username === '<token>') return { found: true, credential: { kind: 'identity-token', token: secret } };
  if (!username) return { found: false, reason: `${program} gave no user name for ${server}` };
  return { found: true, credential: { kind: 'password', username, password: secret } };
}
