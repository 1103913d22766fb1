// The `bake` task type: one task per group and target of each bake file, run through the same
// terminal and runner as a `buildx` task; and the view's Build action on a bake target or group.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BakeSpec } from '../../core/builds';
import type { BakeFiles } from './bakeFiles';
import type { BakeItem } from './bakeTree';
import type { BuildServices } from './session';
import { BuildTerminal } from './terminal';
import { buildTask } from './treeItems';

export const BAKE_TASK_TYPE = 'bake';

export interface BakeTaskDefinition extends vscode.TaskDefinition, Partial<BakeSpec> {
  type: typeof BAKE_TASK_TYPE;
  /** Relative to the workspace folder. */
  file: string;
}

export class BakeTaskProvider implements vscode.TaskProvider {
  constructor(
    private readonly services: BuildServices,
    private readonly files: BakeFiles,
  ) {}

  async provideTasks(token: vscode.CancellationToken): Promise<vscode.Task[]> {
    const tasks: vscode.Task[] = [];
    for (const uri of await this.files.find(token)) {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      // a file buildx cannot read has no tasks; the view says why
      const file = folder && (await this.files.get(uri).catch(() => undefined));
      if (!folder || !file) continue;
      const relative = path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/');
      for (const name of [...file.groups.map((g) => g.name), ...file.targets.map((t) => t.name)])
        tasks.push(this.task({ type: BAKE_TASK_TYPE, file: relative, target: name }, folder));
    }
    return tasks;
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const folder = task.scope && typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    return this.task(task.definition as BakeTaskDefinition, folder, task.name);
  }

  task(definition: BakeTaskDefinition, folder: vscode.WorkspaceFolder, name = taskName(definition)): vscode.Task {
    const execution = new vscode.CustomExecution(async () => {
      const { BakeSpecError, bakeSpecFromTaskFields } = await this.services.loadCore();
      try {
        return new BuildTerminal({ bake: bakeSpecFromTaskFields(definition, folder.uri.fsPath) }, this.services, name);
      } catch (error) {
        if (error instanceof BakeSpecError) return new BuildTerminal({ refused: error.message }, this.services, name);
        throw error;
      }
    });
    return buildTask(definition, folder, name, execution);
  }
}

/** `bake docker-bake.hcl api`. */
function taskName(definition: BakeTaskDefinition): string {
  const target = typeof definition.target === 'string' ? definition.target : 'default';
  return `bake ${String(definition.file)} ${target}`;
}

/** The view's Build action on a bake target or group: its task, run. */
export function runBakeItem(provider: BakeTaskProvider, item: BakeItem): Thenable<vscode.TaskExecution> | undefined {
  if (item.kind === 'bakeFile') return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(item.uri);
  if (!folder) return undefined;
  const file = path.relative(folder.uri.fsPath, item.uri.fsPath).split(path.sep).join('/');
  const target = item.kind === 'bakeGroup' ? item.name : item.target.name;
  return vscode.tasks.executeTask(provider.task({ type: BAKE_TASK_TYPE, file, target }, folder));
}
