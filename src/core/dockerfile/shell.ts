// RUN commands read by a real shell parser (mvdan-sh), never by regular expressions.
// The RUN's source text is handed to the parser with Dockerfile-only syntax taken out
// (comment lines inside continuations, the ` escape), and every position is mapped back
// to the Dockerfile so that fixes can edit the right characters.
/* eslint-disable @typescript-eslint/no-explicit-any -- mvdan-sh's GopherJS AST has no types */
import type { Heredoc, Run } from 'dockerfile-ast';
import type { Range } from '../types';
import type { DockerfileModel, Instr } from './model';

/** A shell word. `value` is its literal text with quotes removed, when it has no expansion. */
export interface ShellWord {
  value?: string;
  raw: string;
  range: Range;
}

export interface SimpleCommand {
  /** The command name's literal value, '' when it is an expansion. */
  name: string;
  /** All words, the name first. */
  words: ShellWord[];
  /** Variable assignments before the name, e.g. `DEBIAN_FRONTEND`. */
  assigns: string[];
  range: Range;
  /** Inside `( … )`, `$( … )` or backticks: a `cd` there does not leak. */
  inSubshell: boolean;
  /** Inside if/while/for/case or a function: it may not run. */
  conditional: boolean;
}

export interface ShellScript {
  commands: SimpleCommand[];
  /** The `|` and `|&` operators of real pipelines. */
  pipes: Range[];
  /** The shell text as parsed (Dockerfile-only syntax removed). */
  text: string;
  /** From a heredoc body rather than the RUN line. */
  heredoc: boolean;
}

const CONTROL = new Set(['IfClause', 'WhileClause', 'ForClause', 'CaseClause', 'FuncDecl']);
const SUBSHELL = new Set(['Subshell', 'CmdSubst', 'ProcSubst']);
const PIPE = 12;
const PIPE_ALL = 13;

type ShModule = typeof import('mvdan-sh');
let sh: ShModule | undefined;
// mvdan-sh takes ~140 ms to load: load it only when a RUN is first analysed.
function shell(): ShModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sh ??= require('mvdan-sh') as ShModule;
  return sh;
}

/**
 * A node's type name, e.g. `CallExpr`. syntax.NodeType() copies the node's whole subtree into Go
 * to answer (about 1 ms a call, most of the lint time on long RUNs); mvdan-sh's JS wrapper also
 * names the type in `$type` ("mvdan.cc/sh/v3/syntax.*CallExpr"), which costs nothing to read.
 */
export function shellNodeType(node: any): string {
  const type = node?.$type;
  if (typeof type === 'string') {
    const star = type.lastIndexOf('*');
    if (star >= 0) return type.slice(star + 1);
  }
  return shell().syntax.NodeType(node);
}

let parser: any;

/** Parses shell text with one reused parser: making a parser costs more than most parses. Throws on a syntax error. */
export function parseShell(text: string): any {
  parser ??= shell().syntax.NewParser();
  try {
    return parser.Parse(text, '');
  } catch (error) {
    parser = undefined; // a parser that failed is not trusted again
    throw error;
  }
}

const scripts = new WeakMap<Instr, ShellScript | null>();

/** The RUN's shell command, parsed; undefined for exec form or a command the parser rejects. */
export function runScript(model: DockerfileModel, instr: Instr): ShellScript | undefined {
  let script = scripts.get(instr);
  if (script === undefined) {
    script = parseRun(model, instr);
    scripts.set(instr, script);
  }
  return script ?? undefined;
}

/** A cheap look at the RUN's raw text, so rules skip the parser when their words cannot be there. */
export function runMentions(instr: Instr, pattern: RegExp): boolean {
  return instr.keyword === 'RUN' && !instr.jsonForm && pattern.test(instr.argsText);
}

function parseRun(model: DockerfileModel, instr: Instr): ShellScript | null {
  if (instr.keyword !== 'RUN' || instr.jsonForm || !instr.argsText.trim()) return null;
  const heredocs: Heredoc[] = (instr.node as Run).getHeredocs?.() ?? [];
  const source = heredocs.length && instr.argsText.trimStart().startsWith('<<') ? heredocSource(model, heredocs[0]) : lineSource(model, instr);
  if (!source) return null;
  const shape = shapeOf(source.text);
  if (!shape) return null; // unparsable: rules stay silent rather than guess
  const map = new OffsetMap(model, source);
  const commands = shape.calls.map(
    (call): SimpleCommand => ({
      name: call.words[0]?.value ?? '',
      words: call.words.map((w): ShellWord => ({ value: w.value, raw: map.slice(w.start, w.end), range: map.range(w.start, w.end) })),
      assigns: call.assigns,
      range: map.range(call.start, call.end),
      inSubshell: call.inSubshell,
      conditional: call.conditional,
    }),
  );
  const pipes = shape.pipes.map(([s, e]) => map.range(s, e));
  return { commands, pipes, text: source.text, heredoc: source.heredoc };
}

/** A parsed shell text in the parser's own byte offsets: nothing in it depends on where the RUN is. */
interface ShellShape {
  calls: {
    start: number;
    end: number;
    words: { start: number; end: number; value?: string }[];
    assigns: string[];
    inSubshell: boolean;
    conditional: boolean;
  }[];
  pipes: [number, number][];
}

/**
 * Shapes by shell text. Reading mvdan-sh's tree from JavaScript is slow (each node crosses from Go),
 * and the same RUN text comes back again and again: on every keystroke in the editor for the RUNs
 * not being edited, and across the Dockerfiles of one project.
 */
const shapes = new Map<string, ShellShape | null>();
const MAX_SHAPES = 2000;

function shapeOf(text: string): ShellShape | null {
  const kept = shapes.get(text);
  if (kept !== undefined) {
    // least recently used goes first: move this one to the end
    shapes.delete(text);
    shapes.set(text, kept);
    return kept;
  }
  const shape = readShape(text);
  shapes.set(text, shape);
  if (shapes.size > MAX_SHAPES) shapes.delete(shapes.keys().next().value!);
  return shape;
}

function readShape(text: string): ShellShape | null {
  const { syntax } = shell();
  let file;
  try {
    file = parseShell(text);
  } catch {
    return null;
  }
  const blocks: [number, number, 'sub' | 'ctl'][] = [];
  const calls: any[] = [];
  const pipes: [number, number][] = [];
  syntax.Walk(file, (node: any) => {
    if (!node) return true;
    const type = shellNodeType(node);
    if (type === 'CallExpr') calls.push(node);
    else if (SUBSHELL.has(type)) blocks.push([node.Pos().Offset(), node.End().Offset(), 'sub']);
    else if (CONTROL.has(type)) blocks.push([node.Pos().Offset(), node.End().Offset(), 'ctl']);
    else if (type === 'BinaryCmd' && (node.Op === PIPE || node.Op === PIPE_ALL)) {
      const at = node.OpPos.Offset();
      pipes.push([at, at + (node.Op === PIPE ? 1 : 2)]);
    }
    return true;
  });
  return {
    pipes,
    calls: calls.map((call) => {
      const start = call.Pos().Offset();
      const end = call.End().Offset();
      const inside = (kind: 'sub' | 'ctl') => blocks.some(([s, e, k]) => k === kind && s <= start && end <= e && !(s === start && e === end));
      return {
        start,
        end,
        words: (call.Args as any[]).map((w) => ({ start: w.Pos().Offset(), end: w.End().Offset(), value: literal(w) })),
        assigns: (call.Assigns as any[]).map((a) => a.Name?.Value ?? ''),
        inSubshell: inside('sub'),
        conditional: inside('ctl'),
      };
    }),
  };
}

function literal(word: any): string | undefined {
  let out = '';
  for (const part of word.Parts as any[]) {
    const type = shellNodeType(part);
    if (type === 'Lit') out += part.Value.replace(/\\(.)/g, '$1');
    else if (type === 'SglQuoted') out += part.Value;
    else if (type === 'DblQuoted') {
      for (const inner of part.Parts as any[]) {
        if (shellNodeType(inner) !== 'Lit') return undefined;
        out += inner.Value;
      }
    } else return undefined;
  }
  return out;
}

/** One piece of shell text taken from the document at docStart. */
interface Segment {
  shellStart: number;
  docStart: number;
  length: number;
}

interface Source {
  text: string;
  segments: Segment[];
  heredoc: boolean;
}

function heredocSource(model: DockerfileModel, heredoc: Heredoc): Source | null {
  const range = heredoc.getContentRange();
  if (!range) return null;
  const docStart = model.offsetAt(range.start);
  const text = model.textOf(range);
  return { text, segments: [{ shellStart: 0, docStart, length: text.length }], heredoc: true };
}

/** The RUN's text after its flags, minus what the Dockerfile parser removes before a shell sees it. */
function lineSource(model: DockerfileModel, instr: Instr): Source {
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
    // A continuation may have white space after the escape; the shell needs it last.
    const cont = new RegExp(`${escape === '`' ? '`' : '\\\\'}[ \\t]*\\r?$`).exec(line);
    if (cont && lineEnd < end) {
      line = line.slice(0, cont.index);
      segments.push({ shellStart: text.length, docStart: pos, length: line.length });
      text += line + '\\\n';
      // the escape and newline map to the escape's position
      segments.push({ shellStart: text.length - 2, docStart: pos + cont.index, length: 2 });
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
class OffsetMap {
  private readonly byteToChar?: Int32Array;

  constructor(
    private readonly model: DockerfileModel,
    private readonly source: Source,
  ) {
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
    return { start: this.model.positionAt(this.doc(s)), end: this.model.positionAt(this.doc(e)) };
  }

  slice(startByte: number, endByte: number): string {
    return this.source.text.slice(this.char(startByte), this.char(endByte));
  }
}
