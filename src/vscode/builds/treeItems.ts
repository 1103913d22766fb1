import * as path from 'node:path';
import * as vscode from 'vscode';

/** A file's row in Build Targets (a Dockerfile, a bake file): its name, its folder in the workspace, and Open. */
export function fileTreeItem(uri: vscode.Uri, contextValue: string): vscode.TreeItem {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const item = new vscode.TreeItem(path.basename(uri.fsPath), vscode.TreeItemCollapsibleState.Expanded);
  item.resourceUri = uri;
  item.description = folder
    ? path.dirname(path.relative(folder.uri.fsPath, uri.fsPath)).replace(/^\.$/, '')
    : undefined;
  item.contextValue = contextValue;
  item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
  return item;
}

/** A build or bake task: in the Build group, in a terminal of its own that is cleared each run. */
export function buildTask(
  definition: vscode.TaskDefinition,
  folder: vscode.WorkspaceFolder,
  name: string,
  execution: vscode.CustomExecution,
): vscode.Task {
  const task = new vscode.Task(definition, folder, name, 'dockwright', execution, []);
  task.group = vscode.TaskGroup.Build;
  task.presentationOptions = {
    reveal: vscode.TaskRevealKind.Always,
    panel: vscode.TaskPanelKind.Dedicated,
    clear: true,
  };
  return task;
}
