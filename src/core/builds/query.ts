// A short engine command whose answer is read whole (`buildx bake --print`, `buildx ls`,
// `buildx inspect`): an argument array without a shell, with a time limit and a cap on what it
// may print, so that a daemon that hangs or a bake file that expands without end cannot hold the
// editor. Its stderr is reduced to buildx's own message, which the caller shows as it is.
import path from 'node:path';
import { printable } from '../printable';
import type { Engine } from './engine';
import { loadExeca } from './execa';

export const QUERY_TIMEOUT_MS = 20_000;
export const QUERY_MAX_BYTES = 4 * 1024 * 1024;

export interface QueryOptions {
  cwd?: string;
  timeoutMs?: number;
  maxBytes?: number;
}

export interface QueryResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** The command did not start, did not answer in time, or printed more than it may. */
export class EngineQueryError extends Error {
  override readonly name = 'EngineQueryError';
}

export async function queryEngine(engine: Engine, args: string[], options: QueryOptions = {}): Promise<QueryResult> {
  const { execa } = await loadExeca();
  const timeout = options.timeoutMs ?? QUERY_TIMEOUT_MS;
  const maxBuffer = options.maxBytes ?? QUERY_MAX_BYTES;
  const result = await execa(engine.command, args, {
    env: engine.env,
    cwd: options.cwd,
    reject: false,
    timeout,
    maxBuffer,
    stdin: 'ignore',
  });
  const what = `'${printable([path.basename(engine.command), ...args].join(' '))}'`;
  if (result.timedOut) throw new EngineQueryError(`${what} did not answer within ${timeout / 1000} s.`);
  if (result.isMaxBuffer) throw new EngineQueryError(`${what} printed more than ${maxBuffer} bytes.`);
  if (result.exitCode === undefined)
    throw new EngineQueryError(`Could not run ${what}: ${printable(result.shortMessage ?? 'it did not start')}.`);
  return { ok: result.exitCode === 0, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** Progress lines buildx prints on stderr before its message (`#1 reading docker-bake.hcl`). */
const PROGRESS_LINE = /^#\d+ /;

/**
 * What buildx says went wrong, from its stderr: `message` is its `ERROR:` line (else the last
 * line), `details` every line after the progress (a bake file's excerpt with the `>>>` mark).
 * Both with their controls shown as `\u001b`: a bake file's text is quoted in them.
 */
export function buildxMessage(stderr: string): { message: string; details: string[] } {
  const lines = stderr
    .split(/\r?\n/)
    .filter((line) => line.trim() && !PROGRESS_LINE.test(line))
    .map(printable);
  const error =
    [...lines].reverse().find((line) => line.startsWith('ERROR: ')) ?? lines.at(-1) ?? 'it failed without a message';
  return { message: error.replace(/^ERROR: /, ''), details: lines };
}
