// A folder with no Dockerfile, as a first-time user opens it: the Build Targets view says what to
// do, and Build Image… says why it does nothing. This file runs alone, in a window of its own on an
// empty folder (test/host/run.mjs).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { dockwrightExtension, viewChildren, waitFor } from './helpers';
import { requireUi, ui } from './ui';

describe('a workspace with no Dockerfile (real VS Code)', () => {
  it('Build Targets shows its welcome content, and Build Image… says there is no Dockerfile', async function () {
    requireUi(this); // the welcome content and the message are on the page, not in the API
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the window has a folder open');
    assert.deepEqual(await vscode.workspace.fs.readDirectory(folder.uri), [], 'the folder is empty');

    // opening the view activates Dockwright
    await vscode.commands.executeCommand('dockwright.buildTargets.focus');
    const extension = dockwrightExtension();
    await waitFor(
      'Dockwright to activate on its view',
      () => extension?.isActive,
      () => extension?.isActive,
      30_000,
    );
    assert.deepEqual(await viewChildren('dockwright.buildTargets'), []);
    const [welcome] = await ui('empty-build-targets', [
      { read: '.welcome-view-content', text: 'No Dockerfile in this workspace yet.' },
    ]);
    assert.match(
      welcome,
      /No Dockerfile in this workspace yet\.\s*Create Dockerfile\s*Dockwright lists each Dockerfile here/,
    );

    const started = await vscode.commands.executeCommand('dockwright.buildImage');
    assert.equal(started, undefined, 'no build task starts');
    const [message] = await ui('empty-build-image', [
      { read: '.notification-toast', text: 'No Dockerfile in this workspace.' },
    ]);
    assert.match(message, /No Dockerfile in this workspace\./);
  });
});
