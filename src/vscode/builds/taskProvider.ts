// The `buildx` task type: one task per Dockerfile and one per named stage, each run through a
// CustomExecution so that its output streams live into the terminal.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DOCKERFILE_GLOB } from '../documents';
import { readDockerfileText } from './readDockerfile';
import type { BuildAction, BuildServices } from './session';
import { BuildTerminal } from './terminal';
import { buildTask } from './treeItems';
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
      // one file that cannot be read (too large, not a file) costs its stage tasks, not the list
      const text = await readDockerfileText(uri).catch(() => undefined);
      if (text === undefined) continue;
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

  /** A task for the definition; `action` picks build, build-and-push or push; `sign` signs what it pushed. */
  task(
    definition: BuildTaskDefinition,
    folder: vscode.WorkspaceFolder,
    name: string,
    action: BuildAction = definition.push === true ? 'buildAndPush' : 'build',
    sign = false,
  ): vscode.Task {
    const execution = new vscode.CustomExecution(async () => {
      const { BuildSpecError, specFromTaskFields } = await this.services.loadCore();
      try {
        const spec = specFromTaskFields(
          action === 'buildAndPush' ? { ...definition, push: undefined } : definition,
          folder.uri.fsPath,
        );
        return new BuildTerminal({ spec, action, sign }, this.services, name);
      } catch (error) {
        // a field of the wrong type in tasks.json: the task's terminal says which, as for any refusal
        if (error instanceof BuildSpecError) return new BuildTerminal({ refused: error.message }, this.services, name);
        throw error;
      }
    });
    return buildTask(definition, folder, name, execution);
  }
}

export { TASK_TYPE };
