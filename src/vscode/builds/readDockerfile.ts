// A Dockerfile read for its stages (the task list, the Build Targets view, the build commands), as
// dockwright lint reads one: a regular file of at most MAX_DOCKERFILE_BYTES. A FIFO named Dockerfile
// would leave the read waiting for ever, and a huge file is no Dockerfile to list stages of.
import * as vscode from 'vscode';
import { formatBytes, MAX_DOCKERFILE_BYTES } from '../../core/files';

/** The file's text; throws an Error saying why when it is no regular file or too large. */
export async function readDockerfileText(uri: vscode.Uri): Promise<string> {
  const stat = await vscode.workspace.fs.stat(uri);
  if (!(stat.type & vscode.FileType.File)) throw new Error('not a regular file');
  if (stat.size > MAX_DOCKERFILE_BYTES) throw new Error(`larger than ${formatBytes(MAX_DOCKERFILE_BYTES)}, not read`);
  return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
}
