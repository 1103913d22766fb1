// Pushing with the real Docker engine (DOCKER_HOST from the test set-up), each push with its own
// throw-away client config so that no login touches the user's.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Options, Result } from 'execa' with { 'resolution-mode': 'import' };
import { env } from './testEnv';
import { skipOrFail } from '../../support/skipOrFail';

const run = async (args: string[], options: Options = {}): Promise<Result> =>
  (await import('execa')).execa(env.dockerBin, args, { reject: false, timeout: 120_000, ...options });

/** Skips (outside CI) or fails (CI=true) unless the engine answers and has the base image. */
export async function requireEngine(ctx: Mocha.Context): Promise<void> {
  const result = await run(['image', 'inspect', env.baseImage], { timeout: 15_000 });
  if (result.exitCode === 0) return;
  const message = `Docker engine or ${env.baseImage} missing (DOCKER_HOST=${process.env.DOCKER_HOST ?? 'unset'}). Start it with scripts/test-env/setup.sh (as root).`;
  skipOrFail(ctx, message);
}

/** `docker tag` the base image as `target` and `docker push` it, logging in first when asked; the
 * tag is removed again, so that runs leave nothing on the engine (the registry keeps the push). */
export async function enginePush(target: string, login?: { host: string; user: string; pass: string }): Promise<void> {
  const config = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-docker-config-'));
  try {
    const check = (result: Result, what: string) => {
      if (result.exitCode !== 0)
        throw new Error(`${what} failed (exit ${result.exitCode}): ${String(result.stderr).slice(-500)}`);
    };
    if (login)
      check(
        await run(['--config', config, 'login', '--username', login.user, '--password-stdin', login.host], {
          input: login.pass,
        }),
        `docker login ${login.host}`,
      );
    check(await run(['tag', env.baseImage, target]), `docker tag ${target}`);
    check(await run(['--config', config, 'push', target]), `docker push ${target}`);
  } finally {
    await run(['image', 'rm', target]);
    fs.rmSync(config, { recursive: true, force: true });
  }
}
