/** A progress format read line by line; the lines of each output stream are put together apart. */
export interface LineParser {
  line(line: string): void;
  /** The output is over. */
  end(exitCode?: number): void;
}

/** Splits a stream of text chunks into lines; the unfinished last line waits for the next chunk. */
export class LineSplitter {
  private rest = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    const text = this.rest ? this.rest + chunk : chunk;
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
      this.onLine(withoutCarriageReturn(text, start, nl));
      start = nl + 1;
    }
    this.rest = text.slice(start);
  }

  /** The stream ended: the last line, if it had no line break. */
  end(): void {
    if (this.rest) this.onLine(withoutCarriageReturn(this.rest, 0, this.rest.length));
    this.rest = '';
  }
}

/** text[start, end) without a trailing \r: a build prints thousands of lines, so no regex per line. */
function withoutCarriageReturn(text: string, start: number, end: number): string {
  return text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
}
