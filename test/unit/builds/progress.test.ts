import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import {
  buildSummary,
  parseProgress,
  BuildProgress,
  progressParser,
  stepNotes,
  STEP_LOG_LINE_CHARS,
  STEP_LOG_LINES,
  type ProgressEvent,
  type ProgressFormat,
} from '../../../src/core/builds';
import { JsonObjectSplitter } from '../../../src/core/builds/progress/jsonStream';
import { parseDockerfile } from '../../../src/core/dockerfile/model';
import { seededRandom } from '../../support/seededRandom';

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

// buildx 0.13's own output, recorded by test/fixtures/builds/buildx-0.13/record.sh (its README
// says how). Lines are 0-based: ../multistage/Dockerfile and heredoc/Dockerfile.
const BUILDX = path.join(FIXTURES, 'buildx-0.13');
const RECORDED_CONTEXT: Record<string, string> = {
  'final-first': '../multistage',
  'final-again': '../multistage',
  broken: '../multistage',
  heredoc: 'heredoc',
  'cancel-int': 'cancel',
  'cancel-term': 'cancel',
  'cancel-kill': 'cancel',
};

interface Recording {
  text: string;
  format: ProgressFormat;
  exitCode: number;
  dockerfile: ReturnType<typeof parseDockerfile>;
}

/** `final-first.rawjson`: the recording, its format, exit code and Dockerfile. */
function recording(name: string): Recording {
  const file = fs.readdirSync(BUILDX).find((f) => f.startsWith(`${name}.exit`))!;
  assert.ok(file, `no recording ${name} in ${BUILDX}`);
  const context = RECORDED_CONTEXT[name.split('.')[0]];
  return {
    text: fs.readFileSync(path.join(BUILDX, file), 'utf8'),
    format: name.endsWith('.rawjson') ? 'rawjson' : 'plain',
    exitCode: Number(/\.exit(\d+)\./.exec(file)![1]),
    dockerfile: parseDockerfile(fs.readFileSync(path.join(BUILDX, context, 'Dockerfile'), 'utf8')),
  };
}

type Chunking = 'whole' | 'bytes' | { seed: number };

/** Feeds the recording to the parser as the runner does: whole, one byte at a time (through a
 * UTF-8 decoder, as the runner's streams decode), or in random chunks of 1 byte to 8 KiB. */
function feed(rec: Recording, chunking: Chunking = 'whole', text = rec.text, exitCode = rec.exitCode) {
  const events: ProgressEvent[] = [];
  const progress = new BuildProgress((e) => events.push(e), rec.dockerfile);
  const parser = progressParser(rec.format, progress);
  if (chunking === 'whole') parser.push(text);
  else {
    const bytes = Buffer.from(text, 'utf8');
    const decoder = new StringDecoder('utf8');
    const random = chunking === 'bytes' ? () => 0 : seededRandom(chunking.seed);
    for (let i = 0; i < bytes.length;) {
      const size = chunking === 'bytes' ? 1 : 1 + Math.floor(random() * 8192);
      parser.push(decoder.write(bytes.subarray(i, i + size)));
      i += size;
    }
    parser.push(decoder.end());
  }
  parser.end(exitCode);
  return { progress, events };
}

/** Every vertex report in a recording, read without the parser under test: buildx starts each
 * object with `{` and ends it with `}` at the start of a line. */
function recordedVertexes(text: string): { digest: string; name: string; started?: string; completed?: string }[] {
  const objects = text.match(/^\{\n[\s\S]*?^\}$/gm) ?? [];
  return objects.flatMap((o) => (JSON.parse(o) as { vertexes?: [] }).vertexes ?? []);
}

/** ms between two RFC 3339 times with nanoseconds. */
const between = (from: string, to: string) => {
  const ms = (t: string) => Date.parse(t.replace(/\.\d+/, '')) + Number(`0${/\.\d+/.exec(t)?.[0] ?? ''}`) * 1000;
  return ms(to) - ms(from);
};

/** The recorded time of a vertex that ran once (or again, not overlapping): the sum of its runs. */
function recordedDuration(text: string, name: string): number {
  const runs = new Map<string, string>();
  for (const v of recordedVertexes(text))
    if (v.name === name && v.started && v.completed) runs.set(v.started, v.completed);
  assert.ok(runs.size > 0, `no completed vertex named ${name}`);
  return [...runs].reduce((sum, [started, completed]) => sum + between(started, completed), 0);
}

const byLine = (progress: BuildProgress) =>
  progress.instructionSteps.map((s) => `${s.line}:${s.state}`).sort((a, b) => parseInt(a) - parseInt(b));
const stepAt = (progress: BuildProgress, line: number) => progress.instructionSteps.find((s) => s.line === line)!;

describe('rawjson progress as buildx 0.13 prints it (unit, recorded from the real buildx)', () => {
  const RAWJSON = ['final-first', 'final-again', 'broken', 'heredoc', 'cancel-int', 'cancel-term', 'cancel-kill'];

  it('the recordings are pretty-printed objects over many lines, not one object a line', () => {
    const rec = recording('final-first.rawjson');
    assert.match(rec.text, /^\{\n {2}"vertexes": \[\n {4}\{\n/);
    assert.ok(rec.text.split('\n').length > 300);
  });

  for (const name of RAWJSON) {
    it(`${name}: the same steps and failure fed whole, one byte at a time and in random chunks`, () => {
      const rec = recording(`${name}.rawjson`);
      const whole = feed(rec);
      assert.ok(whole.progress.instructionSteps.length >= 2);
      for (const chunking of ['bytes', { seed: 14 }, { seed: 2026 }, { seed: 7 }] as const) {
        const { progress, events } = feed(rec, chunking);
        const what = JSON.stringify(chunking);
        assert.deepEqual(progress.steps, whole.progress.steps, what);
        assert.deepEqual(progress.failure, whole.progress.failure, what);
        assert.deepEqual(events.length, whole.events.length, what);
      }
    });
  }

  it('reads a passing multi-stage build: steps by Dockerfile line, logs, the secret and cache mounts, timings', () => {
    const rec = recording('final-first.rawjson');
    const { progress, events } = feed(rec, { seed: 1 });
    assert.deepEqual(byLine(progress), [
      '0:cached',
      '2:done',
      '5:done',
      '6:done',
      '7:done',
      '15:done',
      '16:done',
      '17:done',
    ]);
    assert.equal(progress.failure, undefined);
    const greeting = stepAt(progress, 2);
    assert.deepEqual([greeting.stage, greeting.index, greeting.total], ['base', 2, 2]);
    assert.equal(greeting.instruction, 'RUN echo "greeting=hello" | tee /greeting');
    assert.deepEqual(greeting.logs, ['greeting=hello']);
    assert.match(stepAt(progress, 7).logs.join('\n'), /^cache lines: \d+$/);
    assert.equal(stepAt(progress, 7).range?.end.line, 8, 'the continued RUN spans two lines');
    assert.deepEqual(stepAt(progress, 16).logs, ['secret bytes: 6']);
    assert.ok(!rec.text.includes(Buffer.from('s3cr3t').toString('base64')) && !rec.text.includes('s3cr3t'));
    assert.deepEqual(stepAt(progress, 17).logs, ['no line break at the end'], 'the unfinished last line is kept');
    for (const step of progress.instructionSteps.filter((s) => s.state === 'done'))
      assert.ok(
        Math.abs(step.durationMs! - recordedDuration(rec.text, step.name)) <= 1,
        `${step.name}: ${step.durationMs} ms`,
      );
    const definition = progress.steps.find((s) => s.instruction === 'load build definition from Dockerfile')!;
    assert.equal(definition.detail, 'transferring dockerfile: 590 done');
    assert.ok(
      Math.abs(definition.durationMs! - recordedDuration(rec.text, definition.name)) <= 1,
      'a vertex that ran twice counts both runs',
    );
    assert.deepEqual(
      events.filter((e) => e.type === 'warning'),
      [],
    );
    assert.deepEqual(
      stepNotes(progress.steps).map((n) => n.line),
      [0, 2, 5, 6, 7, 15, 16, 17],
    );
  });

  it('announces a step when it starts (as plain progress does), not when buildx first lists it', () => {
    const rec = recording('final-first.rawjson');
    // the step object is live: what it said is written down as each event arrives
    const states: string[] = [];
    parseProgress(rec.text, 'rawjson', {
      dockerfile: rec.dockerfile,
      exitCode: 0,
      listener: (e) => {
        if (e.type === 'step' && e.step.line === 16) states.push(e.step.state);
      },
    });
    assert.deepEqual(states, ['running', 'done']);
    const listedFirst = rec.text.indexOf('"name": "[final 2/3] RUN');
    const startedFirst = rec.text.search(/"name": "\[final 2\/3\] RUN[^\n]*\n\s*"started"/);
    assert.ok(listedFirst < startedFirst, 'buildx lists the vertex before it starts');
  });

  it('reads the second build of the same target as cached steps, and the notes say cached', () => {
    const { progress } = feed(recording('final-again.rawjson'), { seed: 2 });
    assert.deepEqual(byLine(progress).slice(1), [
      '2:cached',
      '5:cached',
      '6:cached',
      '7:cached',
      '15:cached',
      '16:cached',
      '17:cached',
    ]);
    assert.deepEqual(stepAt(progress, 7).logs, []);
    assert.equal(stepNotes(progress.steps).find((n) => n.line === 7)?.text, 'cached');
    assert.match(
      buildSummary({ progress, exitCode: 0, durationMs: 1500, tag: 'app:1' }),
      /^Built app:1 in 1\.5 s: 8 steps, [78] cached\.$/,
    );
  });

  it('maps the failing RUN to its line, with the message, its log and where buildx says it failed', () => {
    const rec = recording('broken.rawjson');
    const { progress, events } = feed(rec, { seed: 3 });
    const failure = progress.failure!;
    assert.equal(failure.line, 11);
    assert.equal(failure.file, 'Dockerfile');
    assert.equal(
      failure.message,
      'process "/bin/sh -c echo about to fail;     exit 3" did not complete successfully: exit code: 3',
    );
    assert.equal(failure.step?.stage, 'broken');
    assert.equal(failure.step?.state, 'error');
    assert.equal(failure.step?.range?.end.line, 12);
    assert.deepEqual(failure.step?.logs, ['about to fail']);
    assert.ok(Math.abs(failure.step!.durationMs! - recordedDuration(rec.text, failure.step!.name)) <= 1);
    assert.equal(events.filter((e) => e.type === 'failure').length, 1);
    assert.deepEqual(byLine(progress), ['0:cached', '2:done', '11:error']);
    assert.equal(
      buildSummary({ progress, exitCode: 1, durationMs: 2000 }),
      'Build failed after 2.0 s at line 12: RUN echo about to fail;     exit 3 (exit code 1).',
    );
  });

  it('takes the failing line from `Dockerfile:12` after the JSON even without a Dockerfile model', () => {
    const rec = recording('broken.rawjson');
    const progress = parseProgress(rec.text, 'rawjson', { exitCode: 1 });
    assert.equal(progress.failure?.line, 11);
    assert.equal(progress.failure?.step?.line, undefined);
  });

  it('reads heredoc RUN and COPY, and COPY --link (two vertexes in one progress group) as one step', () => {
    const rec = recording('heredoc.rawjson');
    const { progress } = feed(rec, { seed: 4 });
    assert.deepEqual(byLine(progress), ['0:cached', '1:done', '6:done', '11:done', '12:done']);
    assert.ok(progress.instructionSteps.every((s) => s.line !== undefined));
    assert.equal(stepAt(progress, 1).instruction, 'RUN <<EOF (set -eu...)');
    assert.deepEqual(stepAt(progress, 1).logs, ['first step', 'second step']);
    assert.equal(stepAt(progress, 6).instruction, 'COPY --chmod=0755 <<EOF /usr/local/bin/docker-entrypoint.sh');
    assert.deepEqual(stepAt(progress, 12).logs, ['linked app', 'entrypoint ran']);
    const link = stepAt(progress, 11);
    assert.equal(link.name, '[4/5] COPY --link app.txt /app.txt');
    assert.ok(!progress.steps.some((s) => s.name.includes('LINK COPY')));
    // the group ran from its first vertex's start to its last one's end, less any gap between
    const members = recordedVertexes(rec.text).filter((v) => v.name.endsWith('COPY --link app.txt /app.txt'));
    const starts = members.flatMap((v) => (v.started ? [v.started] : [])).sort();
    const ends = members.flatMap((v) => (v.completed ? [v.completed] : [])).sort();
    assert.ok(link.durationMs! <= between(starts[0], ends.at(-1)!) + 1);
    assert.ok(link.durationMs! >= recordedDuration(rec.text, '[4/5] LINK COPY --link app.txt /app.txt') - 1);
  });

  it('gives the same steps as plain progress for the same builds', () => {
    // two runs of each build: the cache mount's count and the times differ, the rest may not
    const logs = (p: BuildProgress, line: number) => stepAt(p, line).logs.map((l) => l.replace(/\d+/g, 'N'));
    for (const name of ['final-first', 'final-again', 'broken', 'heredoc']) {
      const raw = feed(recording(`${name}.rawjson`)).progress;
      const plain = feed(recording(`${name}.plain`)).progress;
      assert.deepEqual(byLine(raw), byLine(plain), name);
      for (const step of raw.instructionSteps) assert.deepEqual(logs(raw, step.line!), logs(plain, step.line!), name);
      assert.equal(raw.failure?.line, plain.failure?.line, name);
      assert.equal(raw.failure?.message, plain.failure?.message, name);
    }
  });

  for (const name of ['cancel-int', 'cancel-term']) {
    it(`${name}: a build cancelled mid-RUN ends with the RUN canceled and buildx's message`, () => {
      const { progress } = feed(recording(`${name}.rawjson`), { seed: 5 });
      const run = stepAt(progress, 1);
      assert.equal(run.state, 'canceled');
      assert.deepEqual(run.logs, ['started']);
      assert.equal(progress.failure?.message, 'Canceled: context canceled');
      assert.deepEqual(byLine(progress), ['0:cached', '1:canceled']);
    });
  }

  it('cancel-kill: SIGKILL ends the stream after a whole object; the RUN is left running', () => {
    const rec = recording('cancel-kill.rawjson');
    assert.match(rec.text, /\n\}\n$/, 'buildx writes each object in one write');
    const { progress } = feed(rec);
    assert.deepEqual(byLine(progress), ['0:cached', '1:running']);
    assert.deepEqual(stepAt(progress, 1).logs, ['started']);
    assert.equal(progress.failure, undefined);
  });

  it('a stream cut inside an object ends cleanly: the partial object is left out, the steps so far kept', () => {
    const rec = recording('cancel-kill.rawjson');
    const lastObject = rec.text.lastIndexOf('\n{\n') + 1;
    const before = feed(rec, 'whole', rec.text.slice(0, lastObject)).progress;
    for (let cut = lastObject + 1; cut < rec.text.length - 1; cut += 3) {
      const { progress, events } = feed(rec, { seed: cut }, rec.text.slice(0, cut));
      assert.deepEqual(progress.steps, before.steps, `cut at ${cut}`);
      assert.equal(progress.failure, undefined, `no line of the cut object is read as text (cut at ${cut})`);
      assert.ok(!events.some((e) => e.type === 'warning'));
    }
    assert.notDeepEqual(
      feed(rec).progress.steps,
      before.steps,
      'the object that was cut, given whole, adds its report',
    );
  });
});

describe('rawjson progress: shapes the recordings lack (unit)', () => {
  const vertex = (digest: string, more: object) => ({ digest: `sha256:${digest.repeat(64)}`, ...more });
  const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString().replace('Z', '000000Z');

  it('reads one compact object a line too, logs split mid-line over messages, and warnings', () => {
    const a = vertex('a', { name: '[base 2/2] RUN echo "greeting=$GREETING" | tee /greeting', started: at(0) });
    const lines = [
      { vertexes: [a] },
      { logs: [{ vertex: a.digest, stream: 1, data: Buffer.from('greeting=').toString('base64') }] },
      { logs: [{ vertex: a.digest, stream: 1, data: Buffer.from('hello\nsecond line\n').toString('base64') }] },
      { vertexes: [{ ...a, completed: at(200) }] },
      {
        warnings: [
          {
            vertex: a.digest,
            short: Buffer.from("UndefinedVar: Usage of undefined variable '$NOPE'").toString('base64'),
            range: [{ start: { line: 3 }, end: { line: 3 } }],
          },
        ],
      },
    ].map((o) => JSON.stringify(o));
    const events: ProgressEvent[] = [];
    const dockerfile = parseDockerfile(fs.readFileSync(path.join(FIXTURES, 'multistage', 'Dockerfile'), 'utf8'));
    const progress = parseProgress(lines.join('\n') + '\n', 'rawjson', {
      dockerfile,
      exitCode: 0,
      listener: (e) => events.push(e),
    });
    const run = stepAt(progress, 2);
    assert.deepEqual(run.logs, ['greeting=hello', 'second line']);
    assert.equal(run.durationMs, 200);
    assert.deepEqual(
      events.filter((e) => e.type === 'warning'),
      [{ type: 'warning', message: "UndefinedVar: Usage of undefined variable '$NOPE'", line: 2 }],
    );
  });

  it('skips an object over the cap, with a note, and reads the next one', () => {
    const big = vertex('b', { name: 'x'.repeat(1.5 * 1024 * 1024), started: at(0) });
    const small = vertex('c', { name: '[internal] load build context', started: at(0), completed: at(5) });
    const events: ProgressEvent[] = [];
    const text = `${JSON.stringify({ vertexes: [big] }, null, 2)}\n${JSON.stringify({ vertexes: [small] }, null, 2)}\n`;
    const progress = parseProgress(text, 'rawjson', { exitCode: 0, listener: (e) => events.push(e) });
    assert.deepEqual(
      progress.steps.map((s) => s.name),
      ['[internal] load build context'],
    );
    const notes = events.flatMap((e) => (e.type === 'warning' ? [e.message] : []));
    assert.equal(notes.length, 1);
    assert.match(notes[0], /^Skipped a progress report of \d+ characters \(more than 1048576\)\.$/);
  });
});

describe('JsonObjectSplitter (unit)', () => {
  function split(lines: string[], maxChars?: number) {
    const out: string[] = [];
    const splitter = new JsonObjectSplitter(
      {
        object: (v) => out.push(`object ${JSON.stringify(v)}`),
        text: (t) => out.push(`text ${t}`),
        oversize: (n) => out.push(`oversize ${n}`),
      },
      maxChars,
    );
    for (const line of lines) splitter.line(line);
    return { out, cut: splitter.end() };
  }

  it('follows strings: braces, quotes and backslashes inside them do not count', () => {
    const { out } = split(['{', '  "a": "} { \\" \\\\",', '  "b": ["}", {"c": "\\\\\\""}]', '}', 'ERROR: after']);
    assert.deepEqual(out, [`object {"a":"} { \\" \\\\","b":["}",{"c":"\\\\\\""}]}`, 'text ERROR: after']);
  });

  it('reads objects that share a line, and text after an object on its line', () => {
    const { out } = split(['{"a":1}{"b":2}  {"c":', '3} trailing', '  not json', '']);
    assert.deepEqual(out, [
      'object {"a":1}',
      'object {"b":2}',
      'object {"c":3}',
      'text trailing',
      'text   not json',
      'text ',
    ]);
  });

  it('gives back the lines of an object that does not parse, as text', () => {
    const { out } = split(['{ not: json', '}', '{"ok":true}']);
    assert.deepEqual(out, ['text { not: json', 'text }', 'object {"ok":true}']);
  });

  it('skips an object over the cap without keeping it, to its end, then reads on', () => {
    const lines = [
      '{',
      ...Array.from({ length: 100 }, (_, i) => `  "k${i}": "${'x'.repeat(20)}",`),
      '  "end": "}"',
      '}',
    ];
    const { out } = split([...lines, '{"next":1}'], 500);
    const chars = lines.join('\n').length;
    assert.deepEqual(out, [`oversize ${chars}`, 'object {"next":1}']);
  });

  it('drops an object cut off by the end of the stream and says how much was dropped', () => {
    const { out, cut } = split(['{"a":1}', '{', '  "vertexes": [', '    {"digest": "sha256:ab']);
    assert.deepEqual(out, ['object {"a":1}']);
    assert.equal(cut, '{\n  "vertexes": [\n    {"digest": "sha256:ab\n'.length);
    assert.equal(split(['{"a":1}']).cut, 0);
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
