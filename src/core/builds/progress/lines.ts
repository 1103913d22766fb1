import { MAX_JSON_OBJECT_CHARS } from './jsonStream';
/** A progress format read line by line; the lines of each output stream are put together apart. */
export interface LineParser {
  line(line: string): void;
  /** The output is over. */
  end(exitCode?: number): void;
}

/** The most of a line a parser is given. A step name or message BuildKit or podman prints is a few
 * KiB at most; a line that never ends (a progress bar, a minified file cat'ed, output written to
 * harm) is cut here rather than kept whole: the splitter's state stays this size. */
export const LINE_CHARS = 64 * 1024;
/**
 * rawjson's lines may be whole JSON documents (one object a line). Lines up to twice the object cap
 * are kept whole, so that an object over the cap is skipped whole; a longer line is cut as others.
 */
export const RAWJSON_LINE_CHARS = 2 * MAX_JSON_OBJECT_CHARS;
/** A cut line keeps its end too, after `…`: that is where a run-on report is (`…#5 DONE 0.1s`). */
export const LINE_TAIL_CHARS = 256;

const isHighHalf = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowHalf = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * Splits a stream of text chunks into lines; the unfinished last line waits for the next chunk.
 * Each character is scanned once: the unfinished line is kept as its chunks, joined when its line
 * break comes, and at most `maxChars` of it are kept. A longer line is given cut to LINE_CHARS:
 * its start, `…` and its last LINE_TAIL_CHARS. (Joining the rest to each chunk and scanning it
 * again took 9.7 s for 16 MiB without a line break, in 64 KiB chunks.)
 */
export class LineSplitter {
  /** The unfinished line's chunks: its first `maxChars` characters at most. */
  private head: string[] = [];
  private headChars = 0;
  /** Past `maxChars`: the last LINE_TAIL_CHARS characters seen. */
  private tail = '';
  private cut = false;
  /** Characters scanned for line breaks so far: each one once. */
  scannedChars = 0;

  constructor(
    private readonly onLine: (line: string) => void,
    readonly maxChars = LINE_CHARS,
  ) {}

  /** Characters of the unfinished line kept: never more than maxChars + LINE_TAIL_CHARS. */
  get keptChars(): number {
    return this.headChars + this.tail.length;
  }

  push(chunk: string): void {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      this.keep(chunk, start, nl);
      this.emit();
      start = nl + 1;
    }
    this.keep(chunk, start, chunk.length);
    this.scannedChars += chunk.length;
  }

  /** The stream ended: the last line, if it had no line break. */
  end(): void {
    if (this.headChars || this.cut) this.emit();
  }

  private keep(text: string, start: number, end: number): void {
    if (start === end) return;
    const room = this.maxChars - this.headChars;
    if (end - start <= room) {
      this.head.push(text.slice(start, end));
      this.headChars += end - start;
      return;
    }
    if (room > 0) {
      this.head.push(text.slice(start, start + room));
      this.headChars += room;
      start += room;
    }
    this.cut = true;
    this.tail =
      end - start >= LINE_TAIL_CHARS
        ? text.slice(end - LINE_TAIL_CHARS, end)
        : (this.tail + text.slice(start, end)).slice(-LINE_TAIL_CHARS);
  }

  private emit(): void {
    // a cut line is no JSON document, so a rawjson line is cut as short as the others
    const line = !this.cut
      ? this.head.length === 1
        ? this.head[0]
        : this.head.join('')
      : joinCut(this.head, this.tail, Math.min(this.maxChars, LINE_CHARS));
    this.head = [];
    this.headChars = 0;
    this.tail = '';
    this.cut = false;
    this.onLine(line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line);
  }
}

/** `line` as the splitter gives a line of its length: whole up to `maxChars`, else its start, `…`
 * and its end. */
export function cutLine(line: string, maxChars = LINE_CHARS): string {
  return line.length <= maxChars
    ? line
    : joinCut([line.slice(0, maxChars)], line.slice(maxChars).slice(-LINE_TAIL_CHARS), maxChars);
}

/**
 * A cut line as one of `size` characters: its start, `…` and its end, from the pieces of its
 * first characters (at least `size` of them) and the last characters after those (`tail`). Only
 * what is shown is joined; a character's two halves are not parted.
 */
function joinCut(head: readonly string[], tail: string, size: number): string {
  const endChars = Math.min(LINE_TAIL_CHARS, Math.floor(Math.max(0, size - 1) / 2));
  const startChars = Math.max(0, size - 1 - endChars);
  let start = '';
  for (let i = 0; i < head.length && start.length < startChars; i++) start += head[i];
  start = start.slice(0, startChars);
  let end = tail;
  for (let i = head.length - 1; i >= 0 && end.length < endChars; i--) end = head[i] + end;
  end = endChars ? end.slice(-endChars) : '';
  if (end && isLowHalf(end.charCodeAt(0))) end = end.slice(1);
  if (start && isHighHalf(start.charCodeAt(start.length - 1))) start = start.slice(0, -1);
  return `${start}…${end}`;
}
