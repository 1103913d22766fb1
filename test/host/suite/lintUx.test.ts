// What a user sees of the findings in the editor (issue 15): suggestions that do not underline the file.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnostic, openEditor, ours, waitFor, withSetting } from './helpers';

describe('the findings as a user sees them (real VS Code)', () => {
  it('shows info findings as hints (dots, not underlines) unless dockwright.lint.infoSeverity says information', async () => {
    const { document } = await openEditor('menu', 'Dockerfile');
    const severityOf = (rule: string) => diagnostic(document.uri, rule)?.severity;
    await waitFor('consecutive-run', () => severityOf('consecutive-run') !== undefined);
    assert.equal(severityOf('consecutive-run'), vscode.DiagnosticSeverity.Hint);
    assert.equal(severityOf('apt-get-yes'), vscode.DiagnosticSeverity.Warning, 'warnings keep their underline');
    const restore = await withSetting('dockwright', 'lint.infoSeverity', 'information');
    try {
      await waitFor(
        'consecutive-run as information',
        () => severityOf('consecutive-run') === vscode.DiagnosticSeverity.Information,
        () => ours(document.uri).map((d) => d.severity),
      );
    } finally {
      await restore();
    }
    await waitFor(
      'consecutive-run back to a hint',
      () => severityOf('consecutive-run') === vscode.DiagnosticSeverity.Hint,
    );
  });
});
