// The build's progress notification has a Cancel button that a person can click: it stops the
// build, whose task then ends, not 0, with no engine process left behind. On the way, the task's
// terminal is seen drawing the build's output while the build runs.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { buildEnd, buildProcesses, buildxTask, useRealEngine, waitFor, watchBuild, withSetting } from './helpers';
import { requireUi, toastButton, ui } from './ui';

describe('build progress notification (real VS Code, real engine)', function () {
  this.timeout(180_000);
  useRealEngine();

  let restore: (() => Thenable<void>) | undefined;
  before(async function () {
    requireUi(this);
    // xterm's DOM renderer, whose rows the page can read (headless chromium has no GPU anyway)
    restore = await withSetting('terminal.integrated', 'gpuAcceleration', 'off');
  });

  after(async () => {
    await restore?.();
  });

  it('its Cancel button stops a running build: the build ends not 0, the toast closes, no build process is left', async () => {
    const label = 'dockwright slow build'; // build/slow.Dockerfile: a RUN that sleeps 120 s
    const task = await buildxTask(label);
    await vscode.commands.executeCommand('notifications.clearAll'); // earlier tests' toasts would hide ours
    const build = watchBuild((name) => name === label);
    try {
      await vscode.tasks.executeTask(task);
      await waitFor(
        'the slow step to start',
        () => build.output().includes('slow build started'),
        () => build.output().slice(-300),
        60_000,
      );
      assert.ok(buildProcesses('slow.Dockerfile').length > 0, 'the build runs before it is cancelled');
      // live: the task's own terminal draws the line while the build still runs (its RUN sleeps on)
      await ui('slow-build-drawn', [{ waitFor: '.xterm-rows > div', text: 'slow build started', timeoutMs: 10_000 }]);
      assert.ok(buildProcesses('slow.Dockerfile').length > 0, 'the line was drawn before the build ended');
      const toast = 'Dockwright: building build';
      await ui('cancel-build', [toastButton(toast, 'Cancel')]);
      // The RUN sleeps for 120 s: an end within 15 s of the click is the cancel, not the step finishing.
      const { exitCode, output } = await buildEnd(build, 15_000);
      assert.notEqual(exitCode, 0, output);
      assert.match(output, /Build cancelled\./);
      await waitFor(
        'no build process left',
        () => buildProcesses('slow.Dockerfile').length === 0,
        () => buildProcesses('slow.Dockerfile'),
        10_000,
      );
      await waitFor(
        `the task '${label}' to end`,
        () => !vscode.tasks.taskExecutions.some((e) => e.task.name === label),
        () => vscode.tasks.taskExecutions.map((e) => e.task.name),
        10_000,
      );
      await ui('cancel-build-toast-gone', [
        { waitFor: `.notification-toast:has-text(${JSON.stringify(toast)})`, state: 'hidden' },
      ]);
    } finally {
      build.dispose();
      // a failed test leaves no slow build behind for the next one
      for (const execution of vscode.tasks.taskExecutions.filter((e) => e.task.name === label)) execution.terminate();
    }
  });
});
