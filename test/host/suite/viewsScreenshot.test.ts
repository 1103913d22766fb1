// The README's pictures of builds and views, taken by the wrapper (test/host/vscode-ext-test.cjs)
// in the real VS Code against the real engine and registry: the step timings at the ends of a
// Dockerfile's lines after a build, and the Dockwright side bar with Build Targets and Registries
// (a repository and a tag opened by clicking their rows, as no API expands another extension's view).
// The registry is a docker-registry of its own, the binary behind TEST_REGISTRY: the shared one
// holds every other test's repositories, which would fill the picture.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadExeca } from '../../../src/core/builds/execa';
import { RegistryClient } from '../../../src/core/registry/client';
import type { RegistryNode } from '../../../src/vscode/registry/tree';
import { pushImage, tinyImage } from '../../fixtures/registry/builders';
import {
  buildxTask,
  DOCKER,
  dockwrightApi,
  openEditor,
  paintedNotes,
  readDisk,
  sleep,
  stepNotes,
  viewChildren,
  waitForAsync,
  withSetting,
  workspaceUri,
} from './helpers';
import { screenshot, uiMissing, type UiStep } from './ui';
import { skipOrFail } from '../../support/skipOrFail';

const repository = 'acme/api';
const tags = ['1.0.0', '1.2.0', '1.10.0'];

/** The docker-registry binary on PATH, if any. */
function registryBinary(): string | undefined {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .map((dir) => path.join(dir, 'docker-registry'))
    .find((file) => fs.existsSync(file));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** An empty docker-registry on a free loopback port, storing into a temporary folder. */
async function startRegistry(binary: string): Promise<{ host: string; stop: () => void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-readme-registry-'));
  const host = `127.0.0.1:${await freePort()}`;
  const config = path.join(dir, 'config.yml');
  fs.writeFileSync(
    config,
    [
      'version: 0.1',
      'log: { level: error }',
      `storage: { filesystem: { rootdirectory: ${JSON.stringify(path.join(dir, 'data'))} } }`,
      `http: { addr: "${host}" }`,
      '',
    ].join('\n'),
  );
  const { execa } = await loadExeca();
  const server = execa(binary, ['serve', config], { reject: false, stdin: 'ignore', all: true });
  const stop = () => {
    server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15_000;
  for (;;) {
    const ok = await fetch(`http://${host}/v2/`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { host, stop };
    if (Date.now() > deadline || server.exitCode !== null) {
      stop();
      throw new Error(`docker-registry did not answer on ${host}: ${String((await server).all ?? '').slice(-2000)}`);
    }
    await sleep(100);
  }
}

/** A picture of the workbench without the toasts that earlier tests left (settings warnings). */
async function cleanScreenshot(name: string, selector: string, before: UiStep[] = []): Promise<void> {
  await vscode.commands.executeCommand('notifications.clearAll');
  await screenshot(name, selector, before);
}

/** A tree row of the workbench whose label is exactly `label`. */
const row = (label: string) => `.monaco-list-row :text-is(${JSON.stringify(label)})`;

/** Runs a task from tasks.json; resolves with the build's exit code (its output is in the task's terminal). */
async function buildExitCode(label: string): Promise<number> {
  const task = await buildxTask(label);
  const ended = new Promise<number>((resolve) => {
    const events = dockwrightApi().onDidBuild((e) => {
      if (e.build !== label || e.type !== 'end') return;
      events.dispose();
      resolve(e.exitCode);
    });
  });
  await vscode.tasks.executeTask(task);
  return ended;
}

describe('README pictures: step timings and the Dockwright views (real VS Code, real engine and registry)', function () {
  this.timeout(180_000);
  const restore: (() => Thenable<void>)[] = [];
  let registriesBefore: unknown;
  let registry: { host: string; stop: () => void } | undefined;

  before(async function () {
    const missing = [
      uiMissing() ?? '',
      !process.env.DOCKER_HOST ? 'DOCKER_HOST is not set: start the engine with scripts/test-env/setup.sh' : '',
      !registryBinary() ? 'docker-registry is not on PATH: scripts/test-env/setup.sh installs it' : '',
    ].filter(Boolean);
    if (missing.length) skipOrFail(this, missing.join('; '));
    restore.push(
      await withSetting('dockwright', 'build.engine', 'docker'),
      await withSetting('dockwright', 'dockerPath', DOCKER),
    );
    // Build Targets lists only build/ (files.exclude is honoured): the other folders are other tests' fixtures.
    const folders = (await vscode.workspace.fs.readDirectory(workspaceUri())).filter(
      ([name, type]) => type === vscode.FileType.Directory && name !== 'build' && !name.startsWith('.'),
    );
    restore.push(await withSetting('files', 'exclude', Object.fromEntries(folders.map(([name]) => [name, true]))));
    registriesBefore = vscode.workspace.getConfiguration('dockwright').inspect('registries')?.globalValue;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    for (const r of restore.reverse()) await r();
    if (registry) {
      await vscode.workspace
        .getConfiguration('dockwright')
        .update('registries', registriesBefore, vscode.ConfigurationTarget.Global);
      registry.stop();
    }
  });

  it('step-timings.png: after a build each instruction shows how long it took, or cached, at the end of its line', async () => {
    // A new message.txt makes the COPY run while the RUN before it comes from cache: both kinds of
    // note. A few megabytes, so that the COPY takes long enough to show a time rather than 0 ms.
    const message = workspaceUri('build', 'message.txt');
    const original = await readDisk(message);
    const line = `built by a buildx task at ${new Date().toISOString()}\n`;
    await vscode.workspace.fs.writeFile(
      message,
      new TextEncoder().encode(line.repeat(Math.ceil(16_000_000 / line.length))),
    );
    try {
      assert.equal(await buildExitCode('dockwright test build'), 0, 'the build failed: its terminal says why');
    } finally {
      await vscode.workspace.fs.writeFile(message, new TextEncoder().encode(original));
    }
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    const editor = await openEditor('build', 'Dockerfile');
    const notes = await stepNotes(editor.document.uri);
    const byLine = new Map(notes.map((n) => [n.line, n.text]));
    assert.ok(byLine.has(1) && byLine.has(3), `the RUN and COPY lines have notes: ${JSON.stringify(notes)}`);
    assert.match(byLine.get(3)!, /^\d+(\.\d)? m?s$/, `the COPY of the new message.txt ran: ${JSON.stringify(notes)}`);
    // the layers' sizes join the timings once the image is read, after the build
    await waitForAsync('the sizes beside the timings', async () =>
      (await paintedNotes(editor.document.uri)).some((n) => n.text.startsWith('base image')),
    );
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end); // no word highlight on the instructions
    await sleep(500); // the notes paint and the build's notification closes
    await cleanScreenshot('step-timings', '.monaco-editor .view-lines');
  });

  it('views.png: the Dockwright side bar with Build Targets and a registry opened to a tag', async () => {
    registry = await startRegistry(registryBinary()!);
    const { host } = registry;
    const client = new RegistryClient(host);
    for (const tag of tags) await pushImage(client, repository, tinyImage('oci'), tag);
    await pushImage(client, 'acme/web', tinyImage('docker'), 'latest');
    await vscode.workspace
      .getConfiguration('dockwright')
      .update('registries', [{ url: host }], vscode.ConfigurationTarget.Global);

    // What the view shows comes from the extension's tree: check it there.
    await vscode.commands.executeCommand('dockwright.registries.refresh');
    const root = (await viewChildren('dockwright.registries')).find(
      (n) => n.kind === 'registry' && n.entry.key === host,
    );
    assert.ok(root, `the registry ${host} is listed`);
    const repos = await viewChildren('dockwright.registries', root);
    assert.deepEqual(
      repos.map((n) => (n.kind === 'repository' ? n.repository : n.kind)),
      [repository, 'acme/web'],
    );
    const repo = repos[0];
    const listed = (await viewChildren('dockwright.registries', repo)).filter(
      (n): n is Extract<RegistryNode, { kind: 'tag' }> => n.kind === 'tag',
    );
    assert.deepEqual(
      listed.map((t) => t.tag),
      ['1.10.0', '1.2.0', '1.0.0'],
    );
    const details = (await viewChildren('dockwright.registries', listed[0])).map((d) =>
      d.kind === 'detail' ? d.label : d.kind,
    );
    assert.deepEqual(details.slice(0, 2), ['digest', 'platform']);

    await openEditor('build', 'Dockerfile');
    // The registry is new on every run, so its row starts collapsed: the clicks open it, the repository and a tag.
    // One click is not always enough: in one CI run the repository never showed after the click
    // on the registry, so each row is clicked, while closed, until its child shows.
    await vscode.commands.executeCommand('workbench.view.extension.dockwright');
    await vscode.commands.executeCommand('dockwright.buildTargets.focus');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await cleanScreenshot('views', row('digest'), [
      { expand: host, until: row(repository) },
      { expand: repository, until: row('1.10.0') },
      { expand: '1.10.0', until: row('digest') },
    ]);
  });
});
