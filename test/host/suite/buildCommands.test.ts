// Build Image… and Build Target… from the palette, and a stage's actions in the Build Targets
// view: they ask only for what they need (a tag, a stage), accept the offered defaults, and run
// the build as a buildx task on the real engine.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  buildEnd,
  dockwrightExtension,
  sleep,
  useRealEngine,
  viewChildren,
  viewRows,
  watchBuild,
  workspaceUri,
} from './helpers';

/**
 * Runs a command that asks questions and accepts every offered answer; resolves with the build's end.
 * It keeps accepting until the command returns, rather than guessing when each prompt opens: on a
 * loaded machine a prompt can take seconds to appear, and accepting with no prompt open does nothing.
 */
async function runAccepting(
  command: string,
  arg: unknown,
): Promise<{ output: string; exitCode: number; build: string }> {
  const build = watchBuild();
  let returned = false;
  const running = Promise.resolve(vscode.commands.executeCommand(command, arg)).finally(() => {
    returned = true;
  });
  for (const deadline = Date.now() + 30_000; !returned && Date.now() < deadline;) {
    await sleep(300);
    if (!returned) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  if (!returned) build.dispose();
  assert.ok(returned, `${command} still waits for an answer after 30 s of accepting its prompts`);
  await running;
  return buildEnd(build);
}

describe('build commands (real VS Code, real engine)', function () {
  useRealEngine();

  it('Build Image… asks for the tag only and builds with the offered one', async () => {
    const { output, exitCode, build } = await runAccepting(
      'dockwright.buildImage',
      workspaceUri('build', 'norun.Dockerfile'),
    );
    assert.equal(exitCode, 0, output);
    assert.equal(build, 'build build:latest');
    assert.match(output, /--tag build:latest/);
    assert.match(output, /naming to docker\.io\/library\/build:latest/);
  });

  it('Build Target… asks for the stage, then the tag, and builds that target', async () => {
    const { output, exitCode } = await runAccepting(
      'dockwright.buildTarget',
      workspaceUri('build', 'norun.Dockerfile'),
    );
    assert.equal(exitCode, 0, output);
    assert.match(output, /--target base/);
  });

  /** The Build Targets view's item for a stage of a Dockerfile in build/. */
  async function stageItem(file: string, label: string) {
    const dockerfile = (await viewChildren('dockwright.buildTargets')).find(
      (f) => f.kind === 'dockerfile' && f.uri.path.endsWith(`/build/${file}`),
    );
    assert.ok(dockerfile, `the view lists build/${file}`);
    const row = (await viewRows('dockwright.buildTargets', dockerfile)).find((s) => s.item.label === label);
    assert.ok(row, `the view lists stage ${label} of build/${file}`);
    return { stage: row.element, treeItem: row.item };
  }

  it('"Build This Target" on a stage in the view builds that stage, asking only for the tag', async () => {
    // app is the second named stage: accepting a stage prompt would have picked base
    const { stage } = await stageItem('norun.Dockerfile', 'app');
    const inline = (
      dockwrightExtension()!.packageJSON as {
        contributes: { menus: Record<string, { command: string; when: string; group?: string }[]> };
      }
    ).contributes.menus['view/item/context'].find(
      (m) => m.when.includes('viewItem == dockwright.stage.named') && m.group?.startsWith('inline'),
    );
    assert.equal(inline?.command, 'dockwright.buildStage', "a named stage's inline action");
    const { output, exitCode } = await runAccepting('dockwright.buildStage', stage);
    assert.equal(exitCode, 0, output);
    assert.match(output, /--target app\b/);
  });

  it('"Open" on a stage in the view reveals its FROM line', async () => {
    const { treeItem } = await stageItem('norun.Dockerfile', 'app');
    assert.ok(treeItem.command, 'a stage opens when clicked');
    await vscode.commands.executeCommand(treeItem.command.command, ...(treeItem.command.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.path.endsWith('/build/norun.Dockerfile'), editor?.document.uri.path);
    assert.equal(editor.selection.active.line, 2);
    assert.match(editor.document.lineAt(editor.selection.active.line).text, /^FROM base AS app$/);
  });
});
