// Runs a build (or push) command and streams it: its output goes to the caller as it comes, read
// once a frame (see outputFiles.ts) or, where files can't be used, as each chunk arrives on a pipe
// (colours kept either way); stderr (and podman's stdout) also goes through the progress parser, and an
// AbortSignal ends the whole process tree. No shell: an argument array, in its own process group.
import type { DockerfileModel } from '../dockerfile/model';
import type { EngineCommand, ProgressFormat } from './command';
import { loadExeca } from './execa';
import { OutputFiles, type OutputStream } from './outputFiles';
import { BuildProgress, progressParser, type BuildFailure, type ProgressListener } from './progress';

export interface OutputChunk {
  stream: OutputStream;
  text: string;
}

export interface RunOptions {
  onOutput?: (chunk: OutputChunk) => void;
  onProgress?: ProgressListener;
  /** Aborting ends the process group: SIGTERM, then SIGKILL after killGraceMs. */
  signal?: AbortSignal;
  /** Lets the parser map steps to Dockerfile lines. */
  dockerfile?: DockerfileModel;
  cwd?: string;
  /** Time between SIGTERM and SIGKILL of the group; 1 s keeps a cancel under the 2 s promise. */
  killGraceMs?: number;
  /** Called with the process id once it has started. */
  onStart?: (pid: number) => void;
  /** Folders to try, in order, for the files the output goes to; none means pipes. */
  outputFolders?: readonly string[];
}

export interface RunResult {
  /** The command's exit code; 128 + signal number when a signal ended it. */
  exitCode: number;
  signal?: string;
  cancelled: boolean;
  progress: BuildProgress;
  failure?: BuildFailure;
  durationMs: number;
}

/** The command could not be started at all (missing binary, bad cwd). */
export class CommandStartError extends Error {
  override readonly name = 'CommandStartError';
  constructor(
    readonly command: string,
    message: string,
  ) {
    super(message);
  }
}

const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/** true when a process of group `pgid` is still there. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is gone already
  }
}

/** SIGTERM to the group; SIGKILL to whatever is left of it after `graceMs`. */
function endGroup(pgid: number, graceMs: number, exited: Promise<unknown>): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      if (groupAlive(pgid)) signalGroup(pgid, 'SIGKILL');
      resolve();
    }, graceMs);
    // the leader exiting is not enough: a plugin (docker-buildx) may still run in the group
    void exited.then(async () => {
      for (let waited = 0; waited < graceMs && groupAlive(pgid); waited += 50)
        await new Promise((r) => setTimeout(r, 50));
      if (!groupAlive(pgid)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

export async function runCommand(
  command: EngineCommand & { progress?: ProgressFormat },
  options: RunOptions = {},
): Promise<RunResult> {
  const started = Date.now();
  const progress = new BuildProgress(options.onProgress, options.dockerfile);
  const parser = progressParser(command.progress ?? 'none', progress);
  if (options.signal?.aborted) {
    parser.end();
    return { exitCode: 130, cancelled: true, progress, durationMs: 0 };
  }
  const { execa } = await loadExeca();
  const files = OutputFiles.open(options.outputFolders);
  const spawnOptions = {
    env: command.env,
    extendEnv: true,
    cwd: options.cwd,
    detached: true, // its own process group, so that a cancel reaches every process it starts
    stdin: 'ignore',
    buffer: false,
    reject: false,
    stripFinalNewline: false,
  } as const;
  // execa types its result by each option's literal type, so the two outputs are two calls. It
  // hands any descriptor number straight to the child, but its types list only 3-9.
  const child = files
    ? execa(command.command, command.args, {
        ...spawnOptions,
        stdout: files.fd('stdout') as 3,
        stderr: files.fd('stderr') as 3,
      })
    : execa(command.command, command.args, { ...spawnOptions, stdout: 'pipe', stderr: 'pipe' });
  let cancelled = false;
  let ending: Promise<void> | undefined;
  const onAbort = () => {
    cancelled = true;
    if (child.pid !== undefined) ending ??= endGroup(child.pid, options.killGraceMs ?? 1000, child);
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (child.pid !== undefined) options.onStart?.(child.pid);

  const parsesStdout = command.progress === 'podman';
  const onText = (stream: OutputStream, text: string) => {
    options.onOutput?.({ stream, text });
    if (stream === 'stderr' || parsesStdout) parser.push(text, stream);
  };
  if (files) files.follow(onText);
  else {
    for (const stream of ['stdout', 'stderr'] as const) {
      child[stream]?.setEncoding('utf8');
      child[stream]?.on('data', (text: string) => onText(stream, text));
    }
  }

  let result: Awaited<typeof child>;
  try {
    result = await child;
    options.signal?.removeEventListener('abort', onAbort);
    await ending;
  } finally {
    files?.finish(onText);
  }
  if (result.exitCode === undefined && !result.signal) {
    parser.end();
    const why =
      result.cause instanceof Error && 'code' in result.cause && result.cause.code === 'ENOENT'
        ? 'not found'
        : result.shortMessage;
    throw new CommandStartError(command.command, `Could not start '${command.command}': ${why}.`);
  }
  const signal = result.signal ?? undefined;
  const exitCode = result.exitCode ?? 128 + (SIGNAL_NUMBERS[signal ?? ''] ?? 15);
  parser.end(exitCode);
  const failure = exitCode === 0 ? undefined : progress.failure;
  return { exitCode, signal, cancelled, progress, failure, durationMs: Date.now() - started };
}
