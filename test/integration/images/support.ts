// The three engines of scripts/test-env/setup.sh, for building images and reading them back: how
// to build on each, how the CLI reaches each (PATH and DOCKER_* of its process), how to clean up.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { detectEngine, type Engine } from '../../../src/core/builds';
import { buildxEnv, DOCKER, exec, requireBuildx, requireEngine, RUN_ID } from '../builds/support';
import { skipOrFail } from '../../support/skipOrFail';
import { cliPath } from '../../unit/cli/support';

export interface TestEngine {
  name: 'docker20' | 'buildx' | 'podman';
  require(ctx: Mocha.Context): Promise<Engine>;
  /** Builds `context` (its Dockerfile) as `tag`; throws with the output when it fails. */
  build(context: string, tag: string, ...args: string[]): Promise<void>;
  remove(...tags: string[]): Promise<void>;
  /** The CLI's environment and `--engine` to reach this engine. */
  cli: () => { env: Record<string, string>; args: string[] };
  /** A tag this engine accepts for a local image. */
  tag(name: string): string;
}

const withPath = (dir: string) => `${dir}:${process.env.PATH}`;

async function run(command: string, args: string[], env?: Record<string, string>): Promise<void> {
  const { execa } = await import('execa');
  const r = await execa(command, args, { reject: false, env, timeout: 600_000 });
  if (r.exitCode !== 0)
    throw new Error(`${command} ${args.join(' ')}: exit ${r.exitCode}\n${String(r.stderr).slice(-1500)}`);
}

export const ENGINES: TestEngine[] = [
  {
    name: 'docker20',
    require: requireEngine,
    build: (context, tag, ...args) => run(DOCKER, ['build', '-q', '--network=none', ...args, '-t', tag, context]),
    remove: async (...tags) => void (await exec(DOCKER, ['image', 'rm', '-f', ...tags])),
    cli: () => ({
      env: { PATH: withPath(path.dirname(DOCKER)), DOCKER_HOST: process.env.DOCKER_HOST ?? '' },
      args: [],
    }),
    tag: (name) => `dockwright-layers-test/${name}:${RUN_ID}`,
  },
  {
    name: 'buildx',
    require: requireBuildx,
    build: (context, tag, ...args) =>
      run(
        process.env.DOCKWRIGHT_BUILDX_DOCKER!,
        ['buildx', 'build', '-q', '--load', ...args, '-t', tag, context],
        buildxEnv(),
      ),
    remove: async (...tags) =>
      void (await exec('env', [
        ...Object.entries(buildxEnv()).map(([k, v]) => `${k}=${v}`),
        process.env.DOCKWRIGHT_BUILDX_DOCKER!,
        'image',
        'rm',
        '-f',
        ...tags,
      ])),
    cli: () => ({
      env: { PATH: withPath(path.dirname(process.env.DOCKWRIGHT_BUILDX_DOCKER!)), ...buildxEnv() },
      args: [],
    }),
    tag: (name) => `dockwright-layers-test/${name}:${RUN_ID}`,
  },
  {
    name: 'podman',
    async require(ctx) {
      const podman = process.env.PODMAN_BIN;
      if (!podman)
        skipOrFail(ctx, 'PODMAN_BIN is not set: podman is missing here. Run scripts/test-env/setup.sh as root.');
      return detectEngine({ engine: 'podman', podmanPath: podman });
    },
    build: (context, tag, ...args) =>
      run(process.env.PODMAN_BIN!, ['build', '-q', '--pull=never', '--network=none', ...args, '-t', tag, context]),
    remove: async (...tags) => void (await exec(process.env.PODMAN_BIN!, ['image', 'rm', '-f', ...tags])),
    cli: () => ({ env: { PATH: withPath(path.dirname(process.env.PODMAN_BIN!)) }, args: ['--engine', 'podman'] }),
    tag: (name) => `localhost/dockwright-layers-test/${name}:${RUN_ID}`,
  },
];

/** A build context holding `files` (the Dockerfile among them). */
export function context(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-layers-'));
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), body);
  return dir;
}

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident set of the CLI's node process, in MiB. */
  peakRssMiB: number;
}

const PEAK_RSS = path.resolve(__dirname, '../../support/peakRss.cjs');

/** The built CLI (dist/cli.js) as a process, its peak memory measured. */
export async function imageLayers(engine: TestEngine, args: string[], cwd: string): Promise<CliRun> {
  const { execa } = await import('execa');
  const rssFile = path.join(cwd, `.peak-rss-${process.hrtime.bigint()}`);
  const { env, args: engineArgs } = engine.cli();
  const started = Date.now();
  const r = await execa('node', ['-r', PEAK_RSS, cliPath, 'image', 'layers', ...args, ...engineArgs], {
    cwd,
    env: { ...env, NO_COLOR: '', DOCKWRIGHT_PEAK_RSS_FILE: rssFile },
    reject: false,
    stdin: 'ignore',
    timeout: 600_000,
  });
  const ms = Date.now() - started;
  const peakRssMiB = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, 'utf8')) / 1024 : NaN;
  fs.rmSync(rssFile, { force: true });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr), ms, peakRssMiB };
}
