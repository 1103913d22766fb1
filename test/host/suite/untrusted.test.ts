// In an untrusted workspace (Restricted Mode) Dockwright still lints, but refuses to build: no
// engine process starts from its commands (VS Code asks for trust before running any task). This file runs in a
// window of its own with workspace trust on (test/host/run.mjs), with publicApi.test.ts.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BuildEvent } from '../../../src/vscode/builds/session';
import { codes, dockwrightApi, openEditor, sleep, waitForCodes, workspaceUri } from './helpers';
import { requireUi, ui } from './ui';

describe('untrusted workspace (real VS Code, Restricted Mode)', () => {
  it('lints, but refuses builds from the commands', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the window should be in Restricted Mode');
    const { document } = await openEditor('diagnostics', 'Dockerfile');
    await waitForCodes(document.uri, 'diagnostics in Restricted Mode', (c) => c.length > 0);
    assert.ok(codes(document.uri).length > 0);

    const events: BuildEvent[] = [];
    const listener = dockwrightApi().onDidBuild((e) => events.push(e));
    try {
      const result = await vscode.commands.executeCommand('dockwright.buildImage', workspaceUri('build', 'Dockerfile'));
      assert.equal(result, undefined, 'the command starts no task');
      // Build and Push… neither: nothing is pushed, and nothing signed by its last step
      const pushed = await vscode.commands.executeCommand(
        'dockwright.buildAndPush',
        workspaceUri('build', 'Dockerfile'),
      );
      assert.equal(pushed, undefined, 'Build and Push… starts no task');

      await sleep(2000);
      assert.deepEqual(events, [], 'no build ran');
      // Tasks need no check of ours here: VS Code itself asks for trust before it runs any task.
    } finally {
      listener.dispose();
    }
  });

  it('refuses to read an image for Show Image Layers, saying why', async () => {
    // refused before the engine is asked: dockwright.dockerPath may come from the workspace's settings
    const result = await vscode.commands.executeCommand('dockwright.showImageLayers', { image: 'app:1' });
    assert.deepEqual(result, {
      error: 'Dockwright does not read images in an untrusted workspace. Trust the workspace to show image layers.',
    });
  });

  it('says why in a notification', async function () {
    requireUi(this);
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('dockwright.buildImage', workspaceUri('build', 'Dockerfile'));
    await ui('untrusted-refusal', [
      { waitFor: '.notification-toast', text: 'does not run builds in an untrusted workspace', timeoutMs: 10_000 },
    ]);
  });

  it('refuses to sign or to make a key pair, saying why', async function () {
    requireUi(this);
    await vscode.commands.executeCommand('notifications.clearAll');
    const tag = { kind: 'tag', registry: '127.0.0.1:9', repository: 'team/app', tag: '1' };
    // refused before anything is asked of the registry or of cosign: the registry here answers nothing
    assert.equal(await vscode.commands.executeCommand('dockwright.registries.signImage', tag), undefined);
    await ui('untrusted-sign-refusal', [
      {
        waitFor: '.notification-toast',
        text: 'does not sign images or make keys in an untrusted workspace',
        timeoutMs: 10_000,
      },
    ]);
    await vscode.commands.executeCommand('notifications.clearAll');
    const folder = workspaceUri('build');
    assert.equal(await vscode.commands.executeCommand('dockwright.signing.generateKeyPair', folder), undefined);
    const written = await vscode.workspace.fs.readDirectory(folder);
    assert.ok(!written.some(([name]) => name.startsWith('cosign.')), 'no key was written');
  });

  it('refuses to push a local image, saying why', async function () {
    requireUi(this);
    const image = { id: `sha256:${'a'.repeat(64)}`, reference: '127.0.0.1:9/team/app:1', rejectedNames: 0 };
    // refused before anything is asked: no name, no engine, no task
    assert.equal(
      await vscode.commands.executeCommand('dockwright.images.push', { kind: 'localImage', image }),
      undefined,
    );
    // read in the notification list: its toast may hide behind those of the tests before
    await vscode.commands.executeCommand('notifications.showList');
    try {
      await ui('untrusted-image-push-refusal', [
        { waitFor: '.notifications-center', text: 'does not push images in an untrusted workspace', timeoutMs: 10_000 },
      ]);
    } finally {
      await vscode.commands.executeCommand('notifications.hideList');
    }
  });
});
