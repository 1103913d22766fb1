// What a user sees of the findings in the editor (issue 15): a quick-fix menu that leads with
// fixes, suggestions that do not underline the file, and a pin finding that says why it has no fix.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeActions, codes, diagnostic, openEditor, ours, waitFor, withSetting } from './helpers';

const SILENCE = /^Ignore or disable /;

describe('the findings as a user sees them (real VS Code)', () => {
  it('the quick-fix menu lists the fixes first, then one entry to ignore or disable', async () => {
    const { document } = await openEditor('menu', 'Dockerfile');
    // line 3 has four findings and five fixes (apt-lists-cleanup's two: the clean-up and a cache mount,
    // one voice for the lists): the menu had ten Ignore/Disable entries after them
    const rules = ['apt-get-yes', 'apt-lists-cleanup', 'apt-no-install-recommends', 'consecutive-run'];
    await waitFor(
      'the four findings of line 3',
      () => rules.every((r) => diagnostic(document.uri, r)),
      () => codes(document.uri),
    );
    const titles = (await codeActions(document.uri, document.lineAt(2).range)).map((a) => a.title);
    const silencing = titles.filter((t) => SILENCE.test(t));
    assert.deepEqual(silencing, ['Ignore or disable a rule here…'], titles.join(' | '));
    assert.equal(titles[titles.length - 1], silencing[0], `the fixes come first: ${titles.join(' | ')}`);
    assert.equal(titles.length, 5 + 1, titles.join(' | '));
    assert.ok(!diagnostic(document.uri, 'cache-mount'), 'the mount is apt-lists-cleanup’s second fix, not a finding');
  });

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

  it('a pin finding whose registry cannot be reached says why it has no fix, in its hover and Problems', async () => {
    const restore = await withSetting('dockwright', 'rules', { 'pin-digest': 'warning' });
    try {
      const doc = await vscode.workspace.openTextDocument({
        language: 'dockerfile',
        content: 'FROM 127.0.0.1:9/team/app:1.0\nUSER 1000\n',
      });
      await vscode.window.showTextDocument(doc);
      const found = await waitFor('pin-digest', () => diagnostic(doc.uri, 'pin-digest'));
      // the look-up runs when the user looks for fixes: the light bulb's request
      const actions = await codeActions(doc.uri, found.range);
      assert.ok(!actions.some((a) => /^Pin /.test(a.title)), actions.map((a) => a.title).join(' | '));
      const explained = await waitFor('the reason on the diagnostic', () =>
        diagnostic(doc.uri, 'pin-digest')?.relatedInformation?.find((r) => /^No registry fix: /.test(r.message)),
      );
      assert.match(explained.message, /Cannot reach 127\.0\.0\.1:9/);
      assert.equal(explained.location.range.start.line, 0, 'on the FROM line');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await restore();
    }
  });
});
