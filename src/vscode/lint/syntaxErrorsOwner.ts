// Who reports a Dockerfile's syntax errors in the editor. Microsoft's Container Tools (and the
// Docker extension before it) and Docker DX each run a language server that reports them already;
// a second, identical error from Dockwright is noise users have complained about. Free of vscode,
// so that the decision is unit-tested; settings.ts hands it the extensions that are installed.

/** Extensions whose language servers report BuildKit's syntax errors in Dockerfiles. */
export const SYNTAX_ERROR_REPORTERS = [
  'ms-azuretools.vscode-containers',
  'ms-azuretools.vscode-docker',
  'docker.docker',
] as const;

export type SyntaxErrorsSetting = 'auto' | 'on' | 'off';

/**
 * Whether Dockwright reports syntax errors: `on` always, `off` never, `auto` (and anything not
 * understood) unless an extension that reports them is installed and enabled.
 */
export function reportsSyntaxErrors(setting: unknown, isActiveExtension: (id: string) => boolean): boolean {
  if (setting === 'on') return true;
  if (setting === 'off') return false;
  return !SYNTAX_ERROR_REPORTERS.some(isActiveExtension);
}
