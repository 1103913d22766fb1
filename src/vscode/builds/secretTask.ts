// After a fix moves a secret out of ARG/ENV into a secret mount, the build needs `--secret`: this
// adds it to the Dockerfile's `buildx` tasks in tasks.json (or writes one), never a secret's value.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SecretSource } from '../../core/builds';
import { definitionFor, TASK_TYPE, type BuildTaskDefinition } from './taskDefinition';

export const ADD_SECRET_TO_TASK_COMMAND = 'dockwright.addSecretToBuildTask';

type TaskEntry = BuildTaskDefinition & { label?: string };

/** Returns the labels of the tasks that now pass the secrets. */
async function addSecretsToBuildTasks(dockerfile: vscode.Uri, secrets: SecretSource[]): Promise<string[]> {
  const folder = vscode.workspace.getWorkspaceFolder(dockerfile);
  if (!folder) throw new Error('The Dockerfile is not in a workspace folder, so it has no tasks.json.');
  const config = vscode.workspace.getConfiguration('tasks', folder.uri);
  const tasks = [...(config.get<TaskEntry[]>('tasks') ?? [])];
  const ours = (t: TaskEntry) =>
    t?.type === TASK_TYPE && path.resolve(folder.uri.fsPath, t.dockerfile ?? 'Dockerfile') === dockerfile.fsPath;
  if (!tasks.some(ours)) {
    const relative = vscode.workspace.asRelativePath(dockerfile, false);
    tasks.push({ label: `build ${relative}`, ...definitionFor(dockerfile, folder) });
  }
  const labels: string[] = [];
  const updated = tasks.map((task) => {
    if (!ours(task)) return task;
    labels.push(task.label ?? `build ${task.dockerfile}`);
    const kept = (task.secrets ?? []).filter((s) => !secrets.some((n) => n.id === s.id));
    return { ...task, secrets: [...kept, ...secrets] };
  });
  if (config.get('version') === undefined)
    await config.update('version', '2.0.0', vscode.ConfigurationTarget.WorkspaceFolder);
  await config.update('tasks', updated, vscode.ConfigurationTarget.WorkspaceFolder);
  return labels;
}

export function registerSecretTaskCommand(): vscode.Disposable {
  return vscode.commands.registerCommand(
    ADD_SECRET_TO_TASK_COMMAND,
    async (dockerfile: vscode.Uri, wanted: { id: string; env?: string; src?: string }[]) => {
      // a fix names the variable (env) or the file (src); with neither, the id's variable is the guess
      const secrets: SecretSource[] = wanted.map((s) =>
        s.src ? { id: s.id, src: s.src } : { id: s.id, env: s.env ?? s.id.toUpperCase() },
      );
      try {
        const labels = await addSecretsToBuildTasks(dockerfile, secrets);
        void vscode.window.showInformationMessage(
          `Added ${secrets.map((s) => `--secret id=${s.id}`).join(', ')} to ${labels.map((l) => `'${l}'`).join(', ')} in tasks.json.`,
        );
        return labels;
      } catch (error) {
        void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
        return undefined;
      }
    },
  );
}
