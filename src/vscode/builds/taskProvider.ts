// The `buildx` task type: one task per Dockerfile and one per named stage, each run through a
// CustomExecution so that its output streams live into the terminal.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DOCKERFILE_GLOB } from '../documents';
import type { BuildAction, BuildServices } from './session';
import { BuildTerminal } from './terminal';
import { definitionFor, TASK_TYPE, type BuildTaskDefinition } from './taskDefinition';

export class BuildTaskProvider implements vscode.TaskProvider {
  constructor(private readonly services: BuildServices) {}

  async provideTasks(token: vscode.CancellationToken): Promise<vscode.Task[]> {
    const tasks: vscode.Task[] = [];
    for (const uri of await vscode.workspace.findFiles(DOCKERFILE_GLOB, undefined, 500, token)) {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (!folder) continue;
      const relative = path.relative(folder.uri.fsPath, uri.fsPath);
      tasks.push(this.task(definitionFor(uri, folder), folder, `build ${relative}`));
      const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      const { parseDockerfile } = await this.services.loadCore();
      for (const stage of parseDockerfile(text).stages) {
        if (stage.name)
          tasks.push(
            this.task(definitionFor(uri, folder, stage.name), folder, `build ${relative} --target ${stage.name}`),
          );
      }
    }
    return tasks;
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const folder = task.scope && typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    return this.task(task.definition as BuildTaskDefinition, folder, task.name);
  }

  /** A task for the definition; `action` picks build, build-and-push or push. */
  task(
    definition: BuildTaskDefinition,
    folder: vscode.WorkspaceFolder,
    name: string,
    action: BuildAction = definition.push ? 'buildAndPush' : 'build',
  ): vscode.Task {
    const execution = new vscode.CustomExecution(async () => {
      const { specFromTaskFields } = await this.services.loadCore();
      const spec = specFromTaskFields(
        action === 'buildAndPush' ? { ...definition, push: undefined } : definition,
        folder.uri.fsPath,
      );
      return new BuildTerminal({ spec, action }, this.services, name);
    });
    const task = new vscode.Task(definition, folder, name, 'dockwright', execution, []);
    task.group = vscode.TaskGroup.Build;
    task.presentationOptions = {
      reveal: vscode.TaskRevealKind.Always,
      panel: vscode.TaskPanelKind.Dedicated,
      clear: true,
    };
    return task;
  }
}

export { TASK_TYPE };
