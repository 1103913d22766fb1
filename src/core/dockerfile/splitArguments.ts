// dockerfile-ast's Instruction.getRawArguments(), step for step, with its costs taken out:
//  - each argument's ends were found by TextDocument.positionAt (a binary search over the line
//    starts) and wrapped by Range.create (which type-checks every number); the scan moves forward,
//    so a cursor over the same line starts answers, and the range is the same plain object;
//  - a value was built a character at a time; runs of plain characters are now sliced whole;
//  - nothing else changes: the same branches, in the same order, so that every argument's value
//    and range are the library's (a test compares the two on the corpus and on awkward input).
import { Argument } from 'dockerfile-ast';
import type { Position, Range } from '../types';

/** The library's TextDocument, as far as the split reads it. */
interface Document {
  getText(): string;
  offsetAt(position: Position): number;
  getLineOffsets?(): number[];
}

export interface SplittableInstruction {
  document: Document;
  range: Range;
  escapeChar: string;
  getInstructionRange(): Range;
}

const SPACE = 32;
const TAB = 9;
const CR = 13;
const LF = 10;
const DOLLAR = 36;
const HASH = 35;
const isEOL = (code: number) => code === CR || code === LF;
const isWhitespace = (code: number) => code === SPACE || code === TAB || isEOL(code);

/** TextDocument.positionAt, which first tries the line of the last answer: arguments share lines. */
class NearbyPositions {
  private line = 0;

  constructor(
    private readonly text: string,
    private readonly lineOffsets: number[],
  ) {}

  /** The last line that starts at or before `offset`. */
  private lineOf(offset: number): number {
    const { lineOffsets } = this;
    const line = this.line;
    if (lineOffsets[line] <= offset && (line + 1 === lineOffsets.length || lineOffsets[line + 1] > offset)) return line;
    let low = 0;
    let high = lineOffsets.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (lineOffsets[mid] > offset) high = mid;
      else low = mid + 1;
    }
    return low - 1;
  }

  argument(value: string, from: number, to: number): Argument {
    return new LazyArgument(value, this, from, to);
  }

  at(offset: number): Position {
    const { text, lineOffsets } = this;
    offset = Math.max(Math.min(offset, text.length), 0);
    const line = (this.line = this.lineOf(offset));
    const lineOffset = lineOffsets[line];
    while (offset > lineOffset && isEOL(text.charCodeAt(offset - 1))) offset--;
    return { line, character: offset - lineOffset };
  }
}

/**
 * An Argument whose range is worked out when first read: the ranges of most RUN words never are,
 * and four objects a word were a sixth of a lint's garbage. The library reads `this.range` as a
 * field, so the range is an accessor on the prototype (its constructor's assignment of undefined
 * goes to the setter); the Range is a plain object, as the library's Range.create makes it.
 */
class LazyArgument extends Argument {
  kept: Range | undefined = undefined;

  constructor(
    value: string,
    private readonly positions: NearbyPositions,
    private readonly from: number,
    private readonly to: number,
  ) {
    super(value, undefined as unknown as Range);
  }

  rangeNow(): Range {
    return (this.kept ??= { start: this.positions.at(this.from), end: this.positions.at(this.to) });
  }
}

Object.defineProperty(LazyArgument.prototype, 'range', {
  get(this: LazyArgument) {
    return this.rangeNow();
  },
  set(this: LazyArgument, range: Range | undefined) {
    if (range) this.kept = range;
  },
});

/** undefined when the document is not the TextDocument this was written against. */
export function splitArguments(instruction: SplittableInstruction): Argument[] | undefined {
  const document = instruction.document;
  const lineOffsets = document.getLineOffsets?.();
  if (!lineOffsets || lineOffsets.length === 0) return undefined;
  const text = document.getText();
  const positions = new NearbyPositions(text, lineOffsets);
  const range = instruction.getInstructionRange();
  const rangeStart = document.offsetAt(range.start);
  const extra = document.offsetAt(range.end) - rangeStart;
  const lineStart = document.offsetAt(instruction.range.start);
  const content = text.substring(lineStart, document.offsetAt(instruction.range.end));
  const fullArgs = content.substring(extra);
  const offset = rangeStart + extra;
  const escapeChar = instruction.escapeChar;
  const args: Argument[] = [];
  const push = (value: string, from: number, to: number) =>
    args.push(positions.argument(value, offset + from, offset + to));
  let start = false;
  let comment = false;
  let found = -1;
  // whitespace that is part of an escaped line break
  let escapedWhitespaceDetected = false;
  // inside an escaped line break
  let escaping = false;
  let escapeMarker = -1;
  let escapedArg = '';
  // Plain characters of the value from `run` on, not yet in escapedArg: they join it as one slice
  // at the next white space or escape, which come before any comment or word after a continuation.
  // (The library added them one by one: a third of a lint's garbage.)
  let run = -1;
  const flush = (end: number) => {
    escapedArg += fullArgs.slice(run, end);
    run = -1;
  };
  const length = fullArgs.length;
  const escape = escapeChar.charCodeAt(0);
  // character codes, not one-character strings: the loop visits every character of the file
  const codeAt = (at: number) => (at < length ? fullArgs.charCodeAt(at) : -1);
  for (let i = 0; i < length; i++) {
    const char = fullArgs.charCodeAt(i);
    if (isWhitespace(char)) {
      if (run !== -1) flush(i);
      if (escaping) {
        escapedWhitespaceDetected = true;
        if (isEOL(char)) {
          // a line break: whitespace before it does not count
          escapedWhitespaceDetected = false;
          if (comment) {
            comment = false;
            start = true;
          }
        }
        continue;
      } else if (found !== -1) {
        push(escapedArg, found, escapeMarker === -1 ? i : escapeMarker);
        escapeMarker = -1;
        escapedArg = '';
        found = -1;
      }
    } else if (char === escape) {
      if (run !== -1) flush(i);
      const next = codeAt(i + 1);
      if (next === SPACE || next === TAB) {
        for (let j = i + 2; j < length; j++) {
          const after = fullArgs.charCodeAt(j);
          if (after === SPACE || after === TAB) continue;
          if (isEOL(after)) {
            if (after === CR) j++; // \r\n, as the library assumes
            comment = false;
            escaping = true;
            start = true;
            if (found !== -1) escapeMarker = i;
            i = j;
          } else {
            escapeMarker = i;
            if (found === -1) i = j - 1;
          }
          break;
        }
      } else if (next === CR) {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i += 2;
      } else if (next === LF) {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i++;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          push(escapedArg, found, escapeMarker);
          escapedArg = '';
          found = -1;
        }
        escapeMarker = -1;
        escapedWhitespaceDetected = false;
        escaping = false;
        if (next === DOLLAR) escapedArg = escapedArg + escapeChar + '$';
        else if (next === -1)
          break; // the end of the text
        else escapedArg = escapedArg + fullArgs.charAt(i + 1);
        if (found === -1) found = i;
        i++;
      }
    } else if (!comment) {
      if (start && char === HASH) {
        comment = true;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          push(escapedArg, found, escapeMarker);
          escapedArg = '';
          found = -1;
        }
        escapedWhitespaceDetected = false;
        escaping = false;
        escapeMarker = -1;
        if (run === -1) run = i;
        if (found === -1) found = i;
      }
      // not whitespace: no longer at the start of a line
      start = false;
    }
  }
  if (run !== -1) flush(fullArgs.length);
  if (found !== -1) push(escapedArg, found, escapeMarker === -1 ? fullArgs.length : escapeMarker);
  return args;
}
