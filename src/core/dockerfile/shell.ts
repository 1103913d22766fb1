// RUN commands read by a real shell parser (mvdan-sh), never by regular expressions.
// The RUN's source text is handed to the parser with Dockerfile-only syntax taken out
// (comment lines inside continuations, the ` escape), and every position is mapped back
// to the Dockerfile so that fixes can edit the right characters.
/* eslint-disable @typescript-eslint/no-explicit-any -- mvdan-sh's GopherJS AST has no types */
import type { Heredoc, Run } from 'dockerfile-ast';
import { memoOn } from '../memo';
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
  /** One statement of commands joined only by && (pipelines and compound commands as parts). */
  andChain: boolean;
  /** The last statement runs in the background (`cmd &`): nothing can be chained after it. */
  background: boolean;
  /** A declaration (export, declare, local, readonly …) outside any subshell: it changes the shell. */
  declares: boolean;
}

// mvdan-sh's BinCmdOperator values
const AND = 10;
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

let parser: any;

/** Parses shell text with one reused parser: making a parser costs more than most parses. Throws on a syntax error. */
function parseShell(text: string): any {
  parser ??= shell().syntax.NewParser();
  try {
    return parser.Parse(text, '');
  } catch (error) {
    parser = undefined; // a parser that failed is not trusted again
    throw error;
  }
}

const SCRIPT = Symbol('dockwright.runScript');

/** The RUN's shell command, parsed; undefined for exec form or a command the parser rejects. */
export function runScript(model: DockerfileModel, instr: Instr): ShellScript | undefined {
  return memoOn(instr, SCRIPT, () => parseRun(model, instr)) ?? undefined;
}

/** A cheap look at the RUN's raw text, so rules skip the parser when their words cannot be there. */
export function runMentions(instr: Instr, pattern: RegExp): boolean {
  return instr.keyword === 'RUN' && !instr.jsonForm && pattern.test(instr.argsText);
}

function parseRun(model: DockerfileModel, instr: Instr): ShellScript | null {
  if (instr.keyword !== 'RUN' || instr.jsonForm || !instr.argsText.trim()) return null;
  const heredocs: Heredoc[] = instr.argsText.includes('<<') ? ((instr.node as Run).getHeredocs?.() ?? []) : [];
  const source = heredocs.length && instr.argsText.trimStart().startsWith('<<') ? heredocSource(model, heredocs[0]) : lineSource(model, instr);
  if (!source) return null;
  const shape = shapeOf(source.text);
  if (!shape) return null; // unparsable: rules stay silent rather than guess
  const map = new OffsetMap(model, source);
  const commands = shape.calls.map((call) => new MappedCommand(map, call));
  const pipes = shape.pipes.map(([s, e]) => map.range(s, e));
  return { commands, pipes, text: source.text, heredoc: source.heredoc, andChain: shape.andChain, background: shape.background, declares: shape.declares };
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
  andChain: boolean;
  background: boolean;
  declares: boolean;
}

type ShapeCall = ShellShape['calls'][number];

/**
 * A word whose document range and raw text are worked out when first asked for: most words are
 * only ever read for their value, and the editor re-lints every RUN on each keystroke.
 */
class MappedWord implements ShellWord {
  private kept?: Range;

  constructor(
    private readonly map: OffsetMap,
    private readonly start: number,
    private readonly end: number,
    readonly value: string | undefined,
  ) {}

  get raw(): string {
    return this.map.slice(this.start, this.end);
  }

  get range(): Range {
    return (this.kept ??= this.map.range(this.start, this.end));
  }
}

class MappedCommand implements SimpleCommand {
  readonly name: string;
  readonly words: ShellWord[];
  readonly assigns: string[];
  readonly inSubshell: boolean;
  readonly conditional: boolean;
  private kept?: Range;

  constructor(
    private readonly map: OffsetMap,
    private readonly call: ShapeCall,
  ) {
    this.name = call.words[0]?.value ?? '';
    this.words = call.words.map((w) => new MappedWord(map, w.start, w.end, w.value));
    this.assigns = call.assigns;
    this.inSubshell = call.inSubshell;
    this.conditional = call.conditional;
  }

  get range(): Range {
    return (this.kept ??= this.map.range(this.call.start, this.call.end));
  }
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
  let file;
  try {
    file = parseShell(text);
  } catch {
    return null;
  }
  return new ShapeReader(text).read(file);
}

/**
 * Reads the commands out of mvdan-sh's tree. The tree is read as GopherJS's own Go values
 * (`__internal_object__`): going through the JavaScript wrappers builds a wrapper object for every
 * node and field touched, which cost more than the parse itself. Only statements, commands and
 * their words are visited; words come from the source text the parser delimited, and only words
 * with an expansion that can hold commands (`$(…)`, backticks, `<(…)`) are looked into.
 */
class ShapeReader {
  private readonly bytes: Buffer;
  private readonly calls: ShellShape['calls'] = [];
  private readonly pipes: [number, number][] = [];
  private declares = false;

  constructor(text: string) {
    this.bytes = Buffer.from(text);
  }

  read(file: any): ShellShape {
    const top = items(file.__internal_object__.Stmts);
    for (const stmt of top) this.stmt(stmt, false, false);
    this.calls.sort((a, b) => a.start - b.start);
    const last = top[top.length - 1];
    return {
      calls: this.calls,
      pipes: this.pipes.sort((a, b) => a[0] - b[0]),
      andChain: top.length === 1 && andTree(top[0]),
      background: !isNil(last) && !!last.Background,
      declares: this.declares,
    };
  }

  private stmts(list: any, inSubshell: boolean, conditional: boolean): void {
    for (const stmt of items(list)) this.stmt(stmt, inSubshell, conditional);
  }

  private stmt(stmt: any, inSubshell: boolean, conditional: boolean): void {
    if (isNil(stmt)) return;
    for (const redirect of items(stmt.Redirs)) this.nested(redirect.Word, inSubshell, conditional);
    const cmd = stmt.Cmd;
    switch (goType(cmd)) {
      case 'CallExpr':
        return this.call(cmd, inSubshell, conditional);
      case 'BinaryCmd':
        if (cmd.Op === PIPE || cmd.Op === PIPE_ALL) {
          const at = cmd.OpPos.offs;
          this.pipes.push([at, at + (cmd.Op === PIPE ? 1 : 2)]);
        }
        this.stmt(cmd.X, inSubshell, conditional);
        return this.stmt(cmd.Y, inSubshell, conditional);
      case 'Subshell':
        return this.stmts(cmd.Stmts, true, conditional);
      case 'Block':
        return this.stmts(cmd.Stmts, inSubshell, conditional);
      case 'IfClause':
        for (let clause = cmd; !isNil(clause); clause = clause.Else) {
          this.stmts(clause.Cond, inSubshell, true);
          this.stmts(clause.Then, inSubshell, true);
        }
        return;
      case 'WhileClause':
        this.stmts(cmd.Cond, inSubshell, true);
        return this.stmts(cmd.Do, inSubshell, true);
      case 'ForClause':
        return this.stmts(cmd.Do, inSubshell, true);
      case 'CaseClause':
        for (const item of items(cmd.Items)) this.stmts(item.Stmts, inSubshell, true);
        return;
      case 'FuncDecl':
        return this.stmt(cmd.Body, inSubshell, true);
      case 'TimeClause':
      case 'CoprocClause':
        return this.stmt(cmd.Stmt, inSubshell, conditional);
      case 'DeclClause':
        if (!inSubshell) this.declares = true;
        for (const assign of items(cmd.Args)) this.nested(assign.Value, inSubshell, conditional);
        return;
      default:
        return; // arithmetic and tests run no command
    }
  }

  private call(call: any, inSubshell: boolean, conditional: boolean): void {
    const words = items(call.Args).map((w) => {
      const start = w.Pos().offs;
      const end = w.End().offs;
      const raw = this.bytes.toString('utf8', start, end);
      if (HOLDS_COMMANDS.test(raw)) this.nested(w, inSubshell, conditional);
      return { start, end, value: literalWord(raw) };
    });
    const assigns = items(call.Assigns).map((a) => {
      this.nested(a.Value, inSubshell, conditional);
      return isNil(a.Name) ? '' : String(a.Name.Value);
    });
    this.calls.push({ start: call.Pos().offs, end: call.End().offs, words, assigns, inSubshell, conditional });
  }

  /** Commands inside a word's `$(…)`, backticks or process substitution: they run in a subshell. */
  private nested(word: any, inSubshell: boolean, conditional: boolean): void {
    if (isNil(word)) return;
    for (const part of items(word.Parts)) {
      const type = goType(part);
      if (type === 'CmdSubst' || type === 'ProcSubst') this.stmts(part.Stmts, true, conditional);
      else if (type === 'DblQuoted') this.nested(part, inSubshell, conditional);
    }
  }
}

/** `a && b && c`, with pipelines and compound commands as parts, but no `||`, `;`, `&` or `!`. */
function andTree(stmt: any): boolean {
  if (isNil(stmt) || stmt.Background || stmt.Negated) return false;
  const cmd = stmt.Cmd;
  if (goType(cmd) === 'BinaryCmd' && cmd.Op !== PIPE && cmd.Op !== PIPE_ALL) return cmd.Op === AND && andTree(cmd.X) && andTree(cmd.Y);
  return true;
}

/** The elements of a GopherJS slice. */
function items(slice: any): any[] {
  const out: any[] = [];
  for (let i = 0; i < (slice?.$length ?? 0); i++) out.push(slice.$array[slice.$offset + i]);
  return out;
}

/** A nil Go pointer: GopherJS keeps one `nil` object per pointer type. */
function isNil(pointer: any): boolean {
  return !pointer || pointer === pointer.constructor?.nil;
}

/** The Go type's name, e.g. `CallExpr` for `*syntax.CallExpr`; '' for a nil interface. */
function goType(value: any): string {
  const name: unknown = value?.constructor?.string;
  return typeof name === 'string' ? name.slice(name.lastIndexOf('.') + 1) : '';
}

const HOLDS_COMMANDS = /\$\(|`|[<>]\(/;

/** A word's value with quotes and escapes removed, as the shell passes it; undefined when it expands. */
export function literalWord(raw: string): string | undefined {
  let out = '';
  for (let i = 0; i < raw.length; ) {
    const c = raw[i];
    if (c === "'") {
      const close = raw.indexOf("'", i + 1);
      if (close < 0) return undefined;
      out += raw.slice(i + 1, close);
      i = close + 1;
    } else if (c === '"') {
      for (i++; i < raw.length && raw[i] !== '"'; ) {
        if (raw[i] === '\\' && i + 1 < raw.length && '$`"\\\n'.includes(raw[i + 1])) {
          if (raw[i + 1] !== '\n') out += raw[i + 1];
          i += 2;
        } else if (expands(raw, i)) return undefined;
        else out += raw[i++];
      }
      if (i >= raw.length) return undefined;
      i++;
    } else if (c === '\\') {
      if (raw[i + 1] !== '\n') out += raw[i + 1] ?? '';
      i += 2;
    } else if (expands(raw, i)) return undefined;
    else out += raw[i++];
  }
  return out;
}

/** A backtick, or a `$` that starts an expansion (a lone `$`, as in `grep 'x$'` unquoted, is literal). */
function expands(raw: string, i: number): boolean {
  if (raw[i] === '`') return true;
  return raw[i] === '$' && /[\w{(@*#?$!'"-]/.test(raw[i + 1] ?? '');
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

const BACKSLASH_CONTINUATION = /\\[ \t]*\r?$/;
const BACKTICK_CONTINUATION = /`[ \t]*\r?$/;

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
    const cont = (escape === '`' ? BACKTICK_CONTINUATION : BACKSLASH_CONTINUATION).exec(line);
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
