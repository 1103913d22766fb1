// Which documents Dockwright lints: the dockerfile language, and Dockerfile names whatever
// language another extension gave them.
import * as vscode from 'vscode';
import { DOCKERFILE_GLOB, isDockerfileName } from '../core/dockerfile/names';

export { DOCKERFILE_GLOB, isDockerfileName };

/** Real files and unsaved buffers; not diff views (git:), output panes or settings. */
const SCHEMES = ['file', 'untitled', 'vscode-remote', 'vscode-vfs'];

export function isDockerfile(doc: vscode.TextDocument): boolean {
  if (!SCHEMES.includes(doc.uri.scheme)) return false;
  return doc.languageId === 'dockerfile' || isDockerfileName(doc.uri.path);
}

/** For the code action provider: the same documents, as VS Code selects them. */
export const DOCKERFILE_SELECTOR: vscode.DocumentSelector = SCHEMES.flatMap((scheme) => [
  { scheme, language: 'dockerfile' },
  { scheme, pattern: DOCKERFILE_GLOB },
]);
