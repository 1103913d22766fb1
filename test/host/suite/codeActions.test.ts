// Quick fixes through vscode.executeCodeActionProvider, applied like the lightbulb applies them.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { apply, codeActions, codes, diagnostic, openEditor, waitFor, waitForCodes, withSetting } from './helpers';
import { quickInputTitled, requireUi, ui } from './ui';

/** The entry that silences the rules at the cursor, by how many there are. */
const SILENCE = /^Ignore or disable (a rule here|\S+)…$/;

/**
 * The fix actions (not the ignore-or-disable entry) offered at a rule's diagnostic. The command
 * drops the actions' diagnostics on the way back, so the tests pick fixes by title.
 */
async function fixesAt(uri: vscode.Uri, rule: string): Promise<vscode.CodeAction[]> {
  const d = await waitFor(
    `a ${rule} diagnostic`,
    () => diagnostic(uri, rule),
    () => codes(uri),
  );
  const actions = await codeActions(uri, d.range, vscode.CodeActionKind.QuickFix.value);
  assert.ok(
    actions.some((a) => SILENCE.test(a.title)),
    `offered: ${actions.map((a) => a.title)}`,
  );
  return actions.filter((a) => !SILENCE.test(a.title));
}

/** Applies the ignore-or-disable entry and picks `choice` from the list it opens. */
async function silence(action: vscode.CodeAction, choice: string): Promise<void> {
  const applied = apply(action);
  await ui('silence', [
    quickInputTitled('Ignore or disable a Dockwright rule'),
    { type: choice },
    { waitFor: '.quick-input-list .monaco-list-row', text: choice },
    { press: 'Enter' },
  ]);
  await applied;
}

describe('code actions (real VS Code)', () => {
  it('applies the structural non-root-user fix: a user is created and used, the diagnostic goes', async () => {
    const { document } = await openEditor('fixes', 'Dockerfile');
    // Line 1 (FROM) has only the non-root-user finding, so its fixes are all that is offered there.
    const [fix, ...others] = await fixesAt(document.uri, 'non-root-user');
    assert.ok(fix, 'non-root-user offered a fix');
    assert.equal(others.length, 0, `offered: ${others.map((a) => a.title)}`);
    assert.equal(fix.kind?.value, 'quickfix');
    assert.ok(!fix.isPreferred, 'a structural fix is not preferred: it is not safe');
    await apply(fix);
    const text = document.getText();
    assert.match(text, /^RUN groupadd .*useradd /ms, text);
    assert.match(text, /^USER app\r?\nCMD \["bash"\]/m, text);
    await waitForCodes(
      document.uri,
      'non-root-user to go',
      (c) => !c.includes('non-root-user') && c.includes('apt-get-yes'),
    );
  });

  it('applies a safe fix (apt-get-yes), offered as the preferred one', async () => {
    const { document } = await openEditor('fixes', 'Dockerfile');
    const fix = (await fixesAt(document.uri, 'apt-get-yes')).find((a) => a.title === 'Add -y');
    assert.ok(fix, 'apt-get-yes offered "Add -y"');
    assert.ok(fix.isPreferred, 'a safe fix is preferred');
    await apply(fix);
    assert.match(document.getText(), /apt-get install -y curl/);
    await waitForCodes(
      document.uri,
      'apt-get-yes to go',
      (c) => !c.includes('apt-get-yes') && c.includes('maintainer-deprecated'),
    );
  });

  it('"Ignore <rule> for this instruction" inserts the comment above it with its indentation', async function () {
    requireUi(this);
    const { document } = await openEditor('ignore', 'Dockerfile');
    const d = await waitFor('maintainer-deprecated', () => diagnostic(document.uri, 'maintainer-deprecated'));
    const actions = await codeActions(document.uri, d.range);
    const entry = actions.find((a) => a.title === 'Ignore or disable maintainer-deprecated…');
    assert.ok(entry, `offered: ${actions.map((a) => a.title).join(' | ')}`);
    await silence(entry, 'Ignore maintainer-deprecated for this instruction');
    assert.equal(document.lineAt(4).text, '  # dockwright-ignore maintainer-deprecated');
    assert.match(document.lineAt(5).text, /^ {2}MAINTAINER/);
    await waitForCodes(
      document.uri,
      'maintainer-deprecated ignored',
      (c) => !c.includes('maintainer-deprecated') && c.includes('non-root-user'),
    );
  });

  it('"Disable <rule> in settings" writes the workspace setting and the diagnostics go', async function () {
    requireUi(this);
    const restore = await withSetting('dockwright', 'rules', undefined);
    try {
      const { document } = await openEditor('disable', 'Dockerfile');
      const d = await waitFor('maintainer-deprecated', () => diagnostic(document.uri, 'maintainer-deprecated'));
      const entry = (await codeActions(document.uri, d.range)).find(
        (a) => a.title === 'Ignore or disable maintainer-deprecated…',
      );
      assert.ok(entry);
      await silence(entry, 'Disable maintainer-deprecated in settings');
      const inspected = vscode.workspace.getConfiguration('dockwright').inspect<Record<string, string>>('rules');
      assert.deepEqual(inspected?.workspaceValue, { 'maintainer-deprecated': 'off' });
      await waitForCodes(
        document.uri,
        'maintainer-deprecated off',
        (c) => !c.includes('maintainer-deprecated') && c.includes('non-root-user'),
      );
    } finally {
      await restore();
    }
  });

  it('offers no fix-all in the lightbulb, and the source.fixAll.dockwright action fixes every safe problem', async () => {
    const { document } = await openEditor('fix-all', 'Dockerfile');
    await waitForCodes(document.uri, 'diagnostics', (c) => c.includes('apt-get-yes'));
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const quick = await codeActions(document.uri, whole);
    assert.ok(!quick.some((a) => a.kind?.value === 'source.fixAll.dockwright'));
    const [fixAll] = await codeActions(document.uri, whole, 'source.fixAll.dockwright');
    assert.equal(fixAll?.kind?.value, 'source.fixAll.dockwright');
    await apply(fixAll);
    const text = document.getText();
    const run = text.split('\n').find((l) => l.startsWith('RUN')) ?? '';
    for (const part of [' -y ', ' --no-install-recommends ', ' && rm -rf /var/lib/apt/lists/*'])
      assert.ok(run.includes(part), `${part} in ${run}`);
    assert.match(text, /^LABEL org\.opencontainers\.image\.authors="Jane Doe <jane@example\.com>"$/m, text);
    assert.doesNotMatch(text, /useradd/, 'fix-all leaves unsafe fixes alone');
    const fixed = ['apt-get-yes', 'apt-lists-cleanup', 'apt-no-install-recommends', 'maintainer-deprecated'];
    await waitForCodes(
      document.uri,
      'the safely fixed findings to go, non-root-user to stay',
      (c) => c.includes('non-root-user') && !c.some((id) => fixed.includes(id)),
    );
  });
});

describe('fix-all on save (real VS Code)', () => {
  it('editor.codeActionsOnSave with source.fixAll.dockwright fixes the file as it is saved', async () => {
    const restore = await withSetting('editor', 'codeActionsOnSave', { 'source.fixAll.dockwright': 'explicit' });
    try {
      const editor = await openEditor('fix-on-save', 'Dockerfile');
      await waitForCodes(editor.document.uri, 'apt-get-yes', (c) => c.includes('apt-get-yes'));
      await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount, 0), 'CMD ["bash"]\n'));
      assert.ok(await editor.document.save(), 'saved');
      const disk = new TextDecoder().decode(await vscode.workspace.fs.readFile(editor.document.uri));
      assert.match(disk, /apt-get install -y --no-install-recommends curl/, disk);
      assert.match(disk, /^LABEL org\.opencontainers\.image\.authors=/m, disk);
      assert.match(disk, /^CMD \["bash"\]$/m, 'the user edit is kept');
    } finally {
      await restore();
    }
  });
});
