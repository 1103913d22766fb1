// Image sizes in a real VS Code against the real engines: after a build each instruction's line
// shows the bytes its layer added, and Show Image Layers… opens the view with the layers by line
// and the wasted bytes. The image writes 3,000,000 bytes in one RUN and deletes them in the next.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ShownLayers } from '../../../src/vscode/images/layersPanel';
import type { ShowImageLayersResult } from '../../../src/vscode/images/showImageLayers';
import { TEST_HOOK_COMMANDS } from '../../../src/vscode/testHooks';
import {
  buildEnd,
  buildxTask,
  paintedNotes,
  DOCKER,
  PODMAN,
  removeImage,
  type TestEngine,
  useRealEngine,
  waitFor,
  waitForAsync,
  watchBuild,
  withSetting,
  workspaceUri,
} from './helpers';
import { requireUi, screenshot, ui } from './ui';

const WRITTEN = 3_000_000;
/** The engines' rounding: exact bytes (overlay2), 4 KiB blocks (containerd snapshots), plus a folder entry. */
const SLACK = 64 * 1024;
/** Untagged: the notes read the image by the ID the build printed. */
const TASK = 'dockwright image layers build';

const shownLayers = () => vscode.commands.executeCommand<ShownLayers | undefined>(TEST_HOOK_COMMANDS.imageLayers);
const showImageLayers = (arg: unknown) =>
  vscode.commands.executeCommand<ShowImageLayersResult>('dockwright.showImageLayers', arg);

function within(actual: number | undefined, bytes: number, what: string): void {
  assert.ok(actual !== undefined && actual >= bytes && actual <= bytes + SLACK, `${what}: ${actual} is not ${bytes}`);
}

/** An element of the Image Layers page: inside the webview's frame, inside the frame that holds the page. */
const inPage = (selector: string) =>
  `iframe.webview.ready >> internal:control=enter-frame >> iframe#active-frame >> internal:control=enter-frame >> ${selector}`;

/**
 * Closes every editor, and waits until the extension host has heard that the view closed: a view
 * shown before that news arrives is torn down by it.
 */
async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitForAsync('the view to close', async () => (await shownLayers()) === undefined || undefined);
}

/**
 * Waits until the view's page has loaded. A webview closed or hidden while it loads can leave the
 * next one blank: VS Code's page then waits for a service worker change that has already happened
 * ("Found unexpected service worker controller"), and never draws.
 */
async function pageLoaded(): Promise<void> {
  await waitForAsync("the view's page to load", async () => (await shownLayers())?.pageReady || undefined);
}

/** Waits until the view's wasted bytes are read, or have failed: the failure is then the assertion's message. */
async function wastedBytesRead(): Promise<ShownLayers> {
  let seen: unknown = 'nothing';
  const now = await waitForAsync('the wasted bytes', async () => {
    const shown = await shownLayers();
    seen = shown ? { image: shown.model.image, waste: shown.model.waste.state } : 'no view';
    return shown && shown.model.waste.state !== 'reading' ? shown : undefined;
  }).catch((error: Error) => {
    throw new Error(`${error.message}; the view showed ${JSON.stringify(seen)}`);
  });
  assert.equal(now.model.waste.state, 'done', JSON.stringify(now.model.waste));
  return now;
}

/** Runs the fixture's task: resolves with the ID of the image it wrote. */
async function buildFixture(): Promise<string> {
  const task = await buildxTask(TASK);
  const build = watchBuild((name) => name === TASK);
  await vscode.tasks.executeTask(task);
  const { exitCode, output } = await buildEnd(build, 120_000);
  assert.equal(exitCode, 0, output);
  // BuildKit names it in a step; podman prints the bare ID as its last line
  const ids = [
    ...output.matchAll(/(?:writing image|exporting manifest(?: list)?) (sha256:[0-9a-f]{64})|^([0-9a-f]{64})\r?$/gm),
  ];
  assert.ok(ids.length, `the build names its image: ${output.slice(-400)}`);
  const last = ids[ids.length - 1];
  return last[1] ?? last[2];
}

function imageLayersTestsOn(engine: TestEngine): void {
  const dockerfile = workspaceUri('image-layers', 'Dockerfile');
  let image: string | undefined;
  after(async () => {
    if (image) await removeImage(image, engine);
  });

  it('after a build, each line shows the bytes its instruction added beside its timing', async () => {
    await vscode.window.showTextDocument(dockerfile);
    image = await buildFixture();
    const notes = await waitForAsync(
      'the sizes beside the timings',
      async () => {
        const painted = await paintedNotes(dockerfile);
        return painted.some((n) => n.text.startsWith('base image')) ? painted : undefined;
      },
      30_000,
    );
    const text = (line: number) => notes.find((n) => n.line === line)?.text ?? '(none)';
    const seen = `; the notes: ${JSON.stringify(notes)}`;
    const TIMING = '(\\d+ ms|\\d+\\.\\d s|cached)';
    // podman prints no step's time, only that it came from cache: a built step's note is its size alone
    const timed = engine === 'podman' ? `( · cached)?` : ` · ${TIMING}`;
    assert.match(text(0), new RegExp(`^base image \\d+\\.\\d MB( · ${TIMING})?$`));
    assert.match(text(1), new RegExp(`^\\+3\\.0 MB${timed}$`), `the dd: 3,000,000 bytes${seen}`);
    // the rm's layer: nothing, a 4 KiB block (containerd), or podman's, which counts its tar: 2,048 bytes
    assert.match(text(2), new RegExp(`^\\+(0 B|4\\.1 kB|2\\.0 kB)${timed}$`), `the rm's layer${seen}`);
    assert.match(text(3), new RegExp(`^no layer( · ${TIMING})?$`), `ENV makes no layer${seen}`);
  });

  it('Show Image Layers opens the view on the image: layers by line, the base image, the total', async () => {
    assert.ok(image, 'built by the test before');
    const result = await showImageLayers({ image });
    assert.ok(result && 'shown' in result, JSON.stringify(result));
    const { shown } = result;
    assert.deepEqual(
      shown.rows.map((r) => [r.where, r.text, r.base ?? false]),
      [
        ['line 1', 'FROM local/busybox:1', true],
        ['line 2', 'RUN dd if=/dev/zero of=/big bs=1000 count=3000', false],
        ['line 3', 'RUN rm /big', false],
        ['line 4', 'ENV LAYERS=known', false],
      ],
    );
    within(shown.rows[1].bytes, WRITTEN, 'the dd');
    assert.equal(shown.rows[3].size, 'no layer');
    assert.equal(
      shown.totalBytes,
      shown.rows.reduce((sum, r) => sum + r.bytes, 0),
    );
    assert.equal(shown.base?.image, 'local/busybox:1');
    assert.equal(shown.dockerfile, 'image-layers/Dockerfile', 'the Dockerfile the build recorded');

    // the wasted bytes, streamed from `image save`: the dd's file, which the rm hid
    const { model } = await wastedBytesRead();
    if (model.waste.state !== 'done') return;
    assert.deepEqual(
      model.waste.entries.map((e) => [e.path, e.bytes, e.addedBy.line, e.hiddenBy.line, e.how, e.rule]),
      [['/big', WRITTEN, 1, 2, 'removed', 'prefer-multi-stage']],
    );
    assert.equal(model.waste.bytes, WRITTEN);
    await pageLoaded();
  });

  it('clicking a layer in the view reveals its line in the Dockerfile; a line it does not list does nothing', async () => {
    await closeAllEditors();
    assert.ok(image);
    await showImageLayers(image); // a plain reference, as a command link passes it
    await pageLoaded(); // the reveal hides it
    await vscode.commands.executeCommand(TEST_HOOK_COMMANDS.imageLayersMessage, { type: 'reveal', line: 2 });
    const editor = await waitFor('the Dockerfile revealed', () =>
      vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === dockerfile.toString()),
    );
    assert.equal(editor.selection.active.line, 2, 'the rm line is selected');
    await vscode.commands.executeCommand(TEST_HOOK_COMMANDS.imageLayersMessage, { type: 'reveal', line: 40 });
    assert.equal(editor.selection.active.line, 2, 'a line the view does not list is not revealed');
  });

  it("a click on a layer's line in the page reveals it, through the page's own script", async function () {
    requireUi(this);
    assert.ok(image);
    await closeAllEditors();
    await showImageLayers({ image });
    // the page is drawn again once the wasted bytes are in: click the page that stays
    await wastedBytesRead();
    // a notification left by an earlier test can lie over the button: Playwright waits for it to go
    await vscode.commands.executeCommand('notifications.clearAll');
    // the wasted bytes reach the page as a message, after it was drawn
    await ui('image-layers-click', [
      { waitFor: inPage('table.waste') },
      { click: inPage('button.reveal[data-line="1"]') },
    ]);
    const editor = await waitFor('the Dockerfile revealed at the dd', () =>
      vscode.window.visibleTextEditors.find(
        (e) => e.document.uri.toString() === dockerfile.toString() && e.selection.active.line === 1,
      ),
    );
    assert.equal(editor.selection.active.line, 1);
  });

  if (engine === 'docker')
    it('a view hidden behind an editor and shown again still shows the wasted bytes', async function () {
      requireUi(this);
      assert.ok(image);
      await closeAllEditors();
      await showImageLayers({ image });
      await wastedBytesRead();
      await pageLoaded();
      const tab = vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.label.startsWith('Image Layers'));
      assert.ok(tab, 'the view has a tab');
      const column = tab.group.viewColumn;
      const viewActive = () =>
        vscode.window.tabGroups.all.find((g) => g.viewColumn === column)?.activeTab?.label.startsWith('Image Layers');
      // the Dockerfile over the view, in its group: the page goes; then the view's tab again
      await vscode.window.showTextDocument(dockerfile, { viewColumn: column });
      await waitFor('the view hidden', () => !viewActive());
      await vscode.commands.executeCommand('workbench.action.previousEditorInGroup');
      await waitFor('the view shown', () => viewActive());
      await vscode.commands.executeCommand('notifications.clearAll');
      await ui('image-layers-shown-again', [{ waitFor: inPage('table.waste') }]);
    });

  if (engine === 'docker')
    it('image-layers.png: the Dockerfile with its sizes beside the Image Layers view', async function () {
      requireUi(this);
      assert.ok(image);
      await closeAllEditors();
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      await vscode.commands.executeCommand('workbench.action.closePanel');
      const editor = await vscode.window.showTextDocument(dockerfile);
      const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
      editor.selection = new vscode.Selection(end, end);
      await showImageLayers({ image });
      await wastedBytesRead();
      await vscode.commands.executeCommand('notifications.clearAll');
      await screenshot('image-layers', '.monaco-workbench', [{ waitFor: inPage('table.waste') }]);
    });

  it('Cancel in the view stops reading the layers, and the view says so', async () => {
    assert.ok(image);
    await showImageLayers({ image });
    // as the page's Cancel button sends it, before `image save` (a docker process) can have ended
    await vscode.commands.executeCommand(TEST_HOOK_COMMANDS.imageLayersMessage, { type: 'cancel' });
    const { model } = await waitForAsync('the reading to stop', async () => {
      const now = await shownLayers();
      return now && now.model.waste.state !== 'reading' ? now : undefined;
    });
    assert.deepEqual(model.waste, { state: 'cancelled', message: 'Cancelled.' });
    await pageLoaded();
  });

  it('an image that does not exist: a clear message, no view change', async () => {
    const result = await showImageLayers({ image: 'dockwright-no-such-image:1', dockerfile: dockerfile.fsPath });
    assert.deepEqual(result, {
      error: `no image 'dockwright-no-such-image:1' in the ${engine === 'podman' ? 'podman' : 'Docker'} engine's local store`,
    });
  });

  it('an engine that is not running: a clear message', async () => {
    // the engine's own CLI (buildx's has the plugin), pointed at a socket no daemon listens on
    // (podman has no daemon: its remote client, pointed at a service socket that is not there)
    const { DOCKWRIGHT_BUILDX_DOCKER: buildx, DOCKWRIGHT_BUILDX_DOCKER_CONFIG: config = '' } = process.env;
    const down = 'unix:///nonexistent/engine.sock';
    const cli = {
      docker: `DOCKER_HOST=${down} exec '${DOCKER}' "$@"`,
      buildx: `DOCKER_HOST=${down} DOCKER_CONFIG='${config}' exec '${buildx}' "$@"`,
      podman: `exec '${PODMAN}' --remote --url ${down} "$@"`,
    }[engine];
    const script = path.join(os.tmpdir(), `dockwright-host-down-${process.pid}`, engine);
    fs.mkdirSync(path.dirname(script), { recursive: true });
    fs.writeFileSync(script, `#!/bin/sh\n${cli}\n`, { mode: 0o755 });
    const restore = await withSetting('dockwright', engine === 'podman' ? 'podmanPath' : 'dockerPath', script);
    try {
      const result = await showImageLayers({ image: 'app:1', dockerfile: dockerfile.fsPath });
      assert.ok(result && 'error' in result, JSON.stringify(result));
      assert.match(result.error, /^the engine does not answer: .*(Cannot connect|daemon running|dial unix)/i);
    } finally {
      await restore();
    }
  });
}

describe('image sizes on Docker 20.10 (real VS Code, real engine)', function () {
  this.timeout(180_000);
  useRealEngine('docker');
  imageLayersTestsOn('docker');
});

describe('image sizes on buildx (real VS Code, real engine)', function () {
  this.timeout(180_000);
  useRealEngine('buildx');
  imageLayersTestsOn('buildx');
});

describe('image sizes on podman (real VS Code, real engine)', function () {
  this.timeout(180_000);
  useRealEngine('podman');
  imageLayersTestsOn('podman');
});
