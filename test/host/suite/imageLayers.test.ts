// Image sizes in a real VS Code against the real engines: after a build each instruction's line
// shows the bytes its layer added. The image writes 3,000,000 bytes in one RUN and deletes them in
// the next.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StepNote } from '../../../src/core/builds';
import { TEST_HOOK_COMMANDS } from '../../../src/vscode/testHooks';
import {
  buildEnd,
  buildxTask,
  removeImage,
  type TestEngine,
  useRealEngine,
  waitForAsync,
  watchBuild,
  workspaceUri,
} from './helpers';

/** Untagged: the notes read the image by the ID the build printed. */
const TASK = 'dockwright image layers build';

const paintedNotes = (dockerfile: vscode.Uri) =>
  vscode.commands.executeCommand<StepNote[]>(TEST_HOOK_COMMANDS.paintedNotes, dockerfile);
/** Runs the fixture's task: resolves with the ID of the image it wrote. */
async function buildFixture(): Promise<string> {
  const task = await buildxTask(TASK);
  const build = watchBuild((name) => name === TASK);
  await vscode.tasks.executeTask(task);
  const { exitCode, output } = await buildEnd(build, 120_000);
  assert.equal(exitCode, 0, output);
  const ids = [...output.matchAll(/(?:writing image|exporting manifest(?: list)?) (sha256:[0-9a-f]{64})/g)];
  assert.ok(ids.length, `the build names its image: ${output.slice(-400)}`);
  return ids[ids.length - 1][1];
}

function imageLayersTestsOn(engine: TestEngine): void {
  const dockerfile = workspaceUri('image-layers', 'Dockerfile');
  let image: string | undefined;
  after(async () => {
    if (image) await removeImage(image, engine);
  });

  it('after a build, each line shows the bytes its instruction added beside its timing', async () => {
    await vscode.window.showTextDocument(dockerfile);
    image = await buildFixture();
    const notes = await waitForAsync(
      'the sizes beside the timings',
      async () => {
        const painted = await paintedNotes(dockerfile);
        return painted.some((n) => n.text.startsWith('base image')) ? painted : undefined;
      },
      30_000,
    );
    const text = (line: number) => notes.find((n) => n.line === line)?.text ?? '(none)';
    const TIMING = '(\\d+ ms|\\d+\\.\\d s|cached)';
    assert.match(text(0), new RegExp(`^base image \\d+\\.\\d MB( · ${TIMING})?$`));
    assert.match(text(1), new RegExp(`^\\+3\\.0 MB · ${TIMING}$`), 'the dd: 3,000,000 bytes');
    assert.match(text(2), new RegExp(`^\\+(0 B|4\\.1 kB) · ${TIMING}$`), 'the rm: nothing, or a block');
    assert.match(text(3), new RegExp(`^no layer( · ${TIMING})?$`), 'ENV makes no layer');
  });
}

describe('image sizes on Docker 20.10 (real VS Code, real engine)', function () {
  this.timeout(180_000);
  useRealEngine('docker');
  imageLayersTestsOn('docker');
});

describe('image sizes on buildx (real VS Code, real engine)', function () {
  this.timeout(180_000);
  useRealEngine('buildx');
  imageLayersTestsOn('buildx');
});
