// Runs the built CLI as a real process, on copies of the fixtures in a temporary folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../..');
export const cliPath = path.join(repoRoot, 'dist/cli.js');
const fixtures = path.join(repoRoot, 'test/fixtures/cli');

let built: Promise<void> | undefined;

/** `npm run build` once per test run, so the tests exercise the bundle users get. */
export function buildCli(): Promise<void> {
  built ??= import('execa')
    .then(({ execa }) => execa('npm', ['run', '--silent', 'build'], { cwd: repoRoot }))
    .then(() => undefined);
  return built;
}

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function dockwright(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<CliRun> {
  const { execa } = await import('execa'); // execa is ESM-only
  const r = await execa('node', [cliPath, ...args], {
    cwd: options.cwd,
    env: { NO_COLOR: '', XDG_CACHE_HOME: testCacheHome(), ...options.env },
    reject: false,
    stdin: 'ignore',
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

const temps: string[] = [];
let cacheHome: string | undefined;

/** Where the CLI keeps its lint cache in tests: a temporary folder, never the user's. */
function testCacheHome(): string {
  if (!cacheHome || !fs.existsSync(cacheHome)) cacheHome = tempCopy();
  return cacheHome;
}

/** A fresh copy of test/fixtures/cli/<name> (or an empty folder), removed by cleanTemps(). */
export function tempCopy(name?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-cli-'));
  temps.push(dir);
  if (name) fs.cpSync(path.join(fixtures, name), dir, { recursive: true });
  return dir;
}

export function cleanTemps(): void {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function write(dir: string, rel: string, text: string | Buffer): string {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}
