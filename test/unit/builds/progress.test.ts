import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  parseProgress,
  BuildProgress,
  progressParser,
  STEP_LOG_LINE_CHARS,
  STEP_LOG_LINES,
  type ProgressEvent,
  type ProgressFormat,
} from '../../../src/core/builds';
import { parseDockerfile } from '../../../src/core/dockerfile/model';

const FIXTURES = path.resolve(__dirname, '../../fixtures/builds');

/** Parses a recording; its exit code is in its name (`broken.exit1.txt`). */
function replay(dir: string, file: string, format: ProgressFormat = 'plain') {
  const exitCode = Number(/\.exit(\d+)\./.exec(file)![1]);
  const dockerfile = parseDockerfile(fs.readFileSync(path.join(FIXTURES, dir, 'Dockerfile'), 'utf8'));
  const events: ProgressEvent[] = [];
  const progress = parseProgress(fs.readFileSync(path.join(FIXTURES, dir, file), 'utf8'), format, {
    dockerfile,
    exitCode,
    listener: (e) => events.push(e),
  });
  return { progress, events, dockerfile };
}

/** `line:state` of the Dockerfile steps, for compact comparisons (lines 0-based). */
const summary = (progress: BuildProgress) => progress.instructionSteps.map((s) => `${s.line}:${s.state}`);

describe('plain progress of the real engine (unit)', () => {
  it('reads a first multi-stage build: stages, positions, lines, durations and logs', () => {
    const { progress } = replay('multistage', 'final-first.exit0.txt');
    // --no-cache runs every step again; the FROM may still come from the engine's cache
    assert.deepEqual(summary(progress).slice(1), [
      '2:done',
      '5:done',
      '6:done',
      '7:done',
      '15:done',
      '16:done',
      '17:done',
    ]);
    assert.match(summary(progress)[0], /^0:(done|cached)$/);
    const run = progress.instructionSteps.find((s) => s.line === 2)!;
    assert.equal(run.stage, 'base');
    assert.deepEqual([run.index, run.total], [2, 2]);
    assert.equal(run.instruction, 'RUN echo "greeting=hello" | tee /greeting');
    assert.deepEqual(run.logs, ['greeting=hello']);
    const recorded = fs.readFileSync(path.join(FIXTURES, 'multistage', 'final-first.exit0.txt'), 'utf8');
    const done = new RegExp(`^${run.id} DONE (\\d+\\.\\d)s$`, 'm').exec(recorded)!;
    assert.equal(run.durationMs, Math.round(Number(done[1]) * 1000));
    assert.equal(progress.failure, undefined);
    assert.ok(progress.steps.some((s) => s.internal && s.instruction === 'load build context'));
  });

  it('separates a log line without a line break from the DONE that ran into it', () => {
    const { progress } = replay('multistage', 'final-first.exit0.txt');
    const printf = progress.instructionSteps.find((s) => s.line === 17)!;
    assert.deepEqual(printf.logs, ['no line break at the end']);
    assert.equal(printf.state, 'done');
  });

  it('reads the second build of the same target as cached steps', () => {
    const { progress } = replay('multistage', 'final-again.exit0.txt');
    const cacheMount = progress.instructionSteps.find((s) => s.line === 7)!;
    assert.equal(cacheMount.state, 'cached');
    assert.deepEqual(cacheMount.logs, []);
    assert.ok(progress.instructionSteps.filter((s) => s.line !== 0).every((s) => s.state === 'cached'));
  });

  it('maps a failed RUN (continued over two lines) to its first line, with the message and the step log', () => {
    const { progress, events } = replay('multistage', 'broken.exit1.txt');
    const failure = progress.failure!;
    assert.equal(failure.line, 11);
    assert.match(failure.message, /exit code: 3/);
    assert.equal(failure.step?.stage, 'broken');
    assert.deepEqual(failure.step?.logs, ['about to fail']);
    assert.equal(failure.step?.range?.end.line, 12);
    const announced = events.filter((e) => e.type === 'failure');
    assert.equal(announced.length, 1);
  });

  it('maps steps of unnamed stages (stage-N) and a COPY of a missing file', () => {
    const { progress } = replay('unnamed', 'missing-file.exit1.txt');
    assert.equal(progress.failure?.line, 5);
    assert.match(progress.failure!.message, /missing\.txt/);
    const copyFrom = progress.instructionSteps.find((s) => s.instruction.startsWith('COPY --from=0'))!;
    assert.deepEqual([copyFrom.stage, copyFrom.line, copyFrom.state], ['stage-1', 4, 'cached']);
  });

  it('takes the line of a Dockerfile parse error from the message', () => {
    const { progress } = replay('parse-error', 'parse-error.exit1.txt');
    assert.equal(progress.failure?.line, 2);
    assert.match(progress.failure!.message, /unknown instruction: FOO/);
    assert.equal(progress.failure?.step, undefined);
  });

  it('announces each step when it starts and when its state changes, and each log line', () => {
    // the step object is live: what it said is written down as each event arrives
    const seen: string[] = [];
    const text = fs.readFileSync(path.join(FIXTURES, 'multistage', 'broken.exit1.txt'), 'utf8');
    parseProgress(text, 'plain', {
      exitCode: 1,
      listener: (e) => {
        if ((e.type === 'step' || e.type === 'log') && e.step.stage === 'broken')
          seen.push(e.type === 'log' ? `log ${e.line}` : `step ${e.step.state}`);
      },
    });
    assert.deepEqual(seen, ['step running', 'log about to fail', 'step error']);
  });
});

describe('plain progress as newer buildx prints it (unit, hand-made sample)', () => {
  it('reads padded indexes, platform prefixes and repeated headers, and takes the line from the Dockerfile excerpt', () => {
    const { progress } = replay('buildx-plain', 'broken.exit1.txt');
    const steps = progress.instructionSteps;
    assert.deepEqual(
      steps.map((s) => `${s.index}/${s.total}@${s.line}`),
      ['1/12@0', '2/12@1', '3/12@2', '11/12@10', '12/12@11'],
    );
    assert.deepEqual(steps.find((s) => s.index === 3)!.logs, ['one', 'still one']);
    assert.equal(steps.find((s) => s.index === 3)!.state, 'done');
    assert.equal(steps[0].stage, 'build');
    const failure = progress.failure!;
    assert.deepEqual([failure.line, failure.file, failure.step?.index], [11, 'Dockerfile', 12]);
    assert.equal(
      failure.message,
      'process "/bin/sh -c echo ten;     exit 7" did not complete successfully: exit code: 7',
    );
  });

  it('uses the excerpt line even without a Dockerfile model', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'buildx-plain', 'broken.exit1.txt'), 'utf8');
    const progress = parseProgress(text, 'plain', { exitCode: 1 });
    assert.equal(progress.failure?.line, 11);
    assert.equal(progress.failure?.step?.line, undefined);
  });
});

describe('plain progress, lines that are almost log lines (unit)', () => {
  it('takes `#N seconds text` as a log line and anything short of that shape as a detail or stray text', () => {
    const lines = [
      '#5 [2/2] RUN make',
      '#5 0.171 hi there',
      '#5 12.0  two spaces kept',
      '#5 0.5 ',
      '#5 0.171',
      '#5 12 no dot',
      '#5 1. no fraction',
      '#5 .5 no whole',
      '#5  0.1 two spaces before',
      '#x 0.1 not a step',
      '#5',
    ];
    const events: ProgressEvent[] = [];
    const progress = parseProgress(lines.join('\n') + '\n', 'plain', { exitCode: 0, listener: (e) => events.push(e) });
    const logs = events.flatMap((e) => (e.type === 'log' ? [e.line] : []));
    assert.deepEqual(logs, ['hi there', ' two spaces kept', '']);
    // each line that is not a log line replaces the step's detail; the last is the one kept
    assert.equal(progress.steps[0].detail, ' 0.1 two spaces before');
    assert.equal(progress.steps.length, 1, '`#x` and a bare `#5` start no step');
  });
});

describe('plain progress fed in pieces (unit)', () => {
  it('gives the same steps whatever the chunk boundaries', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'multistage', 'final-first.exit0.txt'), 'utf8');
    const whole = parseProgress(text, 'plain', { exitCode: 0 });
    for (const size of [1, 7, 64]) {
      const progress = new BuildProgress();
      const parser = progressParser('plain', progress);
      for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
      parser.end(0);
      assert.deepEqual(progress.steps, whole.steps, `chunks of ${size}`);
    }
  });

  it('keeps a build that printed stray text but exited 0 free of failure', () => {
    const progress = parseProgress(
      '#1 [1/1] FROM docker.io/local/busybox:1\n#1 DONE 0.0s\nsome stray text\n',
      'plain',
      { exitCode: 0 },
    );
    assert.equal(progress.failure, undefined);
  });
});

describe('rawjson progress (unit, hand-made samples: no buildx runs here)', () => {
  it('reads vertexes, cached ones, base64 logs split over messages, durations and warnings', () => {
    const { progress, events } = replay('multistage', '../rawjson/final.exit0.jsonl', 'rawjson');
    assert.deepEqual(summary(progress), [
      '0:cached',
      '2:done',
      '5:cached',
      '6:cached',
      '7:cached',
      '15:done',
      '16:done',
      '17:done',
    ]);
    const run = progress.instructionSteps.find((s) => s.line === 2)!;
    assert.deepEqual(run.logs, ['greeting=hello', 'second line']);
    assert.equal(run.durationMs, 200);
    assert.deepEqual(progress.instructionSteps.find((s) => s.line === 16)!.logs, ['secret bytes: 6']);
    assert.deepEqual(
      progress.instructionSteps.find((s) => s.line === 17)!.logs,
      ['no line break at the end'],
      'the unfinished last line is kept at the end',
    );
    const warnings = events.filter((e) => e.type === 'warning');
    assert.deepEqual(warnings, [
      { type: 'warning', message: "UndefinedVar: Usage of undefined variable '$NOPE'", line: 2 },
    ]);
    assert.equal(progress.failure, undefined);
    assert.equal(
      progress.steps.find((s) => s.internal && s.instruction === 'load build definition from Dockerfile')?.detail,
      'transferring dockerfile: 612 done',
    );
  });

  it('reads a failed vertex and the text buildx prints after the JSON', () => {
    const { progress } = replay('multistage', '../rawjson/broken.exit1.jsonl', 'rawjson');
    const failure = progress.failure!;
    assert.equal(failure.line, 11);
    assert.equal(failure.file, 'Dockerfile');
    assert.equal(failure.step?.stage, 'broken');
    assert.equal(failure.step?.durationMs, 110);
    assert.deepEqual(failure.step?.logs, ['about to fail']);
    assert.match(failure.message, /^process .* exit code: 3$/);
  });
});

describe('podman build output (unit, recorded from podman 4.3)', () => {
  it('maps every instruction, ARG and CMD included, by stage and position, with logs and cache', () => {
    const { progress } = replay('multistage', '../podman/final-first.exit0.txt', 'podman');
    assert.deepEqual(summary(progress), [
      '0:done',
      '1:done',
      '2:done',
      '4:done',
      '5:done',
      '6:done',
      '7:done',
      '14:done',
      '15:done',
      '16:done',
      '17:done',
      '18:done',
    ]);
    assert.match(progress.instructionSteps.find((s) => s.line === 7)!.logs.join('\n'), /^cache lines: \d+$/);
    assert.deepEqual(progress.instructionSteps.find((s) => s.line === 17)!.logs, ['no line break at the end']);
    assert.deepEqual([progress.steps[3].stage, progress.steps[3].index, progress.steps[3].total], ['build', 1, 4]);
    assert.equal(progress.failure, undefined);
  });

  it('reads --> Using cache as a cached step', () => {
    const { progress } = replay('multistage', '../podman/final-again.exit0.txt', 'podman');
    assert.deepEqual(
      ['2', '5', '6', '7'].map((line) => progress.instructionSteps.find((s) => s.line === Number(line))!.state),
      ['cached', 'cached', 'cached', 'cached'],
    );
    assert.equal(progress.instructionSteps.find((s) => s.line === 7)!.logs.length, 0);
  });

  it("keeps a step's last lines only, each cut short, where podman clips nothing; listeners get every line whole", () => {
    const long = 'x'.repeat(STEP_LOG_LINE_CHARS - 1) + '😀 and more';
    const printed = [...Array.from({ length: 3 * STEP_LOG_LINES }, (_, i) => `line ${i}`), long, 'the last line'];
    const events: ProgressEvent[] = [];
    const output = `[1/1] STEP 1/2: FROM local/busybox:1\n[1/1] STEP 2/2: RUN ./noisy\n${printed.join('\n')}\nError: building at STEP "RUN ./noisy": while running runtime: exit status 1\n`;
    const progress = parseProgress(output, 'podman', { exitCode: 1, listener: (e) => events.push(e) });
    const logs = progress.failure!.step!.logs;
    assert.equal(logs.length, STEP_LOG_LINES);
    assert.deepEqual(logs.slice(0, 2), [
      `line ${3 * STEP_LOG_LINES - STEP_LOG_LINES + 2}`,
      `line ${3 * STEP_LOG_LINES - STEP_LOG_LINES + 3}`,
    ]);
    assert.equal(logs.at(-2), `${'x'.repeat(STEP_LOG_LINE_CHARS - 1)}…`, 'cut before the emoji, not through it');
    assert.equal(logs.at(-1), 'the last line');
    assert.deepEqual(
      events.flatMap((e) => (e.type === 'log' ? [e.line] : [])),
      printed,
    );
  });

  it('maps the failing RUN to its line', () => {
    const { progress } = replay('multistage', '../podman/broken.exit3.txt', 'podman');
    const failure = progress.failure!;
    assert.equal(failure.line, 11);
    assert.equal(failure.message, 'while running runtime: exit status 3');
    assert.deepEqual(failure.step?.logs, ['about to fail']);
  });
});
