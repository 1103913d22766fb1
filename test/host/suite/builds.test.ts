// The `buildx` task in a real VS Code against the real engine: its output streams to the task's
// terminal, it ends with the build's exit code, each step's timing lands on its line, and a failed
// build marks the failing instruction.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BuildEvent } from '../../../src/vscode/builds/session';
import {
  buildProcesses,
  buildStatusText,
  buildxTask,
  DOCKER,
  dockwrightApi,
  sleep,
  stepNotes,
  type TestEngine,
  useRealEngine,
  viewChildren,
  viewRefreshes,
  viewRows,
  waitFor,
  waitForAsync,
  withSetting,
  workspaceUri,
} from './helpers';

/** Runs a task from tasks.json; resolves with its output and exit code, and the exit code VS Code saw. */
async function runTask(label: string): Promise<{ output: string; exitCode: number; processExitCode?: number }> {
  const task = await buildxTask(label);
  let output = '';
  let processExitCode: number | undefined;
  const ended = new Promise<number>((resolve) => {
    const events = dockwrightApi().onDidBuild((e: BuildEvent) => {
      if (e.build !== label) return;
      if (e.type === 'output') output += e.text;
      else {
        events.dispose();
        resolve(e.exitCode);
      }
    });
  });
  const processEnd = vscode.tasks.onDidEndTaskProcess((e) => {
    if (e.execution.task.name === label) processExitCode = e.exitCode;
  });
  try {
    await vscode.tasks.executeTask(task);
    const exitCode = await ended;
    await waitFor(
      `VS Code to see '${label}' end`,
      () => processExitCode !== undefined,
      () => processExitCode,
      5000,
    );
    return { output, exitCode, processExitCode };
  } finally {
    processEnd.dispose();
  }
}

/** Makes a change and waits for the refresh of the Build Targets view it brings. */
async function refreshAfter(what: string, change: () => Thenable<unknown>): Promise<void> {
  const before = await viewRefreshes('dockwright.buildTargets');
  await change();
  await waitForAsync(
    `the view to refresh after ${what} (${before} refreshes before)`,
    async () => (await viewRefreshes('dockwright.buildTargets')) > before,
    10_000,
  );
}

const GREEN = '\x1b[32m';
const RED = '\x1b[31m';
const RESET = '\x1b[0m';

/** The terminal's last line, and the colour it is written in (the whole line, or none). */
function lastLine(output: string): { text: string; colour?: string } {
  assert.ok(output.endsWith('\r\n'), 'the output ends with a line break');
  const line = output.slice(0, -2).split('\r\n').at(-1) ?? '';
  const colour = [GREEN, RED].find((c) => line.startsWith(c) && line.endsWith(RESET));
  return { text: colour ? line.slice(colour.length, -RESET.length) : line, colour };
}

/** What a build shows in the editor, the same on each engine the tests start. */
function buildTestsOn(engine: TestEngine): void {
  it('runs a buildx task through executeTask: live output, exit code 0, step timings on the lines', async () => {
    const { output, exitCode, processExitCode } = await runTask('dockwright test build');
    assert.equal(exitCode, 0, output);
    assert.match(output, /hello from the dockwright task/);
    // the command line the terminal shows first: buildx's, or the classic `docker build`
    const commandLine = output.slice(0, output.indexOf('\r\n'));
    assert.match(commandLine, engine === 'buildx' ? /^\S+> \S+ buildx build / : /^\S+> \S+ build /);
    assert.match(output, /\[final\s+\d\/\d\] COPY message\.txt/);
    const closing = lastLine(output);
    assert.equal(closing.colour, GREEN, 'the closing line is green');
    assert.match(closing.text, /^Built dockwright-host-test:latest in \d+(\.\d)? m?s: \d+ steps, \d+ cached\.$/);
    assert.ok(!/[^\r]\n/.test(output), 'terminal output uses \\r\\n line ends');
    assert.equal(processExitCode, 0, 'the exit code VS Code saw');
    const dockerfile = workspaceUri('build', 'Dockerfile');
    const notes = await stepNotes(dockerfile);
    const lines = notes.map((n) => n.line);
    assert.ok(lines.includes(1) && lines.includes(3), `the RUN and COPY lines have notes: ${JSON.stringify(notes)}`);
    assert.ok(
      lines.every((l) => [0, 1, 2, 3].includes(l)),
      `notes sit on instruction lines: ${JSON.stringify(notes)}`,
    );
    assert.ok(
      notes.every((n) => /^(cached|\d+ ms|\d+\.\d s)$/.test(n.text)),
      JSON.stringify(notes),
    );

    // editing a line clears its note: the number no longer describes that text
    const editor = await vscode.window.showTextDocument(dockerfile);
    await editor.edit((e) => e.insert(new vscode.Position(1, editor.document.lineAt(1).text.length), ' # edited'));
    try {
      const after = (await stepNotes(dockerfile)).map((n) => n.line);
      assert.ok(!after.includes(1), `the edited line keeps no note: ${JSON.stringify(after)}`);
      assert.ok(after.includes(3), 'the other lines keep theirs');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it("a failing build ends with its exit code and marks the failing instruction with the step's last output; it clears when it passes", async () => {
    const uri = workspaceUri('build', 'failing.Dockerfile');
    const { output, exitCode, processExitCode } = await runTask('dockwright failing build');
    assert.notEqual(exitCode, 0, output);
    assert.equal(processExitCode, exitCode, 'the exit code VS Code saw');
    const closing = lastLine(output);
    assert.equal(closing.colour, RED, 'the closing line is red');
    assert.match(
      closing.text,
      /^Build failed after \d+(\.\d)? m?s at line 3: RUN echo "this step fails" && exit 3 \(exit code 1\)\.$/,
    );
    const marks = await waitFor('a dockwright-build diagnostic', () => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'dockwright-build');
      return d.length > 0 && d;
    });
    assert.equal(marks[0].range.start.line, 2, marks[0].message);
    assert.match(
      marks[0].message,
      /^Build failed: [^\n]*exit code: 3\nthis step fails$/,
      "the engine's message, then what the step printed",
    );

    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(original.replace('&& exit 3', '&& true')));
    try {
      const second = await runTask('dockwright failing build');
      assert.equal(second.exitCode, 0, second.output);
      await waitFor('the build diagnostic to clear', () =>
        vscode.languages.getDiagnostics(uri).every((x) => x.source !== 'dockwright-build'),
      );
    } finally {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(original));
    }
  });

  it('terminating the task ends the whole build process tree within 2 s', async () => {
    const label = 'dockwright slow build';
    const task = await buildxTask(label);
    let output = '';
    let ended: number | undefined;
    const events = dockwrightApi().onDidBuild((e: BuildEvent) => {
      if (e.build !== label) return;
      if (e.type === 'output') output += e.text;
      else ended = e.exitCode;
    });
    try {
      const execution = await vscode.tasks.executeTask(task);
      await waitFor(
        'the slow step to start',
        () => output.includes('slow build started'),
        () => output.slice(-300),
        60_000,
      );
      const running = buildProcesses('slow.Dockerfile');
      assert.ok(running.length > 0, 'the build runs before it is cancelled');
      // buildx runs as a plugin process of its own, which must go too
      if (engine === 'buildx')
        assert.ok(
          running.some((p) => p.includes('docker-buildx')),
          running.join('\n'),
        );
      assert.match(await buildStatusText(), /Building build: 2\/2 RUN echo "slow build started"/);
      const started = Date.now();
      execution.terminate();
      await waitFor(
        'the build to end',
        () => ended !== undefined,
        () => output.slice(-300),
        5000,
      );
      await waitFor(
        'no build process left',
        () => buildProcesses('slow.Dockerfile').length === 0,
        () => buildProcesses('slow.Dockerfile'),
        2000,
      );
      assert.ok(Date.now() - started <= 2000, `took ${Date.now() - started} ms`);
      assert.notEqual(ended, 0);
    } finally {
      events.dispose();
    }
  });
}

describe('builds (real VS Code, real engine)', function () {
  useRealEngine();
  buildTestsOn('docker');

  it('provides a task per Dockerfile and per named stage', async () => {
    const names = (await vscode.tasks.fetchTasks({ type: 'buildx' })).map((t) => t.name);
    for (const expected of [
      'build build/Dockerfile',
      'build build/Dockerfile --target base',
      'build build/Dockerfile --target final',
      'build build/failing.Dockerfile',
    ]) {
      assert.ok(names.includes(expected), `missing task '${expected}' in ${JSON.stringify(names)}`);
    }
  });

  it('the Build Targets view lists the Dockerfiles with their stages, bases and dependencies', async () => {
    const files = await viewChildren('dockwright.buildTargets');
    const dockerfile = files.find((f) => f.kind === 'dockerfile' && f.uri.path.endsWith('/build/Dockerfile'));
    assert.ok(dockerfile, JSON.stringify(files.map((f) => f.uri.path)));
    const items = (await viewRows('dockwright.buildTargets', dockerfile)).map((s) => s.item);
    assert.deepEqual(
      items.map((i) => [i.label, i.description, i.contextValue]),
      [
        ['base', 'FROM local/busybox:1', 'dockwright.stage.named'],
        ['final', 'FROM base · uses base', 'dockwright.stage.named'],
      ],
    );
  });

  it('the Build Targets view refreshes when a Dockerfile is added, changed or deleted', async () => {
    const uri = workspaceUri('build', 'added.Dockerfile');
    /** The stage labels the view shows under the file, or undefined when it does not list it. */
    const stagesShown = async () => {
      const file = (await viewChildren('dockwright.buildTargets')).find(
        (f) => f.kind === 'dockerfile' && f.uri.toString() === uri.toString(),
      );
      return file && (await viewRows('dockwright.buildTargets', file)).map((s) => s.item.label);
    };
    try {
      await refreshAfter('the file was created', () =>
        vscode.workspace.fs.writeFile(uri, Buffer.from('FROM local/busybox:1 AS one\n')),
      );
      assert.deepEqual(await stagesShown(), ['one']);
      await refreshAfter('a stage was added', () =>
        vscode.workspace.fs.writeFile(uri, Buffer.from('FROM local/busybox:1 AS one\nFROM one AS two\n')),
      );
      assert.deepEqual(await stagesShown(), ['one', 'two']);
      await refreshAfter('the file was deleted', () => vscode.workspace.fs.delete(uri));
      assert.equal(await stagesShown(), undefined);
    } finally {
      await Promise.resolve(vscode.workspace.fs.delete(uri)).catch(() => undefined);
    }
  });

  it('the Build Targets view leaves out what files.exclude hides, and lists it again when the setting changes back', async () => {
    const listed = async () =>
      (await viewChildren('dockwright.buildTargets'))
        .filter((f) => f.kind === 'dockerfile')
        .map((f) => vscode.workspace.asRelativePath(f.uri));
    const failing = 'build/failing.Dockerfile';
    let restore: (() => Thenable<void>) | undefined;
    try {
      assert.ok((await listed()).includes(failing), JSON.stringify(await listed()));
      const excludesBefore = vscode.workspace.getConfiguration('files').get<Record<string, boolean>>('exclude') ?? {};
      await refreshAfter(
        'files.exclude hid a Dockerfile',
        async () =>
          (restore = await withSetting('files', 'exclude', {
            ...excludesBefore,
            [`**/${path.basename(failing)}`]: true,
          })),
      );
      const hidden = await listed();
      assert.ok(!hidden.includes(failing) && hidden.includes('build/Dockerfile'), JSON.stringify(hidden));
      await refreshAfter('files.exclude was put back', () => restore!());
      restore = undefined;
      assert.ok((await listed()).includes(failing));
    } finally {
      await restore?.();
    }
  });

  it('a task terminated while the engine is still being looked up ends, not 0, and starts no build', async () => {
    const label = 'dockwright slow build';
    const task = await buildxTask(label);
    // a docker that takes 3 s to say its version: the engine lookup runs that long, and the file
    // `looking-up` says when it has begun
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-slow-docker-'));
    const slowDocker = path.join(folder, 'docker');
    const lookingUp = path.join(folder, 'looking-up');
    fs.writeFileSync(
      slowDocker,
      `#!/bin/sh\n[ "$1" = --version ] && : > ${lookingUp} && sleep 3\nexec ${DOCKER} "$@"\n`,
      { mode: 0o755 },
    );
    const restore = await withSetting('dockwright', 'dockerPath', slowDocker);
    let ended: number | undefined;
    const events = dockwrightApi().onDidBuild((e: BuildEvent) => {
      if (e.build === label && e.type === 'end') ended = e.exitCode;
    });
    try {
      const execution = await vscode.tasks.executeTask(task);
      // stopped once VS Code runs it (a stop before that, VS Code itself drops), inside the lookup
      await waitFor('VS Code to run the task', () => vscode.tasks.taskExecutions.includes(execution), undefined, 5000);
      await waitFor('the engine lookup to begin', () => fs.existsSync(lookingUp), undefined, 30_000);
      execution.terminate();
      await waitFor('the build to end', () => ended !== undefined, undefined, 30_000);
      assert.notEqual(ended, 0);
      // a build that missed the stop would be running now, and for 120 s
      await sleep(2000);
      assert.deepEqual(buildProcesses('slow.Dockerfile'), []);
    } finally {
      events.dispose();
      await restore();
      fs.rmSync(folder, { recursive: true, force: true });
      for (const running of vscode.tasks.taskExecutions.filter((e) => e.task.name === label)) running.terminate();
    }
  });
});

describe('builds on buildx 0.13 and dockerd 26 (real VS Code)', function () {
  useRealEngine('buildx');
  buildTestsOn('buildx');
});
