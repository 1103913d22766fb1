// Line latency in the real VS Code (run by bench/terminal.bench.ts through test/host/run.mjs
// --bench): a RUN in the container prints lines that carry its clock (busybox adjtimex, µs), and
// each line is timed twice, in the same build:
//  - at our callback, where the build's task writes it into its pseudoterminal (extension host);
//  - when the workbench's terminal draws its row (the page, through the wrapper's watchTerminal).
// The terminal uses xterm's DOM renderer here (gpuAcceleration off): headless chromium has no GPU,
// and only DOM rows can be read back. One machine, one clock for the container, the extension
// host and the page. On each engine: Docker 20.10's `docker build`, and buildx 0.13 on dockerd 26.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CLOCK_LINE, clockLinesRun, printedAtUs } from '../support/containerClock';
import { median, percentile, recordResults } from '../support/results';
import {
  dockwrightApi,
  findBuildxTask,
  readDisk,
  type TestEngine,
  useRealEngine,
  waitForAsync,
  withSetting,
  workspaceUri,
} from '../../test/host/suite/helpers';
import { ui } from '../../test/host/suite/ui';

const LINES = 100;
const EVERY_S = 0.05;
const TASK = 'dockwright latency build';
const dockerfile = `FROM local/busybox:1\n${clockLinesRun(LINES, EVERY_S)}`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Each engine's figures, recorded together. */
const recorded: Partial<Record<TestEngine, unknown>> = {};

for (const engine of ['docker', 'buildx'] as const)
  describe(`terminal latency on ${engine} (bench, real VS Code, real engine)`, function () {
    this.timeout(180_000);
    useRealEngine(engine);

    it(`times ${LINES} lines from the container to the callback and to the terminal's drawn row`, async () => {
      const restore = await withSetting('terminal.integrated', 'gpuAcceleration', 'off');
      const tasksFile = workspaceUri('.vscode', 'tasks.json');
      const tasksBefore = await readDisk(tasksFile);
      try {
        await vscode.workspace.fs.writeFile(
          workspaceUri('latency', 'Dockerfile'),
          new TextEncoder().encode(dockerfile),
        );
        const tasks = JSON.parse(tasksBefore) as { tasks: object[] };
        tasks.tasks.push({
          label: TASK,
          type: 'buildx',
          dockerfile: 'latency/Dockerfile',
          context: 'latency',
          network: 'none',
          noCache: true,
          problemMatcher: [],
        });
        await vscode.workspace.fs.writeFile(tasksFile, new TextEncoder().encode(JSON.stringify(tasks, null, 2)));
        const task = await waitForAsync(`the task '${TASK}' from tasks.json`, () => findBuildxTask(TASK));

        // each line's delay, by the time it was printed
        const atCallback = new Map<number, number>();
        let partial = ''; // a line can come in two chunks
        const ended = new Promise<number>((resolve) => {
          const events = dockwrightApi().onDidBuild((e) => {
            if (e.build !== TASK) return;
            if (e.type === 'output') {
              const now = Date.now();
              const lines = (partial + e.text).split('\n');
              partial = lines.pop()!;
              for (const line of lines)
                if (CLOCK_LINE.test(line)) atCallback.set(printedAtUs(line), now - printedAtUs(line) / 1000);
            } else {
              events.dispose();
              resolve(e.exitCode);
            }
          });
        });
        await ui('watch-terminal', [{ watchTerminal: CLOCK_LINE.source }]);
        let exitCode: number;
        let drawn: { text: string; at: number }[];
        try {
          await vscode.tasks.executeTask(task);
          exitCode = await ended;
        } finally {
          drawn = JSON.parse((await ui('watched-terminal', [{ watchedTerminal: true }]))[0]) as typeof drawn; // stops the watch
        }
        assert.equal(exitCode, 0, 'the latency build failed: its terminal says why');
        const atTerminal = new Map(drawn.map((row) => [printedAtUs(row.text), row.at - printedAtUs(row.text) / 1000]));
        const share = [...atTerminal]
          .filter(([printed]) => atCallback.has(printed))
          .map(([printed, delay]) => delay - atCallback.get(printed)!);

        assert.equal(atCallback.size, LINES, 'every line reached the callback');
        assert.ok(
          atTerminal.size >= LINES * 0.9,
          `the terminal drew ${atTerminal.size} of ${LINES} lines: is the panel open?`,
        );
        const stats = (delays: number[]) => ({
          median: median(delays),
          p95: percentile(delays, 0.95),
          lines: delays.length,
        });
        const results = {
          callbackMs: stats([...atCallback.values()]),
          terminalMs: stats([...atTerminal.values()]),
          workbenchShareMs: stats(share),
        };
        const line = (what: string, { median, p95, lines }: ReturnType<typeof stats>) =>
          console.log(`${what}, ${lines} lines: median ${ms(median)}, p95 ${ms(p95)}`);
        line('line latency, RUN in the container → our callback (extension host)', results.callbackMs);
        line(
          'line latency, RUN in the container → the terminal draws it (workbench, xterm DOM renderer)',
          results.terminalMs,
        );
        line("  the workbench's share, callback → row drawn, line by line", results.workbenchShareMs);
        recorded[engine] = results;
        recordResults(recorded);
      } finally {
        await vscode.workspace.fs.writeFile(tasksFile, new TextEncoder().encode(tasksBefore));
        await restore();
      }
    });
  });
