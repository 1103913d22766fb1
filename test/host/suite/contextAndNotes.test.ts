// What a fix can carry besides edits to the Dockerfile: edits to other files of the build
// context, a note for the user, and related locations on the diagnostic.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  apply,
  codeActions,
  codes,
  diagnostic,
  openEditor,
  readDisk,
  waitFor,
  waitForAsync,
  waitForCodes,
  withSetting,
  workspaceUri,
} from './helpers';

describe('context edits, notes and related information (real VS Code)', () => {
  it('the dockerignore-missing fix creates .dockerignore in the Dockerfile folder, and opens it', async () => {
    const editor = await openEditor('dockerignore', 'Dockerfile');
    const { document } = editor;
    const d = await waitFor(
      'dockerignore-missing',
      () => diagnostic(document.uri, 'dockerignore-missing'),
      () => codes(document.uri),
    );
    const actions = await codeActions(document.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const create = actions.find((a) => /\.dockerignore/.test(a.title) && !/^Ignore or disable /.test(a.title));
    assert.ok(create?.isPreferred, `a preferred .dockerignore fix among: ${actions.map((a) => a.title)}`);
    // Applied the way the lightbulb applies it: vscode.executeCodeActionProvider's copy of the edit
    // loses the new file's contents on the way back to the extension, the editor's own path does not.
    editor.selection = new vscode.Selection(d.range.start, d.range.start);
    const before = document.getText();
    await vscode.commands.executeCommand('editor.action.codeAction', {
      kind: 'quickfix',
      preferred: true,
      apply: 'first',
    });
    const ignoreFile = workspaceUri('dockerignore', '.dockerignore');
    const text = await waitForAsync(
      '.dockerignore on disk',
      async () => (await readDisk(ignoreFile).catch(() => '')) || undefined,
    );
    assert.match(text, /^\.git$/m, text);
    assert.match(text, /node_modules/, text);
    const shown = await waitFor('the new .dockerignore in the active editor', () =>
      vscode.window.activeTextEditor?.document.uri.toString() === ignoreFile.toString()
        ? vscode.window.activeTextEditor
        : undefined,
    );
    assert.equal(shown.document.getText(), text, 'the editor shows what was written');
    assert.equal(document.getText(), before, 'the Dockerfile itself is not edited');
    await waitForCodes(document.uri, 'dockerignore-missing to go', (c) => !c.includes('dockerignore-missing'));
  });

  it('fix-all creates a missing .dockerignore when that is the only safe fix (Fix All Safe Problems)', async () => {
    const { document } = await openEditor('fix-all-dockerignore', 'Dockerfile');
    await waitForCodes(document.uri, 'dockerignore-missing', (c) => c.includes('dockerignore-missing'));
    const before = document.getText();
    await vscode.commands.executeCommand('dockwright.fixAll');
    const text = await waitForAsync(
      '.dockerignore on disk',
      async () => (await readDisk(workspaceUri('fix-all-dockerignore', '.dockerignore')).catch(() => '')) || undefined,
    );
    assert.match(text, /^\.git$/m, text);
    assert.equal(document.getText(), before, 'the Dockerfile itself is not edited');
    await waitForCodes(document.uri, 'dockerignore-missing to go', (c) => !c.includes('dockerignore-missing'));
  });

  it('fix-all on save creates a missing .dockerignore when that is the only safe fix', async () => {
    const restore = await withSetting('editor', 'codeActionsOnSave', { 'source.fixAll.dockwright': 'explicit' });
    try {
      const editor = await openEditor('fix-on-save-dockerignore', 'Dockerfile');
      await waitForCodes(editor.document.uri, 'dockerignore-missing', (c) => c.includes('dockerignore-missing'));
      await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount, 0), '# saved\n'));
      assert.ok(await editor.document.save(), 'saved');
      const text = await waitForAsync(
        '.dockerignore on disk',
        async () =>
          (await readDisk(workspaceUri('fix-on-save-dockerignore', '.dockerignore')).catch(() => '')) || undefined,
      );
      assert.match(text, /node_modules/, text);
    } finally {
      await restore();
    }
  });

  it('a fix with a note shows it after applying, through the command attached to the action', async () => {
    const { document } = await openEditor('secret', 'Dockerfile');
    const d = await waitFor(
      'secret-in-arg-env',
      () => diagnostic(document.uri, 'secret-in-arg-env'),
      () => codes(document.uri),
    );
    const actions = await codeActions(document.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const withNote = actions.filter((a) => a.command?.command === 'dockwright.afterFix');
    assert.ok(withNote.length > 0, `offered: ${actions.map((a) => a.title)}`);
    const note = (withNote[0].command!.arguments?.[0] as { note?: string }).note;
    assert.match(String(note), /--secret id=npm_token/);
    assert.ok(!withNote[0].isPreferred, 'a fix that needs a new build flag is not safe');
    await apply(withNote[0]);
    assert.match(document.getText(), /--mount=type=secret,id=npm_token/);
    await waitForCodes(document.uri, 'secret-in-arg-env to go', (c) => !c.includes('secret-in-arg-env'));
  });

  it('carries related information: the first stage of a duplicated name', async () => {
    const { document } = await openEditor('related', 'Dockerfile');
    const d = await waitFor(
      'stage-reference',
      () => diagnostic(document.uri, 'stage-reference'),
      () => codes(document.uri),
    );
    assert.equal(d.relatedInformation?.length, 1);
    const [related] = d.relatedInformation!;
    assert.equal(related.location.uri.toString(), document.uri.toString());
    assert.equal(related.location.range.start.line, 0);
    assert.match(related.message, /build/);
  });
});
