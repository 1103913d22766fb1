// Build Image… and Build Target… from the palette: they ask only for what they need (a tag, a
// stage), accept the offered defaults, and run the build as a buildx task on the real engine.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { buildEnd, sleep, useRealEngine, watchBuild, workspaceUri } from './helpers';

/**
 * Runs a command that asks questions and accepts every offered answer; resolves with the build's end.
 * It keeps accepting until the command returns, rather than guessing when each prompt opens: on a
 * loaded machine a prompt can take seconds to appear, and accepting with no prompt open does nothing.
 */
async function runAccepting(command: string, arg: unknown): Promise<{ output: string; exitCode: number; build: string }> {
  const build = watchBuild();
  let returned = false;
  const running = Promise.resolve(vscode.commands.executeCommand(command, arg)).finally(() => { returned = true; });
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
    const { output, exitCode, build } = await runAccepting('dockwright.buildImage', workspaceUri('build', 'norun.Dockerfile'));
    assert.equal(exitCode, 0, output);
    assert.equal(build, 'build build:latest');
    assert.match(output, /--tag build:latest/);
    assert.match(output, /naming to docker\.io\/library\/build:latest/);
  });

  it('Build Target… asks for the stage, then the tag, and builds that target', async () => {
    const { output, exitCode } = await runAccepting('dockwright.buildTarget', workspaceUri('build', 'norun.Dockerfile'));
    assert.equal(exitCode, 0, output);
    assert.match(output, /--target base/);
  });
});
