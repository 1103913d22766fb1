// Who reports syntax errors in the editor, decided without vscode: one voice per error.
import assert from 'node:assert/strict';
import { reportsSyntaxErrors } from '../../../src/vscode/lint/syntaxErrorsOwner';

const installed =
  (...ids: string[]) =>
  (id: string) =>
    ids.includes(id);

describe('who reports syntax errors in the editor (unit)', () => {
  for (const [setting, extensions, expected] of [
    ['auto', [], true],
    ['auto', ['ms-azuretools.vscode-containers'], false],
    ['auto', ['ms-azuretools.vscode-docker'], false],
    ['auto', ['docker.docker'], false],
    ['auto', ['redhat.vscode-yaml'], true],
    [undefined, ['docker.docker'], false],
    ['sometimes', [], true],
    ['on', ['ms-azuretools.vscode-containers', 'docker.docker'], true],
    ['off', [], false],
  ] as const) {
    it(`${String(setting)} with ${extensions.join(', ') || 'no other extension'}: ${expected ? 'Dockwright' : 'not Dockwright'}`, () => {
      assert.equal(reportsSyntaxErrors(setting, installed(...extensions)), expected);
    });
  }
});
