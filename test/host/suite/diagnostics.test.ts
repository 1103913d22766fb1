// Diagnostics in the real editor: which files are linted, what a diagnostic carries, and that
// they follow the text, the settings of the folder and the life of the file.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, codes, openEditor, ours, waitFor, waitForCodes, workspaceUri } from './helpers';

describe('diagnostics (real VS Code)', () => {
  it('reports the expected rule codes on a Dockerfile with violations', async () => {
    const { document } = await openEditor('diagnostics', 'Dockerfile');
    const expected = ['apt-get-yes', 'maintainer-deprecated', 'non-root-user'];
    const found = await waitForCodes(document.uri, expected.join(', '), (c) => expected.every((id) => c.includes(id)));
    assert.ok(found.includes('apt-no-install-recommends'), `found: ${found}`);
  });

  it('gives each diagnostic source dockwright, a code linked to its rule docs, and a severity', async () => {
    const uri = workspaceUri('diagnostics', 'Dockerfile');
    await waitForCodes(uri, 'maintainer-deprecated', (c) => c.includes('maintainer-deprecated'));
    const d = ours(uri).find((x) => codeOf(x) === 'maintainer-deprecated')!;
    assert.equal(d.source, 'dockwright');
    assert.ok(typeof d.code === 'object', 'the code carries a link');
    assert.equal(
      d.code.target.toString(true),
      'https://github.com/dockwright/dockwright/blob/main/docs/rules.md#maintainer-deprecated',
    );
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(d.range.start.line, 1);
  });

  it('lints Dockerfile.*, *.Dockerfile, *.dockerfile and Containerfile, even in another language mode', async () => {
    for (const name of ['Dockerfile.dev', 'prod.Dockerfile', 'app.dockerfile', 'Containerfile']) {
      const doc = await vscode.workspace.openTextDocument(workspaceUri('names', name));
      await vscode.languages.setTextDocumentLanguage(doc, 'plaintext');
      await waitForCodes(doc.uri, `maintainer-deprecated in names/${name} as plaintext`, (c) =>
        c.includes('maintainer-deprecated'),
      );
    }
  });

  it('follows edits: a fixed line loses its diagnostic, a new one gains it', async () => {
    const editor = await openEditor('lifecycle', 'Dockerfile');
    const uri = editor.document.uri;
    await waitForCodes(uri, 'maintainer-deprecated', (c) => c.includes('maintainer-deprecated'));
    await editor.edit((e) =>
      e.replace(editor.document.lineAt(1).range, 'LABEL org.opencontainers.image.authors="Jane"'),
    );
    await waitForCodes(uri, 'maintainer-deprecated to go', (c) => !c.includes('maintainer-deprecated'));
    // Several quick edits: only the last text counts.
    for (const text of ['MAINTAINER a', 'LABEL a=b', 'RUN apt-get install curl']) {
      await editor.edit((e) => e.replace(editor.document.lineAt(1).range, text));
    }
    const final = await waitForCodes(uri, 'apt-get-yes for the last edit', (c) => c.includes('apt-get-yes'));
    assert.ok(!final.includes('maintainer-deprecated'), `found: ${final}`);
  });

  it('clears the diagnostics when the file is closed', async () => {
    const uri = workspaceUri('lifecycle', 'Dockerfile');
    await waitFor('diagnostics before closing', () => ours(uri).length > 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor(
      'diagnostics cleared after closing',
      () => ours(uri).length === 0,
      () => codes(uri),
    );
  });

  it('clears the diagnostics when the file is deleted', async () => {
    const uri = workspaceUri('names', 'prod.Dockerfile');
    await vscode.workspace.openTextDocument(uri);
    await waitFor('diagnostics before deleting', () => ours(uri).length > 0);
    const edit = new vscode.WorkspaceEdit();
    edit.deleteFile(uri);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(
      'diagnostics cleared after deleting',
      () => ours(uri).length === 0,
      () => codes(uri),
    );
  });
});
