// Dockwright's extension API holds what another extension would use, and the test hooks are not
// reachable outside the project's own test runs. This file runs in the window that
// test/host/run.mjs opens without DOCKWRIGHT_TEST_HOOKS (the Restricted Mode one, with
// untrusted.test.ts): as an installed extension would be, but for VS Code's test mode.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TEST_HOOK_COMMANDS, TEST_HOOKS_ENV, testHooksEnabled } from '../../../src/vscode/testHooks';
import { dockwrightExtension } from './helpers';

describe('the extension API (real VS Code, no test hooks)', () => {
  it('exports registerBuildContextSource and onDidBuild, nothing else', async () => {
    const extension = dockwrightExtension();
    assert.ok(extension, 'VS Code knows Dockwright');
    const api = await extension.activate();
    assert.deepEqual(Object.keys(api).sort(), ['onDidBuild', 'registerBuildContextSource']);
    assert.equal(typeof api.registerBuildContextSource, 'function');
    assert.equal(typeof api.onDidBuild, 'function');
  });

  it('registers no test hook in a window started without DOCKWRIGHT_TEST_HOOKS, and contributes none', async () => {
    assert.equal(process.env[TEST_HOOKS_ENV], undefined, 'test/host/run.mjs leaves the variable out of this window');
    await dockwrightExtension()!.activate();
    const hooks = Object.values(TEST_HOOK_COMMANDS);
    assert.ok(
      hooks.every((c) => c.startsWith('dockwright.test.')),
      JSON.stringify(hooks),
    );
    const registered = await vscode.commands.getCommands(true);
    assert.ok(registered.includes('dockwright.buildImage'), 'Dockwright registered its commands');
    assert.deepEqual(
      registered.filter((c) => c.startsWith('dockwright.test.')),
      [],
    );
    const contributed = (
      dockwrightExtension()!.packageJSON as { contributes: { commands: { command: string }[] } }
    ).contributes.commands.map((c) => c.command);
    assert.deepEqual(
      contributed.filter((c) => c.startsWith('dockwright.test.')),
      [],
      'no hook is in the Command Palette',
    );
  });

  it('turns the hooks on only in an extension host running its tests, with the variable set', () => {
    const asked = { [TEST_HOOKS_ENV]: '1' };
    assert.equal(testHooksEnabled(vscode.ExtensionMode.Test, asked), true);
    assert.equal(testHooksEnabled(vscode.ExtensionMode.Production, asked), false, 'an installed extension');
    assert.equal(testHooksEnabled(vscode.ExtensionMode.Development, asked), false, 'Run Extension (F5)');
    assert.equal(testHooksEnabled(vscode.ExtensionMode.Test, {}), false, 'a test run that did not ask');
    assert.equal(testHooksEnabled(vscode.ExtensionMode.Test, { [TEST_HOOKS_ENV]: '0' }), false);
  });
});
