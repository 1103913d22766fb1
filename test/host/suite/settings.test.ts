// Settings apply at once, with no reload: rule levels, the on/off switch and .hadolint.yaml.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, codes, openEditor, ours, waitFor, waitForCodes, withSetting } from './helpers';

describe('settings (real VS Code)', () => {
  it('dockwright.rules turns a rule off live, and an alias sets its level', async () => {
    const { document } = await openEditor('settings', 'Dockerfile');
    const uri = document.uri;
    await waitForCodes(uri, 'maintainer-deprecated', (c) => c.includes('maintainer-deprecated'));
    const restore = await withSetting('dockwright', 'rules', { 'maintainer-deprecated': 'off' });
    try {
      await waitForCodes(
        uri,
        'maintainer-deprecated off',
        (c) => !c.includes('maintainer-deprecated') && c.includes('non-root-user'),
      );
      await vscode.workspace
        .getConfiguration('dockwright')
        .update('rules', { DL4000: 'error' }, vscode.ConfigurationTarget.Workspace);
      const d = await waitFor(
        'maintainer-deprecated as an error',
        () =>
          ours(uri).find(
            (x) => codeOf(x) === 'maintainer-deprecated' && x.severity === vscode.DiagnosticSeverity.Error,
          ),
        () => codes(uri),
      );
      assert.equal(d.range.start.line, 1);
    } finally {
      await restore();
    }
    await waitFor(
      'maintainer-deprecated back to a warning',
      () =>
        ours(uri).some(
          (x) => codeOf(x) === 'maintainer-deprecated' && x.severity === vscode.DiagnosticSeverity.Warning,
        ),
      () => codes(uri),
    );
  });

  it('an unknown rule or level is reported and the valid entries still apply', async () => {
    const { document } = await openEditor('settings', 'Dockerfile');
    const restore = await withSetting('dockwright', 'rules', {
      'no-such-rule': 'off',
      'maintainer-deprecated': 'loud',
      'non-root-user': 'off',
    });
    try {
      const found = await waitForCodes(document.uri, 'non-root-user off', (c) => !c.includes('non-root-user'));
      assert.ok(found.includes('maintainer-deprecated'), 'the bad level leaves the rule at its default');
    } finally {
      await restore();
    }
  });

  it('dockwright.lint.enable false clears the diagnostics, true brings them back', async () => {
    const { document } = await openEditor('settings', 'Dockerfile');
    await waitFor('diagnostics', () => ours(document.uri).length > 0);
    const restore = await withSetting('dockwright', 'lint.enable', false);
    try {
      await waitFor(
        'no diagnostics while disabled',
        () => ours(document.uri).length === 0,
        () => codes(document.uri),
      );
    } finally {
      await restore();
    }
    await waitForCodes(document.uri, 'diagnostics again', (c) => c.includes('maintainer-deprecated'));
  });

  it('dockwright.lint.useHadolintConfig reads .hadolint.yaml (ignored: DL3006) and can be turned off', async () => {
    const { document } = await openEditor('hadolint', 'Dockerfile');
    const uri = document.uri;
    const withConfig = await waitForCodes(uri, 'diagnostics', (c) => c.includes('maintainer-deprecated'));
    assert.ok(!withConfig.includes('pin-base-image'), `DL3006 is ignored in .hadolint.yaml: ${withConfig}`);
    const restore = await withSetting('dockwright', 'lint.useHadolintConfig', false);
    try {
      await waitForCodes(uri, 'pin-base-image without .hadolint.yaml', (c) => c.includes('pin-base-image'));
    } finally {
      await restore();
    }
    await waitForCodes(
      uri,
      'pin-base-image ignored again',
      (c) => !c.includes('pin-base-image') && c.includes('maintainer-deprecated'),
    );
  });
});
