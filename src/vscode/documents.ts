// Which documents Dockwright lints: the dockerfile language, and Dockerfile names whatever
// language another extension gave them.
import * as vscode from 'vscode';

/** Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile; not `<name>.dockerignore`. */
const DOCKERFILE_NAME = /^(?:Dockerfile(?:\..+)?|Containerfile|.+\.[Dd]ockerfile)$/;
const IGNORE_FILE = /\.dockerignore$/;
/** Real files and unsaved buffers; not diff views (git:), output panes or settings. */
const SCHEMES = ['file', 'untitled', 'vscode-remote', 'vscode-vfs'];

export const DOCKERFILE_GLOB = '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile}';

export function isDockerfileName(fileName: string): boolean {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  return DOCKERFILE_NAME.test(base) && !IGNORE_FILE.test(base);
}

export function isDockerfile(doc: vscode.TextDocument): boolean {
  if (!SCHEMES.includes(doc.uri.scheme)) return false;
  return doc.languageId === 'dockerfile' || isDockerfileName(doc.uri.path);
}

/** For the code action provider: the same documents, as VS Code selects them. */
export const DOCKERFILE_SELECTOR: vscode.DocumentSelector = SCHEMES.flatMap((scheme) => [
  { scheme, language: 'dockerfile' },
  { scheme, pattern: DOCKERFILE_GLOB },
]);
