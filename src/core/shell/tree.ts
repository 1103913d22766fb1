// Reads mvdan-sh's tree into a plain shape: the simple commands with their words' byte offsets,
// the pipes, and how the top-level statements are joined. Shapes are kept by shell text.
/* eslint-disable @typescript-eslint/no-explicit-any -- mvdan-sh's GopherJS AST has no types */
import { goType, isNil, items, parseShell } from './parser';
import { literalWord } from './words';

// mvdan-sh's BinCmdOperator values
const AND = 10;
const PIPE = 12;
const PIPE_ALL = 13;

/** A parsed shell text in the parser's own byte offsets: nothing in it depends on where the RUN is. */
export interface ShellShape {
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

export type ShapeCall = ShellShape['calls'][number];

/**
 * Shapes by shell text. Reading mvdan-sh's tree from JavaScript is slow (each node crosses from Go),
 * and the same RUN text comes back again and again: on every keystroke in the editor for the RUNs
 * not being edited, and across the Dockerfiles of one project.
 */
const shapes = new Map<string, ShellShape | null>();
const MAX_SHAPES = 2000;

export function shapeOf(text: string): ShellShape | null {
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

const HOLDS_COMMANDS = /\$\(|`|[<>]\(/;

