/** Splits a stream of text chunks into lines; the unfinished last line waits for the next chunk. */
export class LineSplitter {
  private rest = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    const text = this.rest + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
      this.onLine(text.slice(start, nl).replace(/\r$/, ''));
      start = nl + 1;
    }
    this.rest = text.slice(start);
  }

  /** The stream ended: the last line, if it had no line break. */
  end(): void {
    if (this.rest) this.onLine(this.rest.replace(/\r$/, ''));
    this.rest = '';
  }
}
