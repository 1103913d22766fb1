// The README's picture: the quick-fix menu open on a diagnostic, taken by the wrapper
// (test/host/vscode-ext-test.cjs) with playwright when this test asks for it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { diagnostic, openEditor, sleep, waitFor } from './helpers';

const requests = process.env.DOCKWRIGHT_SCREENSHOT_DIR;
const out = process.env.DOCKWRIGHT_SCREENSHOT_OUT;

/** Asks the wrapper for a screenshot once `selector` is visible in the workbench. */
async function screenshot(name: string, selector: string): Promise<string> {
  const file = path.join(out!, `${name}.png`);
  fs.rmSync(file, { force: true });
  const response = path.join(requests!, `${name}.response.json`);
  fs.rmSync(response, { force: true });
  fs.writeFileSync(path.join(requests!, `${name}.request.json`), JSON.stringify({ out: file, waitFor: selector }));
  await waitFor(`the screenshot ${name}`, () => fs.existsSync(response), undefined, 30_000);
  const answer = JSON.parse(fs.readFileSync(response, 'utf8')) as { ok: boolean; error?: string };
  assert.ok(answer.ok, answer.error);
  return file;
}

describe('screenshot (real VS Code)', () => {
  it('saves a picture of the quick-fix menu open on a diagnostic', async function () {
    if (!requests || !out) {
      // Only test/host/run.mjs starts the wrapper that takes pictures.
      if (process.env.CI === 'true') assert.fail('DOCKWRIGHT_SCREENSHOT_DIR is not set: run the host tests through test/host/run.mjs');
      console.log('skipped: no screenshot service (run through test/host/run.mjs)');
      this.skip();
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const editor = await openEditor('screenshot', 'Dockerfile');
    const d = await waitFor('add-instead-of-copy on the screenshot Dockerfile', () => diagnostic(editor.document.uri, 'add-instead-of-copy'));
    editor.selection = new vscode.Selection(d.range.start, d.range.start);
    editor.revealRange(d.range);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await sleep(500); // the problems panel and the squiggles settle
    await vscode.commands.executeCommand('editor.action.quickFix');
    const file = await screenshot('quick-fix', '.action-widget');
    const png = fs.readFileSync(file);
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.ok(png.length > 20_000, `a real picture of the workbench, not an empty page (${png.length} bytes)`);
    await vscode.commands.executeCommand('hideCodeActionWidget');
  });
});
