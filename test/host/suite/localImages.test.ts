// The Images root of the Registries view on the real engine (Docker 20.10) and the open test
// registry: an image built with Build Image… is listed with its size and its Dockerfile, takes a
// tag typed into Tag…, is pushed by Push…, has its ID copied and is removed after a confirmation;
// an engine that does not answer is one row saying so.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadExeca } from '../../../src/core/builds/execa';
import {
  answerNextModal,
  buildEnd,
  DOCKER,
  removeImage,
  runAnswering,
  useRealEngine,
  viewRefreshes,
  viewRows,
  waitForAsync,
  watchBuild,
  withSetting,
  workspaceUri,
} from './helpers';
import { quickInputTitled, requireUi, ui } from './ui';
import { skipOrFail } from '../../support/skipOrFail';

const VIEW = 'dockwright.registries';

/** The rows under the Images root: each image row by its label, and the other rows. */
async function imageRows() {
  const root = (await viewRows(VIEW)).find((r) => r.element.kind === 'images');
  assert.ok(root, 'the Registries view has an Images root');
  assert.equal(root.item.label, 'Images');
  return viewRows(VIEW, root.element);
}

/** The row of `reference` once the Images root lists it. */
async function imageRow(reference: string) {
  return waitForAsync(`${reference} under Images`, async () =>
    (await imageRows()).find((r) => r.element.kind === 'localImage' && r.item.label === reference),
  );
}

async function dockerOut(args: string[], input?: string): Promise<{ exitCode?: number; stdout: string }> {
  const { execa } = await loadExeca();
  const r = await execa(DOCKER, args, { reject: false, ...(input === undefined ? { stdin: 'ignore' } : { input }) });
  return { exitCode: r.exitCode, stdout: String(r.stdout).trim() };
}

describe('the Images root (real VS Code, real engine and registry)', function () {
  this.timeout(180_000);
  useRealEngine('docker');
  const registry = process.env.TEST_REGISTRY;
  const run = `run-${Date.now().toString(36)}`;
  const built = `dockwright-host-images:${run}`;
  const pushed = `${registry}/dockwright-host-images:${run}`;
  const used = `dockwright-host-images:used-${run}`;
  const dockerfile = workspaceUri('build', 'norun.Dockerfile');

  before(function () {
    if (!registry) skipOrFail(this, 'TEST_REGISTRY is not set: start the registries with scripts/test-env/setup.sh');
    requireUi(this);
  });
  after(async () => {
    await removeImage(built);
    await removeImage(pushed);
    await removeImage(used);
  });

  it('lists an image built with Build Image… with its size and the Dockerfile it was built from', async () => {
    const refreshes = await viewRefreshes(VIEW);
    const { end } = await runAnswering('dockwright.buildImage', dockerfile, () =>
      ui('images-build', [quickInputTitled('Image tag'), { press: 'Control+A' }, { type: built }, { press: 'Enter' }]),
    );
    assert.equal(end?.exitCode, 0, end?.output);
    const row = await waitForAsync('the Dockerfile on the row', async () => {
      const found = await imageRow(built);
      return String(found.item.description).includes('norun.Dockerfile') ? found : undefined;
    });
    // once the image is read and recorded, the root is listed again: once a build, with its Dockerfile
    await waitForAsync('the refresh after the build', async () => (await viewRefreshes(VIEW)) > refreshes);
    assert.equal((await viewRefreshes(VIEW)) - refreshes, 1, 'the Images root refreshed once for the build');
    assert.match(String(row.item.description), /^\d+(\.\d)? (kB|MB) · .+ · norun\.Dockerfile$/);
    assert.match(String(row.item.tooltip), /built from build\/norun\.Dockerfile/);
    assert.equal(row.item.contextValue, 'dockwright.localImage.tagged.built');
  });

  it('Copy ID copies the ID the engine has for it', async () => {
    const { element } = await imageRow(built);
    const copied = await vscode.commands.executeCommand<string>('dockwright.images.copyId', element);
    assert.equal(copied, (await dockerOut(['image', 'inspect', '--format', '{{.Id}}', built])).stdout);
    assert.equal(await vscode.env.clipboard.readText(), copied);
  });

  it('Tag… gives it the name typed, checked as a reference', async () => {
    const { element } = await imageRow(built);
    const tagging = Promise.resolve(vscode.commands.executeCommand<string>('dockwright.images.tag', element));
    const [refusal] = await ui('images-tag', [
      quickInputTitled(`Tag ${built}`),
      { press: 'Control+A' },
      { type: 'Not A Name' },
      { read: '.quick-input-widget .quick-input-message', text: 'not a valid' },
      { press: 'Control+A' },
      { type: pushed },
      { press: 'Enter' },
    ]);
    assert.match(refusal, /is not a valid repository name/);
    assert.equal(await tagging, pushed);
    await imageRow(pushed);
    assert.equal((await dockerOut(['image', 'inspect', pushed])).exitCode, 0);
  });

  it('Push… pushes it to the registry as the push task does', async () => {
    const { element } = await imageRow(pushed);
    const build = watchBuild((name) => name === `push ${pushed}`);
    const pushing = Promise.resolve(vscode.commands.executeCommand('dockwright.images.push', element));
    await ui('images-push', [quickInputTitled(`Push ${pushed}`), { press: 'Enter' }]);
    assert.ok(await pushing, 'Push… started a task');
    const { exitCode, output } = await buildEnd(build, 120_000);
    assert.equal(exitCode, 0, output);
    const response = await fetch(`http://${registry}/v2/dockwright-host-images/manifests/${run}`, {
      headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json' },
    });
    await response.arrayBuffer();
    assert.equal(response.status, 200, `the registry has ${pushed}`);
  });

  it('Remove asks first, and removes the tag once confirmed', async () => {
    const { element } = await imageRow(pushed);
    const remove = () => vscode.commands.executeCommand<boolean | undefined>('dockwright.images.remove', element);
    const before = (await answerNextModal('Cancel')).length;
    assert.equal(await remove(), false, 'cancelled: nothing goes');
    assert.equal((await dockerOut(['image', 'inspect', pushed])).exitCode, 0);
    assert.deepEqual((await answerNextModal('Remove')).slice(before), [`Remove ${pushed}?`]);
    assert.equal(await remove(), true);
    assert.notEqual((await dockerOut(['image', 'inspect', pushed])).exitCode, 0, `${pushed} is gone`);
    await waitForAsync(`${pushed} gone from the Images root`, async () =>
      (await imageRows()).every((r) => r.item.label !== pushed),
    );
  });

  it('Remove says which container uses the image, and removes nothing', async () => {
    // an image of its own: one name, no digest (a pushed image's digest would keep it, untagged)
    await dockerOut(['build', '--quiet', '--tag', used, '-'], `FROM local/busybox:1\nLABEL run=${run}\n`);
    const { element } = await imageRow(used);
    const container = (await dockerOut(['create', used])).stdout;
    try {
      await vscode.commands.executeCommand('notifications.clearAll');
      await answerNextModal('Remove');
      assert.equal(await vscode.commands.executeCommand('dockwright.images.remove', element), undefined);
      await ui('images-remove-used', [
        { waitFor: '.notification-toast', text: `${used} is used by container ${container.slice(0, 12)}` },
      ]);
      assert.equal((await dockerOut(['image', 'inspect', used])).exitCode, 0, `${used} is still there`);
    } finally {
      await dockerOut(['rm', container]);
    }
  });

  it('shows one row saying so when the engine does not answer', async () => {
    // the docker CLI, on a socket nothing listens on
    const script = path.join(os.tmpdir(), `dockwright-dead-docker-${process.pid}`);
    fs.writeFileSync(script, `#!/bin/sh\nDOCKER_HOST=unix:///nonexistent/dead.sock exec ${DOCKER} "$@"\n`, {
      mode: 0o755,
    });
    const restore = await withSetting('dockwright', 'dockerPath', script);
    try {
      await vscode.commands.executeCommand('notifications.clearAll');
      const rows = await waitForAsync('the engine row', async () => {
        const shown = await imageRows();
        return shown.some((r) => r.element.kind === 'imagesMessage') ? shown : undefined;
      });
      assert.deepEqual(
        rows.map((r) => [r.element.kind, r.item.label]),
        [['imagesMessage', 'Docker does not answer: start it, or check DOCKER_HOST and dockwright.dockerPath']],
      );
      assert.match(String(rows[0].item.tooltip), /dead\.sock/);
      // no notification: the row says it
      await ui('images-dead-engine', [{ waitFor: '.notification-toast', text: 'does not answer', state: 'hidden' }]);
    } finally {
      await restore();
      fs.rmSync(script, { force: true });
    }
  });
});
