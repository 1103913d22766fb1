// The line a build ends with in its terminal. Plain progress has no closing line of its own (the
// tty view's `[+] Building 1.4s (8/8) FINISHED` is gone with it), so the outcome, the time and
// the failing instruction would otherwise have to be read off the log.
import type { BuildFailure, BuildProgress, BuildStep } from './progress';

export interface BuildOutcome {
  progress: BuildProgress;
  exitCode: number;
  durationMs: number;
  /** The image's first tag, when the build has one. */
  tag?: string;
}

/** `850 ms`, `12.3 s`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** What the editor shows at the end of an instruction's line after a build. */
export interface StepNote {
  /** The instruction's first line, 0-based: the note is drawn at its end. */
  line: number;
  /** Its last line (a continued instruction spans several): an edit anywhere between clears the note. */
  endLine: number;
  /** `cached`, `failed`, or how long the step took, e.g. `1.2 s`. */
  text: string;
}

/** `cached`, `failed` or the duration; nothing for a step that never finished. */
function noteFor(step: BuildStep): string | undefined {
  if (step.state === 'cached') return 'cached';
  if (step.state === 'error') return 'failed';
  if (step.state !== 'done' || step.durationMs === undefined) return undefined;
  return formatDuration(step.durationMs);
}

/** A note per Dockerfile line that had a step; of two steps on one line, the later one's. */
export function stepNotes(steps: readonly BuildStep[]): StepNote[] {
  const byLine = new Map<number, StepNote>();
  for (const step of steps) {
    const text = !step.internal && step.line !== undefined ? noteFor(step) : undefined;
    if (text && step.line !== undefined)
      byLine.set(step.line, { line: step.line, endLine: step.range?.end.line ?? step.line, text });
  }
  return [...byLine.values()];
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** One line, without colour: what was built and how long it took, or where it failed (the engine
 * prints why just above). */
export function buildSummary({ progress, exitCode, durationMs, tag }: BuildOutcome): string {
  const steps = progress.instructionSteps;
  const took = formatDuration(durationMs);
  if (exitCode === 0) {
    const cached = steps.filter((s) => s.state === 'cached').length;
    return `Built${tag ? ` ${tag}` : ''} in ${took}: ${plural(steps.length, 'step')}, ${cached} cached.`;
  }
  // failure.line is BuildKit's location, else the failing step's line, else a parse error's
  const failure = progress.failure;
  const where = [failure?.line !== undefined ? `line ${failure.line + 1}` : undefined, failure?.step?.instruction]
    .filter(Boolean)
    .join(': ');
  return `Build failed after ${took}${where ? ` at ${where}` : ''} (exit code ${exitCode}).`;
}

/** The failing step's lines a failure mark quotes: enough for `npm ERR!` and its cause. */
export const FAILURE_OUTPUT_LINES = 10;

/** What a failure mark on the Dockerfile says: the engine's message, then the last lines the
 * failing step printed, where the reason usually is (the message itself says only `exit code: 1`). */
export function failureMessage(failure: BuildFailure): string {
  const logs = failure.step?.logs ?? [];
  let end = logs.length;
  while (end > 0 && !logs[end - 1].trim()) end--;
  const output = logs.slice(Math.max(0, end - FAILURE_OUTPUT_LINES), end);
  return [`Build failed: ${failure.message}`, ...output].join('\n');
}
