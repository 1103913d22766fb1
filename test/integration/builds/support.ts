// The real engine for the build tests: scripts/test-env/setup.sh starts it, and its env.sh is read
// here when the variables are not set (npm test sets them), so `npm run test:integration` works on
// its own. Outside CI a missing engine skips with a message; with CI=true it fails.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Result } from 'execa' with { 'resolution-mode': 'import' };
import {
  detectEngine,
  runCommand,
  type Engine,
  type EngineCommand,
  type RunOptions,
  type RunResult,
} from '../../../src/core/builds';
import { parseDockerfile } from '../../../src/core/dockerfile/model';
import { loadTestEnvFile, testEnvFilePath } from '../../../scripts/lib/testEnvFile.cjs';
import { skipOrFail } from '../../support/skipOrFail';

loadTestEnvFile();

export const DOCKER = process.env.DOCKER_BIN ?? '/usr/bin/docker';
export const REGISTRY = process.env.TEST_REGISTRY ?? '127.0.0.1:5000';
export const FIXTURES = path.resolve(__dirname, '../../fixtures/builds');
/** A name no other run shares, for tags and markers. */
export const RUN_ID = `${process.pid}-${Date.now().toString(36)}`;

export async function exec(command: string, args: string[], input?: string): Promise<Result> {
  const { execa } = await import('execa');
  return execa(command, args, { reject: false, timeout: 120_000, input });
}

/** Runs docker with the test environment; throws with its stderr when it fails. */
export async function docker(...args: string[]): Promise<string> {
  const result = await exec(DOCKER, args);
  if (result.exitCode !== 0)
    throw new Error(`docker ${args.join(' ')} failed (exit ${result.exitCode}): ${String(result.stderr).slice(-800)}`);
  return String(result.stdout);
}

/** The real engine as auto-detection picks it for /usr/bin/docker; skips or fails when it is not there. */
export async function requireEngine(ctx: Mocha.Context): Promise<Engine> {
  const hint = `Run scripts/test-env/setup.sh as root; the tests read ${testEnvFilePath()} (npm test does both).`;
  if (!process.env.DOCKER_HOST) skipOrFail(ctx, `DOCKER_HOST is not set: no test engine. ${hint}`);
  const version = await exec(DOCKER, ['image', 'inspect', '--format', '{{.Id}}', 'local/busybox:1']);
  if (version.exitCode !== 0)
    skipOrFail(ctx, `the engine at ${process.env.DOCKER_HOST} does not answer or lacks local/busybox:1. ${hint}`);
  return detectEngine({ engine: 'auto', dockerPath: DOCKER });
}

/** A fixture folder copied to a temporary build context. */
export function fixtureContext(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dockwright-build-${name}-`));
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true, filter: (src) => !/\.exit\d+\.txt$/.test(src) });
  return dir;
}

export interface Build extends RunResult {
  output: string;
}

/** Runs a command through the runner, keeping all its output and mapping steps to the context's Dockerfile. */
export async function run(command: EngineCommand, context: string, options: RunOptions = {}): Promise<Build> {
  let output = '';
  const dockerfile = parseDockerfile(fs.readFileSync(path.join(context, 'Dockerfile'), 'utf8'));
  const result = await runCommand(command, {
    dockerfile,
    ...options,
    onOutput: (chunk) => {
      output += chunk.text;
      options.onOutput?.(chunk);
    },
  });
  return { ...result, output };
}

/** Processes whose command line contains `marker` (zombies excluded), from /proc. */
export function processesWith(marker: string): { pid: number; cmdline: string }[] {
  const found: { pid: number; cmdline: string }[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const state = /^State:\s+(\S)/m.exec(fs.readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
      if (cmdline.includes(marker) && state !== 'Z') found.push({ pid: Number(entry), cmdline });
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

export async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

// The buildx engine of scripts/test-env/buildx.sh: buildx 0.13 as a plugin of docker CLI 26, on
// dockerd 26 in a private network namespace. Its own env file is read too, in case a set-up
// without it has rewritten env.sh since.
loadTestEnvFile({ file: path.join(path.dirname(testEnvFilePath()), 'buildx', 'env.sh') });

export const BUILDX_DOCKER = process.env.DOCKWRIGHT_BUILDX_DOCKER ?? '';
/** The registry inside the namespace: reach it from here with inBuildxNetwork(). */
export const BUILDX_REGISTRY = process.env.DOCKWRIGHT_BUILDX_REGISTRY ?? '127.0.0.1:5100';
/** The same registry's storage, served on the host: for clients that cannot enter the namespace. */
export const BUILDX_HOST_REGISTRY = process.env.DOCKWRIGHT_BUILDX_HOST_REGISTRY ?? '127.0.0.1:5101';

/** DOCKER_HOST and DOCKER_CONFIG (with the buildx plugin) of the buildx engine. */
export function buildxEnv(): Record<string, string> {
  return {
    DOCKER_HOST: process.env.DOCKWRIGHT_BUILDX_DOCKER_HOST ?? '',
    DOCKER_CONFIG: process.env.DOCKWRIGHT_BUILDX_DOCKER_CONFIG ?? '',
  };
}

/** Runs the buildx engine's docker CLI; throws with its stderr when it fails. */
export async function buildxDocker(...args: string[]): Promise<string> {
  const { execa } = await import('execa');
  const result = await execa(BUILDX_DOCKER, args, { env: buildxEnv(), reject: false, timeout: 120_000 });
  if (result.exitCode !== 0)
    throw new Error(`docker ${args.join(' ')} failed (exit ${result.exitCode}): ${String(result.stderr).slice(-800)}`);
  return String(result.stdout);
}

/** A command in the buildx engine's network namespace, where its registry is. */
export async function inBuildxNetwork(command: string, args: string[]): Promise<Result> {
  return exec('nsenter', [`--net=${process.env.DOCKWRIGHT_BUILDX_NETNS}`, command, ...args]);
}

/** The buildx engine as auto-detection picks it for its docker CLI; skips or fails when it is not there. */
export async function requireBuildx(ctx: Mocha.Context): Promise<Engine> {
  const hint =
    'Run scripts/test-env/setup.sh as root on Debian 12 with a Debian mirror that serves trixie: it downloads ' +
    "trixie's docker-buildx, docker-cli, docker.io and containerd and unpacks them (never installs them) under " +
    `${path.join(path.dirname(testEnvFilePath()), 'buildx')}; the tests read ${testEnvFilePath()}.`;
  if (!BUILDX_DOCKER)
    skipOrFail(
      ctx,
      `no buildx engine: ${process.env.DOCKWRIGHT_BUILDX_PROBLEM ?? 'DOCKWRIGHT_BUILDX_DOCKER is not set'}. ${hint}`,
    );
  try {
    await buildxDocker('image', 'inspect', '--format', '{{.Id}}', 'local/busybox:1');
  } catch (error) {
    skipOrFail(
      ctx,
      `the buildx engine does not answer or lacks local/busybox:1 (${(error as Error).message}). ${hint}`,
    );
  }
  return detectEngine({ engine: 'auto', dockerPath: BUILDX_DOCKER, env: buildxEnv() });
}

/** The live processes of process group `pgid`, from /proc (zombies excluded). */
export function processGroup(pgid: number): { pid: number; cmdline: string }[] {
  const found: { pid: number; cmdline: string }[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid pgrp …: comm may hold spaces and parentheses
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) !== pgid || state === 'Z') continue;
      found.push({
        pid: Number(entry),
        cmdline: fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' '),
      });
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}
