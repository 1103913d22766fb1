// Prefilters on a RUN's raw text, so that rules hand the shell parser only the RUNs whose text
// can hold what they look for. A prefilter only passes over RUNs; the parsed commands decide.
import type { Instr } from '../dockerfile/model';
import { memoOn } from '../memo';

const CONTINUATION = /[\\`][ \t]*\r?\n/g;
const CONTINUATION_AND_COMMENTS = /[\\`][ \t]*\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*/g;
const QUOTING = /["'\\`]/g;

/**
 * False only when no shell word of the RUN can be one of `programs` (also as the end of a path).
 * It reads the text as the shell may see a name: continuations joined (with or without the
 * comment lines Docker drops inside them; a heredoc keeps them), quotes and escapes taken out
 * (`"go"` and `g\\o` both run go).
 */
export function mayRunProgram(instr: Instr, programs: readonly string[]): boolean {
  if (instr.keyword !== 'RUN' || !programs.length) return false;
  const [joined, joinedWithoutComments] = readings(instr);
  return programs.some(
    (p) => joined.includes(p) || (joinedWithoutComments !== joined && joinedWithoutComments.includes(p)),
  );
}

const READINGS = Symbol('dockwright.runReadings');
/** A comment line or an empty line after a line break: only then do the two readings differ. */
const DROPPED_LINE = /\n[ \t]*(?:#|\r?\n)/;

/** The two ways the shell may see the RUN's text, made once a RUN: several rules ask of each RUN. */
function readings(instr: Instr): readonly [string, string] {
  return memoOn(instr, READINGS, () => {
    const joined = instr.argsText.replace(CONTINUATION, '').replace(QUOTING, '');
    return [
      joined,
      DROPPED_LINE.test(instr.argsText)
        ? instr.argsText.replace(CONTINUATION_AND_COMMENTS, '').replace(QUOTING, '')
        : joined,
    ];
  });
}

/** A cheap look at the RUN's raw text, so rules skip the parser when their words cannot be there. */
export function runMentions(instr: Instr, pattern: RegExp): boolean {
  return instr.keyword === 'RUN' && pattern.test(instr.argsText);
}
