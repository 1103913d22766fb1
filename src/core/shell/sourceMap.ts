// The shell text of a RUN as a shell sees it (Dockerfile-only syntax taken out: comment lines
// inside continuations, the ` escape), and the map from the parser's byte offsets back to the
// Dockerfile, so that fixes edit the right characters.
import type { Heredoc } from 'dockerfile-ast';
import type { DockerfileModel, Instr } from '../dockerfile/model';
import type { Position, Range } from '../types';

/** One piece of shell text taken from the document at docStart. */
interface Segment {
  shellStart: number;
  docStart: number;
  length: number;
}

export interface Source {
  text: string;
  segments: Segment[];
  heredoc: boolean;
}

export function heredocSource(model: DockerfileModel, heredoc: Heredoc): Source | null {
  const range = heredoc.getContentRange();
  if (!range) return null;
  const docStart = model.offsetAt(range.start);
  const text = model.textOf(range);
  return { text, segments: [{ shellStart: 0, docStart, length: text.length }], heredoc: true };
}

const BACKSLASH_CONTINUATION = /\\[ \t]*\r?$/;
const BACKTICK_CONTINUATION = /`[ \t]*\r?$/;

/** The RUN's text after its flags, minus what the Dockerfile parser removes before a shell sees it. */
export function lineSource(model: DockerfileModel, instr: Instr): Source {
  const escape = model.escapeChar;
  const start = model.offsetAt(instr.argsStart);
  const end = model.offsetAt(instr.range.end);
  const segments: Segment[] = [];
  let text = '';
  let pos = start;
  let first = true;
  while (pos < end) {
    let lineEnd = model.text.indexOf('\n', pos);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    let line = model.text.slice(pos, lineEnd);
    const trimmed = line.trim();
    // Inside a continuation, Docker drops comment lines and empty lines.
    if (!first && (trimmed === '' || trimmed.startsWith('#'))) {
      pos = lineEnd + 1;
      continue;
    }
    first = false;
    // Docker removes a continuation's escape and line break (and white space between them) before
    // a shell sees the text: the next line goes on where this one stops, inside a word or quotes too
    const cont = (escape === '`' ? BACKTICK_CONTINUATION : BACKSLASH_CONTINUATION).exec(line);
    if (cont && lineEnd < end) {
      line = line.slice(0, cont.index);
      segments.push({ shellStart: text.length, docStart: pos, length: line.length });
      text += line;
    } else {
      segments.push({ shellStart: text.length, docStart: pos, length: line.length });
      text += line;
      if (lineEnd < end) text += '\n';
    }
    pos = lineEnd + 1;
  }
  return { text, segments, heredoc: false };
}

/** Maps the parser's UTF-8 byte offsets in the shell text to document positions. */
export class OffsetMap {
  private readonly byteToChar?: Int32Array;
  /** Not the model: a RUN's script outlives it in the editor's lint session (DockerfileModel.positions). */
  private readonly position: (offset: number) => Position;

  constructor(
    model: DockerfileModel,
    private readonly source: Source,
  ) {
    this.position = model.positions;
    // eslint-disable-next-line no-control-regex
    if (/[^\x00-\x7f]/.test(source.text)) {
      const bytes = Buffer.byteLength(source.text);
      this.byteToChar = new Int32Array(bytes + 1);
      let b = 0;
      for (let i = 0; i < source.text.length; i++) {
        const cp = source.text.codePointAt(i)!;
        const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        for (let k = 0; k < n; k++) this.byteToChar[b + k] = i;
        b += n;
        if (cp > 0xffff) i++;
      }
      this.byteToChar[bytes] = source.text.length;
    }
  }

  private char(byteOffset: number): number {
    return this.byteToChar ? this.byteToChar[byteOffset] : byteOffset;
  }

  private doc(shellOffset: number): number {
    const segs = this.source.segments;
    let seg = segs[0];
    for (const s of segs) {
      if (s.shellStart > shellOffset) break;
      seg = s;
    }
    return seg.docStart + Math.min(shellOffset - seg.shellStart, seg.length);
  }

  range(startByte: number, endByte: number): Range {
    const s = this.char(startByte);
    const e = this.char(endByte);
    return { start: this.position(this.doc(s)), end: this.position(this.doc(e)) };
  }

  slice(startByte: number, endByte: number): string {
    return this.source.text.slice(this.char(startByte), this.char(endByte));
  }
}
