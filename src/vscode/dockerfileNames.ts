// Which file names are Dockerfiles, whatever language mode another extension gave them: the
// same names `dockwright lint` looks for in folders. No vscode import (unit-tested in plain Node).
import { isDockerfileName as isDockerfileBaseName } from '../cli/discovery';

/** The same names as a glob, for activation, file watchers and document selectors. */
export const DOCKERFILE_GLOB = '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile}';

/** For a path or a URI path: Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile. */
export function isDockerfileName(fileName: string): boolean {
  return isDockerfileBaseName(fileName.split(/[\\/]/).pop() ?? '');
}
