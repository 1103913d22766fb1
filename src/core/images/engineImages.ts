// Asking the engine about a local image: its history and config (quick: the per-instruction sizes),
// and its saved archive (a full read: the wasted bytes). The engine's failures become errors that
// say what to do: the image is not there, or the engine does not answer.
import { EngineNotFoundError, type Engine } from '../builds/engine';
import { loadExeca } from '../builds/execa';
import { readSavedImage, type SavedImage } from './archive';
import { parseDockerHistory, parsePodmanHistory, type ImageFacts } from './history';

export class ImageNotFoundError extends Error {
  override readonly name = 'ImageNotFoundError';
  constructor(
    readonly image: string,
    engine: Engine,
  ) {
    super(`no image '${image}' in the ${engine.kind === 'podman' ? 'podman' : 'Docker'} engine's local store`);
  }
}

/** The engine's binary runs but its daemon does not answer (not running, a wrong DOCKER_HOST). */
export class EngineUnavailableError extends Error {
  override readonly name = 'EngineUnavailableError';
}

/** Any other failure of an engine command: its stderr's last line. */
export class ImageCommandError extends Error {
  override readonly name = 'ImageCommandError';
}

export interface ImageCommandOptions {
  signal?: AbortSignal;
  /** For inspect and history; a save has none, it takes as long as the image is large. */
  timeoutMs?: number;
}

const NOT_FOUND = /no such (image|object)|image not known|reference does not exist|failed to find image/i;
const UNAVAILABLE =
  /cannot connect to (the docker daemon|podman)|is the docker daemon running|error during connect|connection refused|dial unix/i;

interface Outcome {
  exitCode?: number;
  stderr: string;
  failed: boolean;
  cause?: unknown;
  shortMessage?: string;
  isCanceled?: boolean;
}

function failure(engine: Engine, image: string, args: string[], result: Outcome): Error {
  const code = (result.cause as { code?: string } | undefined)?.code;
  if (result.exitCode === undefined && code === 'ENOENT')
    return new EngineNotFoundError(
      engine.kind,
      engine.command,
      `'${engine.command}' was not found: install it or give its path.`,
    );
  if (result.isCanceled) return new ImageCommandError(`${engine.command} ${args[0]} ${args[1]}: cancelled`);
  const stderr = result.stderr.trim();
  if (NOT_FOUND.test(stderr)) return new ImageNotFoundError(image, engine);
  const lastLine = stderr.split('\n').pop() || result.shortMessage || `exit code ${result.exitCode}`;
  if (UNAVAILABLE.test(stderr)) return new EngineUnavailableError(`the engine does not answer: ${lastLine}`);
  return new ImageCommandError(`${engine.command} ${args.slice(0, 2).join(' ')} failed: ${lastLine}`);
}

/** An engine command's stdout; its failure typed as above (`image` names the one a not-found is about). */
export async function output(
  engine: Engine,
  image: string,
  args: string[],
  options: ImageCommandOptions,
): Promise<string> {
  const { execa } = await loadExeca();
  const result = await execa(engine.command, args, {
    env: engine.env,
    stdin: 'ignore',
    reject: false,
    timeout: options.timeoutMs ?? 60_000,
    cancelSignal: options.signal,
  });
  if (result.failed) throw failure(engine, image, args, { ...result, stderr: String(result.stderr) });
  return String(result.stdout);
}

export interface ReadFactsOptions extends ImageCommandOptions {
  /**
   * The base image the Dockerfile names, inspected in the same call for its ONBUILD triggers
   * (BuildKit keeps no history entry for them; podman keeps them in the history, so it is not asked).
   */
  baseImage?: string;
}

/** The image's history with each entry's size and layer, its layer count and ONBUILD triggers. */
export async function readImageFacts(
  engine: Engine,
  image: string,
  options: ReadFactsOptions = {},
): Promise<ImageFacts> {
  const withBase = engine.kind !== 'podman' && options.baseImage ? [image, options.baseImage] : [image];
  const inspect = output(engine, image, ['image', 'inspect', ...withBase], options).catch((error: unknown) => {
    // a base that is not in the store (pruned, or built elsewhere) fails the call: ask for the image alone
    if (withBase.length > 1 && error instanceof ImageNotFoundError)
      return output(engine, image, ['image', 'inspect', image], options);
    throw error;
  });
  const history =
    engine.kind === 'podman'
      ? ['history', '--format', 'json', image]
      : ['history', '--human=false', '--no-trunc', '--format', '{{json .}}', image];
  const [historyText, inspectText] = await Promise.all([output(engine, image, history, options), inspect]);
  return engine.kind === 'podman'
    ? parsePodmanHistory(historyText, inspectText)
    : parseDockerHistory(historyText, inspectText);
}

/**
 * Streams `image save` through the archive reader: the layers' file lists and the config. The
 * archive is whole at its end blocks: the engine is not waited for after that, and is stopped
 * (docker 26's `image save` was seen not to exit for over 30 s after the end of its archive).
 */
export async function readImageArchive(
  engine: Engine,
  image: string,
  options: ImageCommandOptions = {},
): Promise<SavedImage> {
  const { execa } = await loadExeca();
  const args = ['image', 'save', image];
  const child = execa(engine.command, args, {
    env: engine.env,
    stdin: 'ignore',
    reject: false,
    buffer: { stdout: false, stderr: true },
    cancelSignal: options.signal,
  });
  try {
    return await readSavedImage(child.stdout);
  } catch (error) {
    child.kill();
    const result = await child;
    // the engine's own failure (no such image, no engine) says more than the archive it did not write
    if (result.failed && !(result.isTerminated && !result.isCanceled))
      throw failure(engine, image, args, { ...result, stderr: String(result.stderr) });
    throw error;
  } finally {
    child.kill();
  }
}
