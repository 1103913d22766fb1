// A `buildx` task in tasks.json that names another context (or a target) for a Dockerfile makes
// that the build context the context rules read.
import * as vscode from 'vscode';
import { taskBuildContext } from '../../core/builds/taskFields';
import type { BuildContextLocation, BuildContextSource } from '../lint/buildContext';
import { TASK_TYPE } from './taskDefinition';

export class TaskBuildContexts implements BuildContextSource {
  locate(dockerfile: vscode.Uri): BuildContextLocation | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(dockerfile);
    if (!folder) return undefined;
    // as written by hand: taskBuildContext passes over what is not a task of the right shape
    const tasks = vscode.workspace.getConfiguration('tasks', folder.uri).get<unknown>('tasks');
    const found = taskBuildContext(tasks, TASK_TYPE, folder.uri.fsPath, dockerfile.fsPath);
    return found && { folder: vscode.Uri.file(found.context), target: found.target };
  }
}
