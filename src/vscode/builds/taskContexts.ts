// A `buildx` task in tasks.json that names another context (or a target) for a Dockerfile makes
// that the build context the context rules read.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BuildContextLocation, BuildContextSource } from '../lint/buildContext';
import { TASK_TYPE, type BuildTaskDefinition } from './taskDefinition';

export class TaskBuildContexts implements BuildContextSource {
  locate(dockerfile: vscode.Uri): BuildContextLocation | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(dockerfile);
    if (!folder) return undefined;
    const tasks = vscode.workspace.getConfiguration('tasks', folder.uri).get<BuildTaskDefinition[]>('tasks') ?? [];
    for (const task of tasks) {
      if (task?.type !== TASK_TYPE || !task.dockerfile || !task.context) continue;
      if (path.resolve(folder.uri.fsPath, task.dockerfile) !== dockerfile.fsPath) continue;
      return { folder: vscode.Uri.file(path.resolve(folder.uri.fsPath, task.context)), target: task.target };
    }
    return undefined;
  }
}
