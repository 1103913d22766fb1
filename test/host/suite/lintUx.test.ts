// What a user sees of the findings in the editor (issue 15): a quick-fix menu that leads with
// fixes, and suggestions that do not underline the file.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeActions, codes, diagnostic, openEditor, ours, waitFor, withSetting } from './helpers';

const SILENCE = /^Ignore or disable /;

describe('the findings as a user sees them (real VS Code)', () => {
  it('the quick-fix menu lists the fixes first, then one entry to ignore or disable', async () => {
    const { document } = await openEditor('menu', 'Dockerfile');
    // line 3 has five findings, each with a fix: the menu had ten Ignore/Disable entries after them
    const rules = ['apt-get-yes', 'apt-lists-cleanup', 'apt-no-install-recommends', 'cache-mount', 'consecutive-run'];
    await waitFor(
      'the five findings of line 3',
      () => rules.every((r) => diagnostic(document.uri, r)),
      () => codes(document.uri),
    );
    const titles = (await codeActions(document.uri, document.lineAt(2).range)).map((a) => a.title);
    const silencing = titles.filter((t) => SILENCE.test(t));
    assert.deepEqual(silencing, ['Ignore or disable a rule here…'], titles.join(' | '));
    assert.equal(titles[titles.length - 1], silencing[0], `the fixes come first: ${titles.join(' | ')}`);
    assert.equal(titles.length, rules.length + 1, titles.join(' | '));
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
});
