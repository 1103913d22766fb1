// JSON objects one after another in a text stream, as `docker buildx build --progress=rawjson`
// prints them: each object pretty-printed over many lines, then, when the build fails, plain text.
// Fed line by line, this finds where each top-level object ends by following string and escape
// state and the depth of braces, and hands the object's text to JSON.parse only once it is whole.
// A line outside any object that does not start one is text. It keeps at most one object in
// memory and at most `maxChars` of it: a longer object is skipped to its end, not buffered.

/** The most of one object kept: buildx's reports are a few KiB, a batch of a step's log tens of KiB. */
export const MAX_JSON_OBJECT_CHARS = 1024 * 1024;

export interface JsonStreamSink {
  /** A whole top-level object, parsed. */
  object(value: unknown): void;
  /** A line outside the objects (an object that did not parse comes back as its lines). */
  text(line: string): void;
  /** An object over the cap was skipped whole: its length in characters. */
  oversize(chars: number): void;
}

const QUOTE = 34; // "
const BACKSLASH = 92;
const OPEN = 123; // {
const CLOSE = 125; // }

/** The index of the first character at or after `from` that is not a space or tab (`end` when none). */
function skipBlanks(line: string, from: number): number {
  let i = from;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) break;
    i++;
  }
  return i;
}

export class JsonObjectSplitter {
  /** Brace depth of the object being read; 0 between objects. */
  private depth = 0;
  private inString = false;
  /** The current object's lines so far (none while skipping one over the cap). */
  private parts: string[] = [];
  /** Its length so far, line breaks included. */
  private chars = 0;
  private skipping = false;

  constructor(
    private readonly sink: JsonStreamSink,
    private readonly maxChars = MAX_JSON_OBJECT_CHARS,
  ) {}

  /** One line of the stream, without its line break. */
  line(line: string): void {
    let start = 0;
    if (this.depth === 0) {
      start = skipBlanks(line, 0);
      if (line.charCodeAt(start) !== OPEN) return this.sink.text(line);
    }
    const n = line.length;
    let i = start;
    while (i < n) {
      if (this.inString) {
        i = this.skipString(line, i);
        continue;
      }
      const c = line.charCodeAt(i++);
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN) this.depth++;
      else if (c === CLOSE && --this.depth === 0) {
        this.finishObject(line, start, i);
        // another object, or text, may follow on the same line (`}{`, compact one-line objects)
        const next = skipBlanks(line, i);
        if (next === n) return;
        if (line.charCodeAt(next) !== OPEN) return this.sink.text(line.slice(next));
        start = i = next;
      }
    }
    this.keep(line.slice(start), n - start + 1);
  }

  /**
   * The stream ended. An object cut off in the middle (a build killed while writing) is dropped:
   * what came before it stands. Returns the dropped object's length in characters, 0 when none.
   */
  end(): number {
    const cut = this.depth > 0 ? this.chars : 0;
    this.reset();
    return cut;
  }

  /**
   * Past the string's characters from `i`: to just after its closing quote, or to the line's end
   * (JSON has no line break in a string; a backslash at the end of a line escapes the break).
   */
  private skipString(line: string, i: number): number {
    const n = line.length;
    while (i < n) {
      const quote = line.indexOf('"', i);
      if (quote < 0) return n;
      // an escaped quote is preceded by an odd number of backslashes
      let backslashes = 0;
      while (quote - backslashes - 1 >= i && line.charCodeAt(quote - backslashes - 1) === BACKSLASH) backslashes++;
      if (backslashes % 2 === 0) {
        this.inString = false;
        return quote + 1;
      }
      i = quote + 1;
    }
    return n;
  }

  /** Adds a piece of the current object, or only counts it once the object is over the cap. */
  private keep(piece: string, chars: number): void {
    this.chars += chars;
    if (this.skipping) return;
    if (this.chars > this.maxChars) {
      this.skipping = true;
      this.parts = [];
      return;
    }
    this.parts.push(piece);
  }

  private finishObject(line: string, start: number, end: number): void {
    this.keep(line.slice(start, end), end - start);
    if (this.skipping) {
      this.sink.oversize(this.chars);
    } else {
      const text = this.parts.length === 1 ? this.parts[0] : this.parts.join('\n');
      let value: unknown;
      let parsed = true;
      try {
        value = JSON.parse(text);
      } catch {
        parsed = false;
      }
      if (parsed) this.sink.object(value);
      else for (const part of this.parts) this.sink.text(part);
    }
    this.reset();
  }

  private reset(): void {
    this.depth = 0;
    this.inString = false;
    this.parts = [];
    this.chars = 0;
    this.skipping = false;
  }
}
