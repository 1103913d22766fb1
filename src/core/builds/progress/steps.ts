// The build as steps: both progress formats (plain and rawjson) feed this one tracker, which
// keeps each step's state, duration and last log lines and tells a listener what changed.
import type { Range } from '../../types';
import type { DockerfileModel, Instr } from '../../dockerfile/model';
import { locateStep, parseStepName } from './stepName';

export type StepState = 'running' | 'cached' | 'done' | 'error' | 'canceled';

export interface BuildStep {
  /** `#5` in plain progress, the vertex digest in rawjson. */
  id: string;
  /** The vertex name as BuildKit prints it, e.g. `[build 2/5] RUN npm ci`. */
  name: string;
  /** BuildKit's own work (`[internal] load build context`), not a Dockerfile instruction. */
  internal: boolean;
  stage?: string;
  /** Position of the step within its stage, 1-based, and the stage's step count. */
  index?: number;
  total?: number;
  /** The instruction as BuildKit shows it (build args expanded), e.g. `RUN npm ci`. */
  instruction: string;
  /** The Dockerfile instruction's range (0-based lines), when a Dockerfile model was given. */
  range?: Range;
  /** range.start.line: the instruction's first line, 0-based. */
  line?: number;
  state: StepState;
  durationMs?: number;
  /** The step's last lines of output (STEP_LOG_LINES at most, each cut at STEP_LOG_LINE_CHARS),
   * without BuildKit's prefix and timestamp. The terminal has it all; this is for the failure. */
  logs: string[];
  /** The latest progress detail, e.g. `transferring context: 2B done`. */
  detail?: string;
  error?: string;
}

export interface BuildFailure {
  message: string;
  /** 0-based line of the failing instruction in the Dockerfile. */
  line?: number;
  /** The file BuildKit named (`Dockerfile:12`), when it did. */
  file?: string;
  step?: BuildStep;
}

/** Events carry the live step: it keeps changing, so copy what must be kept. */
export type ProgressEvent =
  | { type: 'step'; step: BuildStep }
  | { type: 'log'; step: BuildStep; line: string }
  | { type: 'warning'; message: string; line?: number }
  | { type: 'failure'; failure: BuildFailure };

export type ProgressListener = (event: ProgressEvent) => void;

// `dockerfile parse error line 3:` (BuildKit 0.8) or `dockerfile parse error on line 3:` (later)
const PARSE_ERROR = /parse error (?:on )?line (\d+)/i;
const FINISHED: ReadonlySet<StepState> = new Set(['cached', 'done', 'error', 'canceled']);
/** A step's lines kept: BuildKit clips a step's log at 2 MiB, podman never, and a build may run
 * for hours in the editor's process; the end of the output is where a failure says why. */
export const STEP_LOG_LINES = 50;
export const STEP_LOG_LINE_CHARS = 2000;

/** The line, or its first STEP_LOG_LINE_CHARS and `…`; a character's two halves stay together. */
function clipped(line: string): string {
  if (line.length <= STEP_LOG_LINE_CHARS) return line;
  const highHalfAtCut = /[\uD800-\uDBFF]/.test(line[STEP_LOG_LINE_CHARS - 1]);
  return `${line.slice(0, STEP_LOG_LINE_CHARS - (highHalfAtCut ? 1 : 0))}…`;
}

export class BuildProgress {
  private readonly byId = new Map<string, BuildStep>();
  private errorMessage?: string;
  private errorLocation?: { file: string; line: number };
  private failedStepName?: string;
  private strayMessage?: string;
  private ended = false;
  private exitCode?: number;

  constructor(
    private readonly listener: ProgressListener = () => {},
    readonly dockerfile?: DockerfileModel,
  ) {}

  /** Every step seen, in the order they appeared. */
  get steps(): BuildStep[] {
    return [...this.byId.values()];
  }

  /** The Dockerfile steps (without BuildKit's internal ones). */
  get instructionSteps(): BuildStep[] {
    return this.steps.filter((s) => !s.internal);
  }

  get(id: string): BuildStep | undefined {
    return this.byId.get(id);
  }

  /**
   * The step with this id, created (and announced) on first sight. Its instruction is found from
   * BuildKit's name, unless the caller knows it (`located`; null when it is known to be none).
   */
  step(id: string, name: string, located?: Instr | null): BuildStep {
    const known = this.byId.get(id);
    if (known) return known;
    const parsed = parseStepName(name);
    const step: BuildStep = { id, name, ...parsed, state: 'running', logs: [] };
    const instr =
      located !== undefined
        ? (located ?? undefined)
        : this.dockerfile && !parsed.internal
          ? locateStep(this.dockerfile, parsed)
          : undefined;
    if (instr) {
      step.range = instr.range;
      step.line = instr.range.start.line;
    }
    this.byId.set(id, step);
    this.listener({ type: 'step', step });
    return step;
  }

  log(step: BuildStep, line: string): void {
    if (step.logs.length === STEP_LOG_LINES) step.logs.shift();
    step.logs.push(clipped(line));
    this.listener({ type: 'log', step, line });
  }

  detail(step: BuildStep, text: string): void {
    step.detail = text;
  }

  /** A finished step; a later report of the same state (buildx repeats itself) changes nothing. */
  finish(step: BuildStep, state: Exclude<StepState, 'running'>, durationMs?: number, error?: string): void {
    if (step.state === state && FINISHED.has(state)) return;
    step.state = state;
    if (durationMs !== undefined) step.durationMs = durationMs;
    if (error !== undefined) step.error = error;
    this.listener({ type: 'step', step });
  }

  warning(message: string, line?: number): void {
    this.listener({ type: 'warning', message, line });
  }

  /** The closing `ERROR: failed to solve: …` (or 20.10's bare message after the summary). */
  setErrorMessage(message: string): void {
    this.errorMessage ??= message;
  }

  /** Text outside the step reports: the error, if the build turns out to have failed. */
  strayLine(line: string): void {
    if (/^WARN(ING)?\b/.test(line)) return;
    this.strayMessage = line;
  }

  /** `Dockerfile:12` above the excerpt BuildKit prints for a failed instruction. 1-based line. */
  setErrorLocation(file: string, line1: number): void {
    this.errorLocation ??= { file, line: line1 - 1 };
  }

  /** ` > [final 2/2] RUN …:` in the error summary. */
  setFailedStepName(name: string): void {
    this.failedStepName ??= name;
  }

  /** Why the build failed, when it did: message, failing step and Dockerfile line. */
  get failure(): BuildFailure | undefined {
    const step =
      this.steps.find((s) => s.state === 'error' && !s.internal) ??
      this.steps.find((s) => s.state === 'error') ??
      (this.failedStepName ? this.steps.find((s) => s.name === this.failedStepName) : undefined);
    const failedWithoutStep = this.exitCode !== undefined && this.exitCode !== 0 ? this.strayMessage : undefined;
    const message = this.errorMessage ?? failedWithoutStep ?? step?.error;
    if (!message && !step) return undefined;
    const failure: BuildFailure = { message: message ?? `${step!.name} failed`, step };
    const parseError = message ? PARSE_ERROR.exec(message) : null;
    const line = this.errorLocation?.line ?? step?.line ?? (parseError ? Number(parseError[1]) - 1 : undefined);
    if (line !== undefined) failure.line = line;
    if (this.errorLocation) failure.file = this.errorLocation.file;
    return failure;
  }

  /** The output is over: announce the failure, if any (once). */
  end(exitCode?: number): void {
    if (this.ended) return;
    this.ended = true;
    this.exitCode = exitCode;
    const failure = this.failure;
    if (failure) this.listener({ type: 'failure', failure });
  }
}
