// Snippets inserted in the real editor, from the snippets the extension contributes.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openEditor, waitFor } from './helpers';

describe('snippets (real VS Code)', () => {
  it('inserts the HEALTHCHECK snippet with its defaults, the first tab stop selected', async () => {
    const editor = await openEditor('snippets', 'Dockerfile');
    const end = new vscode.Position(editor.document.lineCount - 1, 0);
    editor.selection = new vscode.Selection(end, end);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'dockerfile', name: 'HEALTHCHECK' });
    const text = await waitFor(
      'the snippet text',
      () => editor.document.getText().includes('HEALTHCHECK') && editor.document.getText(),
    );
    assert.equal(
      text,
      [
        'FROM debian:12-slim',
        'HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \\',
        '    CMD wget -qO /dev/null http://localhost:8080/healthz || exit 1',
        '',
      ].join('\n'),
    );
    assert.equal(editor.document.getText(editor.selection), '30s', 'the first tab stop is the interval');
    await vscode.commands.executeCommand('leaveSnippet');
  });
});
