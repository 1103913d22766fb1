import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  buildSummary,
  FAILURE_OUTPUT_LINES,
  failureMessage,
  formatDuration,
  parseProgress,
  stepNotes,
  type BuildStep,
} from '../../../src/core/builds';
import { parseDockerfile } from '../../../src/core/dockerfile/model';

const FIXTURES = path.resolve(__dirname, '../../fixtures/builds');

/** The recorded output of a real build, parsed as the runner would. */
function recorded(dir: string, file: string, exitCode: number) {
  const dockerfile = parseDockerfile(fs.readFileSync(path.join(FIXTURES, dir, 'Dockerfile'), 'utf8'));
  return parseProgress(fs.readFileSync(path.join(FIXTURES, dir, file), 'utf8'), 'plain', { dockerfile, exitCode });
}

describe('the line a build ends with (unit, recorded builds)', () => {
  it('says what was built, how long it took, and how many steps came from the cache', () => {
    const first = recorded('multistage', 'final-first.exit0.txt', 0);
    const steps = first.instructionSteps.length;
    const cached = first.instructionSteps.filter((s) => s.state === 'cached').length;
    assert.equal(
      buildSummary({ progress: first, exitCode: 0, durationMs: 12_345, tag: 'app:1.0' }),
      `Built app:1.0 in 12.3 s: ${steps} steps, ${cached} cached.`,
    );
    const again = recorded('multistage', 'final-again.exit0.txt', 0);
    assert.match(
      buildSummary({ progress: again, exitCode: 0, durationMs: 850 }),
      new RegExp(
        `^Built in 850 ms: ${again.instructionSteps.length} steps, ${again.instructionSteps.length - 1} cached\\.$`,
      ),
    );
  });

  it('names the failing instruction and its line (1-based, as editors count)', () => {
    const broken = recorded('multistage', 'broken.exit1.txt', 1);
    const summary = buildSummary({ progress: broken, exitCode: 1, durationMs: 3_200 });
    assert.equal(summary, `Build failed after 3.2 s at line 12: ${broken.failure!.step!.instruction} (exit code 1).`);
    assert.match(summary, /at line 12: RUN /);
  });

  it("marks a failure with the engine's message and the failing step's last lines, where the reason is", () => {
    const broken = recorded('multistage', 'broken.exit1.txt', 1);
    assert.equal(failureMessage(broken.failure!), `Build failed: ${broken.failure!.message}\nabout to fail`);
    const lines = Array.from({ length: FAILURE_OUTPUT_LINES + 5 }, (_, i) => `npm ERR! ${i}`);
    const step = { ...broken.failure!.step!, logs: [...lines, '', '  '] };
    assert.equal(
      failureMessage({ message: 'exit code: 1', step }),
      ['Build failed: exit code: 1', ...lines.slice(5)].join('\n'),
      'the last lines with text, blank ones after them left out',
    );
    assert.equal(failureMessage({ message: 'unknown flag: --nope' }), 'Build failed: unknown flag: --nope');
  });

  it('still says the build failed when no step can be named', () => {
    const noise = parseProgress('docker: unknown flag --nope\n', 'plain', { exitCode: 125 });
    assert.equal(
      buildSummary({ progress: noise, exitCode: 125, durationMs: 40 }),
      'Build failed after 40 ms (exit code 125).',
    );
  });

  it('writes durations as people read them', () => {
    assert.deepEqual([0, 999.4, 1000, 59_949, 60_000, 125_400].map(formatDuration), [
      '0 ms',
      '999 ms',
      '1.0 s',
      '59.9 s',
      '1 min 0 s',
      '2 min 5 s',
    ]);
  });
});

describe("the notes at the ends of a Dockerfile's lines after a build (unit)", () => {
  const step = (
    line: number | undefined,
    state: BuildStep['state'],
    durationMs?: number,
    internal = false,
  ): BuildStep =>
    ({
      id: `#${line}`,
      name: 'step',
      internal,
      instruction: 'RUN true',
      line,
      state,
      durationMs,
      logs: [],
    }) as BuildStep;

  it('notes each instruction of recorded builds: how long it took, then cached when built again', () => {
    const notesOf = (file: string) => {
      const progress = recorded('multistage', file, 0);
      const notes = stepNotes(progress.instructionSteps);
      const lines = progress.instructionSteps.filter((s) => !s.internal && s.line !== undefined).map((s) => s.line);
      assert.deepEqual(
        notes.map((n) => n.line),
        [...new Set(lines)],
      );
      return notes.map((n) => n.text);
    };
    const first = notesOf('final-first.exit0.txt');
    assert.ok(first.length > 3 && first.every((t) => /^\d+ ms$/.test(t)), JSON.stringify(first));
    const again = notesOf('final-again.exit0.txt');
    assert.equal(again.filter((t) => t === 'cached').length, again.length - 1, JSON.stringify(again));
  });

  it("writes a step's time as the closing line does, minutes included", () => {
    const notes = stepNotes([
      step(0, 'done', 75_000),
      step(1, 'done', 1_234),
      step(2, 'done', 40),
      step(3, 'error'),
      step(4, 'cached'),
    ]);
    assert.deepEqual(
      notes.map((n) => n.text),
      ['1 min 15 s', '1.2 s', '40 ms', 'failed', 'cached'],
    );
  });

  it("leaves out BuildKit's own steps, steps with no line and steps that never finished; a line keeps its last step", () => {
    const notes = stepNotes([
      step(0, 'done', 10, true),
      step(undefined, 'done', 10),
      step(1, 'running'),
      step(2, 'cached'),
      step(2, 'done', 500),
    ]);
    assert.deepEqual(notes, [{ line: 2, endLine: 2, text: '500 ms' }]);
  });

  it("spans a continued instruction's lines, so that an edit on any of them can clear its note", () => {
    const broken = recorded('multistage', 'broken.exit1.txt', 1);
    const failed = stepNotes(broken.instructionSteps).find((n) => n.text === 'failed');
    assert.deepEqual(failed && [failed.line, failed.endLine], [11, 12], 'the RUN continued over lines 12-13');
  });
});
