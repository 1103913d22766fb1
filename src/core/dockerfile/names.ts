// Which file names are Dockerfiles, whatever language mode another extension gave them: the names
// `dockwright lint` looks for in folders, and the editor lints and lists.

/** The names as a glob, for activation, file watchers and document selectors. */
export const DOCKERFILE_GLOB = '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile}';

/**
 * For a path, a URI path or a bare name: Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile,
 * Containerfile; not `Dockerfile.dockerignore`.
 */
export function isDockerfileName(fileName: string): boolean {
  const name = fileName.split(/[\\/]/).pop() ?? '';
  if (name.endsWith('.dockerignore')) return false;
  return (
    name === 'Dockerfile' ||
    name === 'Containerfile' ||
    name.startsWith('Dockerfile.') ||
    /.\.(Dockerfile|dockerfile)$/.test(name)
  );
}
