// Which engine builds: the `dockwright.build.engine` setting (auto|buildx|docker|podman) and
// `dockwright.dockerPath`. `auto` asks the docker CLI whether buildx works.
import { loadExeca } from './execa';
import type { EngineKind } from './spec';

export type EngineSetting = 'auto' | EngineKind;

export interface Engine {
  kind: EngineKind;
  /** The binary to run: docker (for buildx and docker) or podman. */
  command: string;
  /** DOCKER_HOST, DOCKER_CONTEXT and DOCKER_CONFIG as the caller had them, passed to every command. */
  env: Record<string, string>;
}

export interface EngineOptions {
  engine?: EngineSetting;
  dockerPath?: string;
  podmanPath?: string;
  /** The environment to take DOCKER_HOST, DOCKER_CONTEXT and DOCKER_CONFIG from (process.env). */
  env?: NodeJS.ProcessEnv;
  /** How long a probe like `docker buildx version` may take. */
  probeTimeoutMs?: number;
}

/** The engine's binary is missing or does not answer: say what to install or set. */
export class EngineNotFoundError extends Error {
  override readonly name = 'EngineNotFoundError';
  constructor(
    readonly kind: EngineKind,
    readonly command: string,
    message: string,
  ) {
    super(message);
  }
}

const PASSED_ON = ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_CONFIG'] as const;

/** The engine variables that are set in `env`. */
export function engineEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of PASSED_ON) if (env[name]) picked[name] = env[name];
  return picked;
}

interface Probe {
  ok: boolean;
  /** The binary could not be started at all. */
  missing: boolean;
  output: string;
}

async function probe(command: string, args: string[], env: Record<string, string>, timeoutMs: number): Promise<Probe> {
  const { execa } = await loadExeca();
  const result = await execa(command, args, { env, reject: false, timeout: timeoutMs, stdin: 'ignore' });
  const missing = result.exitCode === undefined && !result.timedOut;
  return {
    ok: result.exitCode === 0,
    missing,
    output: `${result.stdout}\n${result.stderr}`.trim() || (result.shortMessage ?? ''),
  };
}

function notFound(kind: EngineKind, command: string, setting: string): EngineNotFoundError {
  const what = kind === 'podman' ? 'podman' : 'Docker';
  return new EngineNotFoundError(
    kind,
    command,
    `${what} was not found at '${command}'. Install ${what}, or set ${setting} to its full path.`,
  );
}

/** Resolves the setting to an engine, checking that its binary answers. */
export async function detectEngine(options: EngineOptions = {}): Promise<Engine> {
  const setting = options.engine ?? 'auto';
  const env = engineEnv(options.env ?? process.env);
  const timeout = options.probeTimeoutMs ?? 10_000;
  if (setting === 'podman') {
    const command = options.podmanPath || 'podman';
    const version = await probe(command, ['--version'], env, timeout);
    if (!version.ok) throw notFound('podman', command, "the engine setting 'dockwright.build.engine'");
    return { kind: 'podman', command, env };
  }
  const command = options.dockerPath || 'docker';
  const buildx = setting === 'docker' ? undefined : await probe(command, ['buildx', 'version'], env, timeout);
  if (buildx?.ok) return { kind: 'buildx', command, env };
  if (buildx?.missing) throw notFound('buildx', command, 'dockwright.dockerPath');
  if (setting === 'buildx') {
    throw new EngineNotFoundError(
      'buildx',
      command,
      `'${command} buildx version' failed: install the buildx plugin or set dockwright.build.engine to docker. ${buildx?.output ?? ''}`.trim(),
    );
  }
  const version = await probe(command, ['--version'], env, timeout);
  if (!version.ok) throw notFound('docker', command, 'dockwright.dockerPath');
  return { kind: 'docker', command, env };
}
