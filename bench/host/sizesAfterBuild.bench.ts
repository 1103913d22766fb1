// Time to the first sizes on the Dockerfile after a build, in the real VS Code (run by
// bench/sizesAfterBuild.bench.ts through test/host/run.mjs --bench): each round builds the
// image-layers fixture without cache through a buildx task, then times, from the build's end as the
// API's onDidBuild tells it to the sizes drawn on the Dockerfile's lines (the FROM line's base
// image size is the last to come), and then the engine's plain `history` of the same image, the
// command a user would type instead. The ratio is per round. On each engine: Docker 20.10,
// buildx 0.13 on dockerd 26, podman 4.3. BENCH_RUNS rounds (5 by default).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { loadExeca } from '../../src/core/builds/execa';
import { median, medianRatio, recordResults } from '../support/results';
import {
  dockwrightApi,
  engineCli,
  findBuildxTask,
  paintedNotes,
  readDisk,
  removeImage,
  type TestEngine,
  useRealEngine,
  waitForAsync,
  workspaceUri,
} from '../../test/host/suite/helpers';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TASK = 'dockwright sizes bench build';
/** The image a build wrote: BuildKit names it in a step, podman prints its ID last. */
const IMAGE_ID = /(?:writing image|exporting manifest(?: list)?) (sha256:[0-9a-f]{64})|^([0-9a-f]{64})\r?$/gm;

const recorded: Partial<Record<TestEngine, unknown>> = {};
const summary = (values: number[]) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) });
const show = (label: string, values: number[], unit = 'ms') => {
  const s = summary(values);
  const f = (v: number) => (unit === 'x' ? v.toFixed(2) : v.toFixed(0));
  console.log(`  ${label.padEnd(58)} ${f(s.median).padStart(6)} ${unit}  [${f(s.min)}-${f(s.max)}]`);
};

/** Runs the task once; resolves with the image it wrote and when (performance.now()) its end was heard. */
async function build(task: vscode.Task): Promise<{ image: string; endedAt: number }> {
  let output = '';
  const ended = new Promise<{ exitCode: number; at: number }>((resolve) => {
    const events = dockwrightApi().onDidBuild((e) => {
      if (e.build !== TASK) return;
      if (e.type === 'output') output += e.text;
      else {
        const at = performance.now();
        events.dispose();
        resolve({ exitCode: e.exitCode, at });
      }
    });
  });
  await vscode.tasks.executeTask(task);
  const { exitCode, at } = await ended;
  assert.equal(exitCode, 0, output.slice(-500));
  const ids = [...output.matchAll(IMAGE_ID)];
  assert.ok(ids.length, `the build names its image: ${output.slice(-400)}`);
  const last = ids[ids.length - 1];
  return { image: last[1] ?? last[2], endedAt: at };
}

/** Polls the drawn notes until the base image's size is on the FROM line: the sizes have come. */
async function sizesDrawnAt(dockerfile: vscode.Uri): Promise<number> {
  const deadline = performance.now() + 60_000;
  for (;;) {
    const notes = await paintedNotes(dockerfile);
    if (notes.some((n) => n.text.startsWith('base image'))) return performance.now();
    if (performance.now() > deadline) throw new Error(`no sizes within 60 s: ${JSON.stringify(notes)}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

for (const engine of ['docker', 'buildx', 'podman'] as const)
  describe(`first sizes after a build on ${engine} (bench, real VS Code, real engine)`, function () {
    this.timeout(600_000);
    useRealEngine(engine);

    it(`times ${RUNS} builds' end to their sizes on the Dockerfile, beside plain history`, async () => {
      const dockerfile = workspaceUri('image-layers', 'Dockerfile');
      const tasksFile = workspaceUri('.vscode', 'tasks.json');
      const tasksBefore = await readDisk(tasksFile);
      const { execa } = await loadExeca();
      const [cli, ...cliArgs] = engineCli(engine);
      const toSizes: number[] = [];
      const history: number[] = [];
      try {
        const tasks = JSON.parse(tasksBefore) as { tasks: object[] };
        tasks.tasks.push({
          label: TASK,
          type: 'buildx',
          dockerfile: 'image-layers/Dockerfile',
          context: 'image-layers',
          network: 'none',
          noCache: true,
          // a tag keeps the image from being taken for a leftover while the round reads it
          tags: [`dockwright-bench-sizes:${process.pid}`],
          problemMatcher: [],
        });
        await vscode.workspace.fs.writeFile(tasksFile, new TextEncoder().encode(JSON.stringify(tasks, null, 2)));
        const task = await waitForAsync(`the task '${TASK}' from tasks.json`, () => findBuildxTask(TASK));
        await vscode.window.showTextDocument(dockerfile);
        for (let round = 0; round < RUNS; round++) {
          const { image, endedAt } = await build(task);
          try {
            toSizes.push((await sizesDrawnAt(dockerfile)) - endedAt);
            const start = performance.now();
            const plain = await execa(cli, [...cliArgs, 'history', image], { reject: false });
            assert.equal(plain.exitCode, 0, `round ${round + 1}: ${plain.stderr}`);
            history.push(performance.now() - start);
          } finally {
            await removeImage(`dockwright-bench-sizes:${process.pid}`, engine);
          }
        }
      } finally {
        await vscode.workspace.fs.writeFile(tasksFile, new TextEncoder().encode(tasksBefore));
      }
      const ratios = toSizes.map((t, i) => t / history[i]);
      const interval = medianRatio(toSizes, history);
      console.log(`${engine}: ${RUNS} rounds, a build without cache each (median [range])`);
      show("build's end → sizes drawn on the Dockerfile", toSizes);
      show(`plain \`${engine === 'podman' ? 'podman' : 'docker'} history\` of the same image`, history);
      show('ratio, round by round', ratios, 'x');
      console.log(
        `  ratio of the medians ${interval.ratio.toFixed(2)}x (95% interval ${interval.low.toFixed(2)}-${interval.high.toFixed(2)}x)`,
      );
      recorded[engine] = {
        rounds: RUNS,
        toSizesMs: summary(toSizes),
        historyMs: summary(history),
        ratio: { ...summary(ratios), ofMedians: interval },
      };
      recordResults(recorded);
    });
  });
