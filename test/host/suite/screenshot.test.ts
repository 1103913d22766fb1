// The README's picture: the quick-fix menu open on a diagnostic, taken by the wrapper
// (test/host/vscode-ext-test.cjs) with playwright when this test asks for it.
import * as vscode from 'vscode';
import { diagnostic, openEditor, sleep, waitFor } from './helpers';
import { requireUi, screenshot } from './ui';

describe('screenshot (real VS Code)', () => {
  it('saves a picture of the quick-fix menu open on a diagnostic', async function () {
    requireUi(this); // only test/host/run.mjs starts the wrapper that takes pictures
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const editor = await openEditor('screenshot', 'Dockerfile');
    const d = await waitFor('add-instead-of-copy on the screenshot Dockerfile', () =>
      diagnostic(editor.document.uri, 'add-instead-of-copy'),
    );
    editor.selection = new vscode.Selection(d.range.start, d.range.start);
    editor.revealRange(d.range);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await sleep(500); // the problems panel and the squiggles settle
    await vscode.commands.executeCommand('editor.action.quickFix');
    await screenshot('quick-fix', '.action-widget');
    await vscode.commands.executeCommand('hideCodeActionWidget');
  });
});
