// BuildKit's plain progress (`--progress=plain`), as buildx and the engine's built-in BuildKit
// print it on stderr:
//
//   #5 [base 2/3] RUN echo hi         a step starts (repeated when output of steps interleaves)
//   #5 sha256:…                       its digest (BuildKit 0.8)
//   #5 0.171 hi                       a log line, seconds since the step started
//   #5 transferring context: 2B done  a progress detail
//   #5 DONE 0.2s | #5 CACHED | #5 ERROR: … | #5 CANCELED
//
// and, when the build fails, a summary after the steps:
//
//   ------
//    > [final 2/2] RUN make:           the failing step (its last log lines follow in newer BuildKit)
//   ------
//   Dockerfile:12                      newer BuildKit: where, with an excerpt of the Dockerfile
//   --------------------
//     12 | >>> RUN make
//   --------------------
//   ERROR: failed to solve: …          newer BuildKit; 20.10 prints the bare message instead
import type { LineParser } from './lines';
import type { BuildProgress } from './steps';

const DONE = /^DONE (\d+(?:\.\d+)?)s$/;
const ERROR = /^ERROR(?::\s*([\s\S]*))?$/;
// A log line without a line break runs into the next report: `#5 0.09 secret#5 DONE 0.1s`.
const RUN_ON = /^([\s\S]*?)#(\d+) (DONE \d+(?:\.\d+)?s|CACHED|CANCELED|ERROR(?::[\s\S]*)?)$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const isDigit = (code: number) => code >= 48 && code <= 57;
const LOCATION = /^(\S+):(\d+)(?:-\d+)?$/;
const SUMMARY_RULE = /^-{6}$/;
const EXCERPT_RULE = /^-{20}$/;
const FAILED_STEP = /^ > ([\s\S]*):$/;
const SOLVE_ERROR = /^(?:ERROR|error):\s*(?:failed to solve:\s*)?([\s\S]*)$/;

// A build prints thousands of lines, nearly all `#5 0.171 text`: these two read that shape by
// hand. With the two regexes they replace, the parser took 2 ms of a 3,000-line build; now 0.8 ms.

/** `#<digits> <rest>`: the index of the space after the step number, or -1. */
function stepNumberEnd(line: string): number {
  if (line.charCodeAt(0) !== 35) return -1;
  let i = 1;
  while (isDigit(line.charCodeAt(i))) i++;
  return i > 1 && line.charCodeAt(i) === 32 ? i : -1;
}

/** `<digits>.<digits> <text>`, a log line after its step number: where the text starts, or -1. */
function logTextStart(rest: string): number {
  let i = 0;
  while (isDigit(rest.charCodeAt(i))) i++;
  if (i === 0 || rest.charCodeAt(i) !== 46) return -1;
  const fraction = ++i;
  while (isDigit(rest.charCodeAt(i))) i++;
  return i > fraction && rest.charCodeAt(i) === 32 ? i + 1 : -1;
}

export class PlainProgressParser implements LineParser {
  private inSummary = false;
  private sawSummary = false;
  private inExcerpt = false;

  constructor(private readonly progress: BuildProgress) {}

  /** The output is over; the exit code tells a failure without an error step (a parse error) from noise. */
  end(exitCode?: number): void {
    this.progress.end(exitCode);
  }

  line(line: string): void {
    const idEnd = stepNumberEnd(line);
    if (idEnd > 0) this.stepLine(line.slice(0, idEnd), line.slice(idEnd + 1));
    else this.summaryLine(line);
  }

  private stepLine(id: string, rest: string): void {
    const known = this.progress.get(id);
    if (!known) {
      this.progress.step(id, rest);
      return;
    }
    if (rest === known.name || (rest.startsWith('sha256:') && DIGEST.test(rest))) return;
    const logStart = logTextStart(rest);
    if (logStart > 0) {
      const text = rest.slice(logStart);
      // log lines rarely hold a '#'
      const runOn = text.includes('#') ? RUN_ON.exec(text) : null;
      if (runOn) {
        this.progress.log(known, runOn[1]);
        this.stepLine(`#${runOn[2]}`, runOn[3]);
      } else {
        this.progress.log(known, text);
      }
      return;
    }
    const done = DONE.exec(rest);
    if (done) return this.progress.finish(known, 'done', Math.round(Number(done[1]) * 1000));
    if (rest === 'CACHED') return this.progress.finish(known, 'cached', 0);
    if (rest === 'CANCELED') return this.progress.finish(known, 'canceled');
    const error = ERROR.exec(rest);
    if (error) return this.progress.finish(known, 'error', undefined, error[1] ?? '');
    this.progress.detail(known, rest);
  }

  private summaryLine(line: string): void {
    if (SUMMARY_RULE.test(line)) {
      this.inSummary = !this.inSummary;
      this.sawSummary = true;
      return;
    }
    if (this.inSummary) {
      const failed = FAILED_STEP.exec(line);
      if (failed) this.progress.setFailedStepName(failed[1]);
      return;
    }
    if (EXCERPT_RULE.test(line)) {
      this.inExcerpt = !this.inExcerpt;
      return;
    }
    if (this.inExcerpt || !line.trim()) return;
    const location = LOCATION.exec(line);
    if (location && this.sawSummary) return this.progress.setErrorLocation(location[1], Number(location[2]));
    const solveError = SOLVE_ERROR.exec(line);
    if (solveError) return this.progress.setErrorMessage(solveError[1]);
    // BuildKit 0.8 (docker 20.10) ends with the bare message right after the summary, or
    // without one for errors before the first step (`failed to solve with frontend …`)
    if (this.sawSummary) this.progress.setErrorMessage(line);
    else this.progress.strayLine(line);
  }
}
