// Prefilters on a RUN's raw text, so that rules hand the shell parser only the RUNs whose text
// can hold what they look for. A prefilter only passes over RUNs; the parsed commands decide.
import type { Instr } from '../dockerfile/model';
import { memoOn } from '../memo';

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
    const joined = shellReading(instr.argsText, false);
    return [joined, DROPPED_LINE.test(instr.argsText) ? shellReading(instr.argsText, true) : joined];
  });
}

const BACKSLASH = 92;
const BACKTICK = 96;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const SPACE = 32;
const TAB = 9;
const CR = 13;
const LF = 10;
const HASH = 35;

/**
 * The text with its continuations joined (an escape, blanks and a line break; with `dropComments`
 * the comment and blank lines right after one as well) and every quote and escape taken out. One
 * pass over the text: several regular-expression replacements of each RUN were a fiftieth of a lint.
 */
export function shellReading(text: string, dropComments: boolean): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== BACKSLASH && c !== BACKTICK && c !== DOUBLE_QUOTE && c !== SINGLE_QUOTE) continue;
    out += text.slice(from, i);
    from = i + 1;
    if (c !== BACKSLASH && c !== BACKTICK) continue;
    let next = lineBreakAfterBlanks(text, i + 1);
    if (next < 0) continue;
    if (dropComments)
      for (let line = droppedLineEnd(text, next); line >= 0; line = droppedLineEnd(text, next)) next = line;
    from = next;
    i = next - 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Where `[ \t]*\r?\n` from `at` ends, or -1. */
function lineBreakAfterBlanks(text: string, at: number): number {
  let i = at;
  while (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB) i++;
  if (text.charCodeAt(i) === CR) i++;
  return text.charCodeAt(i) === LF ? i + 1 : -1;
}

/** Where the blank or comment line at `at` ends, after its line break, or -1 (another line, or no line break). */
function droppedLineEnd(text: string, at: number): number {
  let i = at;
  while (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB) i++;
  if (text.charCodeAt(i) !== HASH) return lineBreakAfterBlanks(text, i);
  const end = text.indexOf('\n', i);
  return end < 0 ? -1 : end + 1;
}

/** A cheap look at the RUN's raw text, so rules skip the parser when their words cannot be there. */
export function runMentions(instr: Instr, pattern: RegExp): boolean {
  return instr.keyword === 'RUN' && pattern.test(instr.argsText);
}
