// Docker credential helpers: `docker-credential-<name> get` reads the server on stdin and prints
// {"ServerURL": "…", "Username": "…", "Secret": "…"}. Run with execa and no shell; the helper's own
// output never reaches an error message (it may echo what it was given).
//
// The timeout is a bound, not a wish: the helper leads a process group of its own (detached), its
// answer is taken when it exits (not when its stdout closes, which a background child of it may
// hold open for ever), and the whole group is killed then, at the timeout and on cancel. execa's own
// `timeout` and `cancelSignal` signal the direct child only and wait for stdout to close.
import type { Options, ResultPromise } from 'execa' with { 'resolution-mode': 'import' };

// execa is an ES module and the project compiles to CommonJS, so it is imported dynamically. The
// function is what comes back, not its promise: an async function returning the subprocess would
// wait for it to end.
const loadExeca = async (): Promise<(file: string, args: string[], options: Options) => ResultPromise> =>
  (await import('execa')).execa;
import type { Credential } from './types';

export interface HelperOptions {
  signal?: AbortSignal;
  /** A helper may wait on a keychain prompt; past this it counts as no answer. Default 10 s. */
  timeoutMs?: number;
  /** PATH and the rest, for tests that put a helper in a temp folder. */
  env?: NodeJS.ProcessEnv;
}

export type HelperResult = { found: true; credential: Credential } | { found: false; reason: string };

/** Most a helper may print: its answer is a few hundred bytes. */
const MAX_OUTPUT_BYTES = 64 * 1024;
/** After the helper exits, how long its output may take to drain when something outside its group holds the pipe. */
const DRAIN_MS = 500;
/** Process groups are POSIX: on Windows only the helper itself is killed. */
const GROUPS = process.platform !== 'win32';

type Outcome =
  | { kind: 'exited'; code: number | null; signal: NodeJS.Signals | null; stdout: string }
  | { kind: 'missing' }
  | { kind: 'timeout' }
  | { kind: 'cancelled' }
  | { kind: 'too-much' }
  | { kind: 'failed'; reason: string };

/** Asks a helper; a missing helper, a failure or "not found" come back as `found: false`. */
export async function runCredentialHelper(
  helper: string,
  server: string,
  options: HelperOptions = {},
): Promise<HelperResult> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(helper))
    return { found: false, reason: `"${helper}" is not a credential helper name` };
  const program = `docker-credential-${helper}`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const outcome = await runBounded(program, server, timeoutMs, options);
  switch (outcome.kind) {
    case 'missing':
      return { found: false, reason: `${program} is not installed (not on PATH)` };
    case 'timeout':
      return { found: false, reason: `${program} did not answer within ${timeoutMs} ms` };
    case 'cancelled':
      return { found: false, reason: `${program} was cancelled` };
    case 'too-much':
      return { found: false, reason: `${program} printed more than ${MAX_OUTPUT_BYTES / 1024} KiB` };
    case 'failed':
      return { found: false, reason: `${program} ${outcome.reason}` };
  }
  const result = outcome;
  if (result.code !== 0) {
    if (/credentials not found/i.test(result.stdout))
      return { found: false, reason: `${program} has no credentials for ${server}` };
    return {
      found: false,
      reason: `${program} failed (${result.code !== null ? `exit ${result.code}` : `signal ${result.signal ?? 'unknown'}`})`,
    };
  }
  let answer: { Username?: unknown; Secret?: unknown };
  try {
    answer = JSON.parse(result.stdout);
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

/**
 * Runs `program get` with `server` on stdin, and settles at the first of: the helper exiting (its
 * output read up to then, its group killed), the timeout, the caller's cancel (group killed, at
 * once), or too much output. Never later than the timeout.
 */
async function runBounded(
  program: string,
  server: string,
  timeoutMs: number,
  options: HelperOptions,
): Promise<Outcome> {
  if (options.signal?.aborted) return { kind: 'cancelled' };
  const execa = await loadExeca();
  let subprocess: ResultPromise;
  try {
    subprocess = execa(program, ['get'], {
      input: server,
      stdout: 'pipe',
      stderr: 'ignore',
      buffer: false,
      reject: false,
      // Its own process group (and session), so that kill(-pid) reaches every process it started.
      detached: GROUPS,
      env: options.env,
      extendEnv: options.env === undefined,
    });
  } catch (error) {
    return {
      kind: 'failed',
      reason: `could not be started (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
    };
  }
  const pid = subprocess.pid;
  const killGroup = () => {
    try {
      if (GROUPS && pid !== undefined) process.kill(-pid, 'SIGKILL');
      else subprocess.kill('SIGKILL');
    } catch {
      // the group is gone already
    }
  };
  // If the editor quits meanwhile, the detached group would outlive it.
  running.add(killGroup);
  if (running.size === 1) process.once('exit', killRunning);

  const chunks: Buffer[] = [];
  let size = 0;
  let settle: (outcome: Outcome) => void = () => undefined;
  const settled = new Promise<Outcome>((resolve) => (settle = resolve));
  const drained = new Promise<void>((resolve) => {
    if (!subprocess.stdout) return resolve();
    subprocess.stdout.on('data', (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.byteLength;
      if (size > MAX_OUTPUT_BYTES) return settle({ kind: 'too-much' });
      chunks.push(bytes);
    });
    subprocess.stdout.once('end', resolve);
    subprocess.stdout.once('close', resolve);
    subprocess.stdout.once('error', () => resolve());
  });
  const timer = setTimeout(() => settle({ kind: 'timeout' }), timeoutMs);
  const onAbort = () => settle({ kind: 'cancelled' });
  options.signal?.addEventListener('abort', onAbort, { once: true });

  subprocess.once('exit', (code, signal) => {
    // The answer is what it printed before exiting: whatever it left running goes now, which
    // closes the pipe; something that escaped the group gets DRAIN_MS before the pipe is cut.
    killGroup();
    let wait: NodeJS.Timeout | undefined;
    void Promise.race([drained, new Promise<void>((resolve) => (wait = setTimeout(resolve, DRAIN_MS)))]).then(() => {
      clearTimeout(wait);
      settle({ kind: 'exited', code, signal, stdout: Buffer.concat(chunks).toString('utf8') });
    });
  });
  // A helper that cannot be started ends execa's promise without any `exit`.
  subprocess.then(
    (result) => {
      const cause = (result as { code?: string }).code ?? (result as { cause?: { code?: string } }).cause?.code;
      if (cause === 'ENOENT') settle({ kind: 'missing' });
      else if (result.failed && result.exitCode === undefined && result.signal === undefined)
        settle({ kind: 'failed', reason: `could not be started (${cause ?? 'unknown error'})` });
    },
    () => settle({ kind: 'failed', reason: 'could not be started' }),
  );

  try {
    return await settled;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    killGroup();
    subprocess.stdout?.destroy();
    running.delete(killGroup);
    if (!running.size) process.removeListener('exit', killRunning);
  }
}

/** The kills of the helpers running now, for the process's `exit`: one listener for them all. */
const running = new Set<() => void>();

function killRunning(): void {
  for (const kill of running) kill();
}
