// The secret-in-arg-env fix moves a secret into a secret mount; its note offers to add the
// matching `--secret` to the Dockerfile's buildx task in tasks.json.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { apply, codeActions, openEditor, waitFor, diagnostic } from './helpers';

describe('build secrets from a fix (real VS Code)', () => {
  it('applies the secret mount fix, then adds --secret to a buildx task in tasks.json', async () => {
    const { document } = await openEditor('secret-task', 'Dockerfile');
    const found = await waitFor('secret-in-arg-env', () => diagnostic(document.uri, 'secret-in-arg-env'));
    const actions = await codeActions(document.uri, found.range);
    // the command run after the fix carries what it needs: the Dockerfile and the build secrets
    const afterFix = (a: vscode.CodeAction) =>
      a.command?.arguments?.[0] as { dockerfile: vscode.Uri; secrets?: unknown[] } | undefined;
    const fix = actions.find((a) => /secret mount/i.test(a.title) && afterFix(a)?.secrets?.length);
    assert.ok(fix, `a secret-mount fix with secrets: ${actions.map((a) => a.title).join(' | ')}`);
    await apply(fix);
    assert.match(document.getText(), /--mount=type=secret,id=npm_token/);

    const { dockerfile: uri, secrets } = afterFix(fix)!;
    const labels = await vscode.commands.executeCommand<string[]>('dockwright.addSecretToBuildTask', uri, secrets);
    assert.deepEqual(labels, ['build secret-task/Dockerfile']);
    const folder = vscode.workspace.workspaceFolders![0];
    const tasks =
      vscode.workspace
        .getConfiguration('tasks', folder.uri)
        .get<{ label?: string; type: string; dockerfile?: string; secrets?: unknown[] }[]>('tasks') ?? [];
    const task = tasks.find((t) => t.label === 'build secret-task/Dockerfile');
    assert.ok(task, JSON.stringify(tasks));
    assert.equal(task.type, 'buildx');
    assert.equal(task.dockerfile, 'secret-task/Dockerfile');
    assert.deepEqual(task.secrets, [{ id: 'npm_token', env: 'NPM_TOKEN' }]);
    assert.ok(
      tasks.some((t) => t.label === 'dockwright test build'),
      'the other tasks are kept',
    );

    // a second time replaces the entry rather than adding a twin
    await vscode.commands.executeCommand('dockwright.addSecretToBuildTask', uri, secrets);
    const again =
      vscode.workspace.getConfiguration('tasks', folder.uri).get<{ label?: string; secrets?: unknown[] }[]>('tasks') ??
      [];
    assert.equal(again.filter((t) => t.label === 'build secret-task/Dockerfile').length, 1);
    assert.equal(again.find((t) => t.label === 'build secret-task/Dockerfile')!.secrets!.length, 1);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
