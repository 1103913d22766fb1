// Helpers for the tests inside the real VS Code host: the workspace is a fresh copy of
// test/fixtures/host-workspace, so the tests may edit and save its files.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StepNote } from '../../../src/core/builds';
import { loadExeca } from '../../../src/core/builds/execa';
import type { DockwrightApi } from '../../../src/extension';
import type { BuildEvent } from '../../../src/vscode/builds/session';
import type { TargetItem } from '../../../src/vscode/builds/targetsTree';
import type { RegistryNode } from '../../../src/vscode/registry/tree';
import { TEST_HOOK_COMMANDS, TEST_HOOKS_ENV, type ViewRow } from '../../../src/vscode/testHooks';
import { skipOrFail } from '../../support/skipOrFail';

export function workspaceUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the host was started without the test workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

export async function openEditor(...parts: string[]): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(...parts));
  return vscode.window.showTextDocument(doc);
}

/** Dockwright's diagnostics of a file. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'dockwright');
}

export function codeOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

export function codes(uri: vscode.Uri): string[] {
  return ours(uri).map(codeOf).sort();
}

/** Polls until `probe` returns something truthy; on timeout says what it waited for and what it saw. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false,
  seen: () => unknown = () => undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(seen())}`);
    await sleep(50);
  }
}

export async function waitForAsync<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until the file's Dockwright codes satisfy `ok`, and returns them. */
export function waitForCodes(uri: vscode.Uri, what: string, ok: (codes: string[]) => boolean): Promise<string[]> {
  return waitFor(
    what,
    () => {
      const c = codes(uri);
      return ok(c) && c;
    },
    () => codes(uri),
  );
}

export function diagnostic(uri: vscode.Uri, rule: string): vscode.Diagnostic | undefined {
  return ours(uri).find((d) => codeOf(d) === rule);
}

export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (
    (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ??
    []
  );
}

/** Applies a code action the way the editor does: its edit, then its command. */
export async function apply(action: vscode.CodeAction): Promise<void> {
  if (action.edit && !(await vscode.workspace.applyEdit(action.edit)))
    throw new Error(`the edit of "${action.title}" was not applied`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

export async function readDisk(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** Sets a workspace setting for the duration of a test; the returned function puts the old value back. */
export async function withSetting(section: string, key: string, value: unknown): Promise<() => Thenable<void>> {
  const config = vscode.workspace.getConfiguration(section);
  const before = config.inspect(key)?.workspaceValue;
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  return () => vscode.workspace.getConfiguration(section).update(key, before, vscode.ConfigurationTarget.Workspace);
}

/** Sets dockwright.registries, an application setting (the user's, not the workspace's); resolves to its undo. */
export async function withRegistries(registries: unknown[]): Promise<() => Thenable<void>> {
  const config = vscode.workspace.getConfiguration('dockwright');
  const before = config.inspect('registries')?.globalValue;
  await config.update('registries', registries, vscode.ConfigurationTarget.Global);
  return () =>
    vscode.workspace.getConfiguration('dockwright').update('registries', before, vscode.ConfigurationTarget.Global);
}

/** Dockwright as VS Code knows it, active or not. */
export function dockwrightExtension(): vscode.Extension<DockwrightApi> | undefined {
  return vscode.extensions.all.find((e) => e.packageJSON?.name === 'dockwright');
}

/** The running extension's API (what activate() returned): what another extension gets. */
export function dockwrightApi(): DockwrightApi {
  const ext = dockwrightExtension();
  if (!ext?.isActive) throw new Error('Dockwright is not active');
  return ext.exports;
}

/**
 * Runs one of Dockwright's test hooks: commands that read what it shows and no VS Code API reads
 * back, registered only in a window test/host/run.mjs opens with DOCKWRIGHT_TEST_HOOKS=1
 * (src/vscode/testHooks.ts).
 */
async function hook<T>(command: string, ...args: unknown[]): Promise<T> {
  if (!dockwrightExtension()?.isActive) throw new Error('Dockwright is not active');
  if (!(await vscode.commands.getCommands(true)).includes(command))
    throw new Error(
      `Dockwright registered no ${command}: the window was started without ${TEST_HOOKS_ENV}=1 (test/host/run.mjs sets it)`,
    );
  return vscode.commands.executeCommand<T>(command, ...args);
}

/** The step timings drawn at the end of a Dockerfile's lines after its last build. */
export function stepNotes(dockerfile: vscode.Uri): Promise<StepNote[]> {
  return hook(TEST_HOOK_COMMANDS.stepNotes, dockerfile);
}

/** What is drawn at the end of a Dockerfile's lines: each layer's size and the step's timing, joined. */
export function paintedNotes(dockerfile: vscode.Uri): Promise<StepNote[]> {
  return hook(TEST_HOOK_COMMANDS.paintedNotes, dockerfile);
}

/** The build status bar item's text, e.g. `$(sync~spin) Building api: 3/7 RUN npm ci`. */
export function buildStatusText(): Promise<string> {
  return hook(TEST_HOOK_COMMANDS.buildStatusText);
}

/** Dockwright's views, by their id in package.json, and the elements of their rows. */
interface ViewElements {
  'dockwright.buildTargets': TargetItem;
  'dockwright.registries': RegistryNode;
}

/** The rows a view shows under `parent` (its top level without one): each element and its TreeItem. */
export function viewRows<V extends keyof ViewElements>(
  view: V,
  parent?: ViewElements[V],
): Promise<ViewRow<ViewElements[V]>[]> {
  return hook(TEST_HOOK_COMMANDS.viewRows, view, parent);
}

/** The elements of the rows a view shows under `parent`: what its commands get for each row. */
export async function viewChildren<V extends keyof ViewElements>(
  view: V,
  parent?: ViewElements[V],
): Promise<ViewElements[V][]> {
  return (await viewRows(view, parent)).map((row) => row.element);
}

/** How many times the view was told to refresh since Dockwright started. */
export function viewRefreshes(view: keyof ViewElements): Promise<number> {
  return hook(TEST_HOOK_COMMANDS.viewRefreshes, view);
}

/**
 * Answers the next modal question Dockwright asks with `answer` (VS Code shows no modal dialog in a
 * test run); resolves to the questions answered so far.
 */
export function answerNextModal(answer: string): Promise<string[]> {
  return hook(TEST_HOOK_COMMANDS.answerModal, answer);
}

/** The `buildx` task of tasks.json labelled `label`, if VS Code lists it. */
export async function findBuildxTask(label: string): Promise<vscode.Task | undefined> {
  return (await vscode.tasks.fetchTasks({ type: 'buildx' })).find((t) => t.name === label);
}

/** The `buildx` task of tasks.json labelled `label`; fails the test when there is none. */
export async function buildxTask(label: string): Promise<vscode.Task> {
  const task = await findBuildxTask(label);
  assert.ok(task, `no buildx task '${label}' from tasks.json`);
  return task;
}

/** The docker CLI the tests build with (the Debian engine's, which has BuildKit). */
export const DOCKER = process.env.DOCKER_BIN ?? '/usr/bin/docker';

/** Removes an image a test built or pulled, if it is there: runs leave nothing on the engine. */
export async function removeImage(image: string, engine: TestEngine = 'docker'): Promise<void> {
  const { execa } = await loadExeca();
  const [cli, ...args] = engineCli(engine);
  await execa(cli, [...args, 'image', 'rm', image], { reject: false });
}

/** The test engine's own CLI and its first arguments, for plain commands beside Dockwright's. */
export function engineCli(engine: TestEngine): [string, ...string[]] {
  const { DOCKWRIGHT_BUILDX_DOCKER: buildx = 'docker', DOCKWRIGHT_BUILDX_DOCKER_HOST: host = '' } = process.env;
  return { docker: [DOCKER], podman: [PODMAN], buildx: [buildx, '--host', host] }[engine] as [string, ...string[]];
}

export type TestEngine = 'docker' | 'buildx' | 'podman';

/** scripts/test-env/setup.sh's podman (its storage and registries come from env.sh's variables). */
export const PODMAN = process.env.PODMAN_BIN ?? '/usr/bin/podman';

/**
 * The docker CLI of scripts/test-env/buildx.sh, as a user with buildx has it: a script that runs
 * it with that engine's DOCKER_HOST and DOCKER_CONFIG (the plugin's folder), which the extension
 * host's own environment (Docker 20.10's) would otherwise give it.
 */
function buildxDockerPath(): string {
  const { DOCKWRIGHT_BUILDX_DOCKER: cli, DOCKWRIGHT_BUILDX_DOCKER_HOST: host } = process.env;
  const config = process.env.DOCKWRIGHT_BUILDX_DOCKER_CONFIG;
  const script = path.join(os.tmpdir(), `dockwright-host-buildx-${process.pid}`, 'docker');
  fs.mkdirSync(path.dirname(script), { recursive: true });
  const quote = (value = '') => `'${value.replace(/'/g, `'\\''`)}'`;
  fs.writeFileSync(
    script,
    `#!/bin/sh\nDOCKER_HOST=${quote(host)} DOCKER_CONFIG=${quote(config)} exec ${quote(cli)} "$@"\n`,
    { mode: 0o755 },
  );
  return script;
}

/**
 * Mocha hooks for a suite that builds on a real engine: skips (fails in CI) without it, and points
 * Dockwright at it for the suite's duration: Debian's Docker 20.10 (`docker build`), buildx
 * 0.13 on dockerd 26 (`docker buildx build`), or Debian's podman 4.3 (`podman build`).
 */
export function useRealEngine(engine: TestEngine = 'docker'): void {
  let restore: (() => Thenable<void>)[] = [];
  before(async function () {
    if (!process.env.DOCKER_HOST) {
      const message = 'DOCKER_HOST is not set: start the engine with scripts/test-env/setup.sh';
      skipOrFail(this, message);
    }
    if (engine === 'buildx' && !process.env.DOCKWRIGHT_BUILDX_DOCKER) {
      const why = process.env.DOCKWRIGHT_BUILDX_PROBLEM ?? 'DOCKWRIGHT_BUILDX_DOCKER is not set';
      skipOrFail(this, `no buildx engine (${why}): start it with scripts/test-env/setup.sh`);
    }
    if (engine === 'podman' && !process.env.PODMAN_BIN)
      skipOrFail(this, 'PODMAN_BIN is not set: podman could not run here (scripts/test-env/setup.sh says why)');
    restore = [
      await withSetting('dockwright', 'build.engine', engine),
      engine === 'podman'
        ? await withSetting('dockwright', 'podmanPath', PODMAN)
        : await withSetting('dockwright', 'dockerPath', engine === 'buildx' ? buildxDockerPath() : DOCKER),
    ];
  });
  after(async () => {
    for (const r of restore) await r();
  });
}

/** A build followed through the API's onDidBuild: its text so far, and its end. */
export interface WatchedBuild {
  output(): string;
  /** The end event's exit code and build name; also set as `end` once it came. */
  ended: Promise<{ exitCode: number; build: string }>;
  end?: { exitCode: number; build: string };
  dispose(): void;
}

/** Follows the next build (the next whose name passes `only`) until it ends. */
export function watchBuild(only: (build: string) => boolean = () => true): WatchedBuild {
  let output = '';
  let dispose = () => {};
  const watched: WatchedBuild = {
    output: () => output,
    ended: new Promise((resolve) => {
      const events = dockwrightApi().onDidBuild((e: BuildEvent) => {
        if (!only(e.build)) return;
        if (e.type === 'output') output += e.text;
        else {
          events.dispose();
          watched.end = { exitCode: e.exitCode, build: e.build };
          resolve(watched.end);
        }
      });
      dispose = () => events.dispose();
    }),
    dispose: () => dispose(),
  };
  return watched;
}

/** Waits for a watched build to end, failing after `timeoutMs` with the end of its output. */
export async function buildEnd(
  build: WatchedBuild,
  timeoutMs = 60_000,
): Promise<{ exitCode: number; build: string; output: string }> {
  const end = await Promise.race([build.ended, sleep(timeoutMs).then(() => undefined)]);
  if (!end) build.dispose();
  if (!end)
    throw new Error(`no build ended within ${timeoutMs / 1000} s; its output so far: ${build.output().slice(-500)}`);
  return { ...end, output: build.output() };
}

/** Processes whose command line names the Dockerfile and `build`, read from /proc. */
export function buildProcesses(dockerfile: string): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      if (cmdline.includes(dockerfile) && /\bbuild\b/.test(cmdline)) found.push(`${pid}: ${cmdline}`);
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/**
 * Runs `command` on `dockerfile` while `answer` answers its prompts through the page; resolves
 * with what `answer` gave and the build the command started, or no build when the answers
 * cancelled it (the command then returns no task).
 */
export async function runAnswering<T>(
  command: string,
  dockerfile: vscode.Uri,
  answer: () => Promise<T>,
  timeoutMs = 120_000,
) {
  const build = watchBuild();
  const running = Promise.resolve(vscode.commands.executeCommand(command, dockerfile));
  let answered: T;
  try {
    answered = await answer();
  } catch (error) {
    build.dispose();
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen'); // the command returns instead of waiting on
    throw error;
  }
  if (!(await running)) {
    build.dispose();
    return { answered, end: undefined };
  }
  return { answered, end: await buildEnd(build, timeoutMs) };
}
