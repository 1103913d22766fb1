// Offsets and positions in a text, with \n, \r\n or \r line breaks.
import type { Position } from './types';

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) starts.push(i + 1);
  }
  return starts;
}

/** The offset of a position, clamped to its line's end and to the text. */
export function offsetAt(text: string, starts: readonly number[], pos: Position): number {
  const start = starts[pos.line];
  if (start === undefined) return text.length;
  const next = starts[pos.line + 1] ?? text.length + 1;
  return Math.min(start + pos.character, next - 1, text.length);
}

/** The position of an offset, from the line starts. */
export function positionAt(starts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}
