// The `buildx` task definition: the BuildSpec's fields, with paths relative to the workspace folder
// (core/build/taskFields.ts makes them absolute when the task runs).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BuildSpec } from '../../core/builds';

export const TASK_TYPE = 'buildx';

export interface BuildTaskDefinition extends vscode.TaskDefinition, Partial<Omit<BuildSpec, 'context'>> {
  type: typeof TASK_TYPE;
  /** Relative to the workspace folder; the Dockerfile's folder when left out. */
  context?: string;
}

/** The definition a provided task has: the Dockerfile (and stage), in its own folder as context. */
export function definitionFor(
  dockerfile: vscode.Uri,
  folder: vscode.WorkspaceFolder,
  target?: string,
): BuildTaskDefinition {
  const relative = path.relative(folder.uri.fsPath, dockerfile.fsPath).split(path.sep).join('/');
  const context = path.posix.dirname(relative);
  return { type: TASK_TYPE, dockerfile: relative, context, ...(target ? { target } : {}) };
}

/** A short name for a build: its first tag's repository, or the Dockerfile's folder. */
export function buildName(spec: BuildSpec): string {
  const tag = spec.tags?.[0];
  if (tag)
    return (
      tag
        .replace(/[:@].*$/, '')
        .split('/')
        .pop() ?? tag
    );
  return path.basename(spec.context);
}
