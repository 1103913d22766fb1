// Reads mvdan-sh's tree into a plain shape: the simple commands with their words' byte offsets,
// the pipes, and how the top-level statements are joined. Shapes are kept by shell text.
/* eslint-disable @typescript-eslint/no-explicit-any -- mvdan-sh's GopherJS AST has no types */
import { fastShape } from './fastShape';
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
    words: ShapeWord[];
    assigns: string[];
    inSubshell: boolean;
    conditional: boolean;
    /** The statement has redirections (`> log`, `2>&1`, a heredoc). */
    redirected: boolean;
  }[];
  pipes: [number, number][];
  andChain: boolean;
  background: boolean;
  declares: boolean;
}

export type ShapeCall = ShellShape['calls'][number];

export interface ShapeWord {
  start: number;
  end: number;
  value?: string;
  /**
   * The word's pieces as the parser delimited them, when the shape was read with parts and the word
   * is nothing but unquoted, single-quoted and double-quoted literal text; undefined otherwise.
   */
  parts?: LiteralPart[];
}

/** A literal piece of a word, its text as written (escapes kept) without the quotes around it. */
export interface LiteralPart {
  quote: '' | "'" | '"';
  text: string;
}

/**
 * Shapes by shell text. Reading mvdan-sh's tree from JavaScript is slow (each node crosses from Go),
 * and the same RUN text comes back again and again: on every keystroke in the editor for the RUNs
 * not being edited, and across the Dockerfiles of one project.
 */
const shapes = new Map<string, ShellShape | null>();
/** Shapes read with their words' parts, kept apart: few texts (CMD and ENTRYPOINT lines) need them. */
const shapesWithParts = new Map<string, ShellShape | null>();
const MAX_SHAPES = 2000;

/** The text's shape; with `parts`, literal words also carry their parts (reading them costs, so RUNs do not). */
export function shapeOf(text: string, parts = false): ShellShape | null {
  const cache = parts ? shapesWithParts : shapes;
  const kept = cache.get(text);
  if (kept !== undefined) {
    // least recently used goes first: move this one to the end
    cache.delete(text);
    cache.set(text, kept);
    return kept;
  }
  const shape = readShape(text, parts);
  cache.set(text, shape);
  if (cache.size > MAX_SHAPES) cache.delete(cache.keys().next().value!);
  return shape;
}

/** Most texts are read without mvdan-sh (fastShape.ts): loading it and warming it up costs more than reading them all. */
function readShape(text: string, parts: boolean): ShellShape | null {
  try {
    const fast = fastShape(text, parts);
    return fast === undefined ? mvdanShape(text, parts) : fast;
  } catch (error) {
    // both readers recurse into nested commands: nesting deeper than the stack is unreadable, as a syntax error is
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** The shape read from mvdan-sh's tree; null when mvdan-sh rejects the text. */
export function mvdanShape(text: string, parts: boolean): ShellShape | null {
  let file;
  try {
    file = parseShell(text);
  } catch {
    return null;
  }
  return new ShapeReader(text, parts).read(file);
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

  constructor(
    text: string,
    private readonly parts: boolean,
  ) {
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
    const redirects = items(stmt.Redirs);
    for (const redirect of redirects) this.nested(redirect.Word, inSubshell, conditional);
    const cmd = stmt.Cmd;
    switch (goType(cmd)) {
      case 'CallExpr':
        return this.call(cmd, inSubshell, conditional, redirects.length > 0);
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
        // `for x in $(…)`: the word list runs its commands before the loop does
        if (goType(cmd.Loop) === 'WordIter')
          for (const word of items(cmd.Loop.Items)) this.nested(word, inSubshell, conditional);
        return this.stmts(cmd.Do, inSubshell, true);
      case 'CaseClause':
        this.nested(cmd.Word, inSubshell, conditional);
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

  private call(call: any, inSubshell: boolean, conditional: boolean, redirected: boolean): void {
    const words = items(call.Args).map((w): ShapeWord => {
      const start = w.Pos().offs;
      const end = w.End().offs;
      const raw = this.bytes.toString('utf8', start, end);
      if (HOLDS_COMMANDS.test(raw)) this.nested(w, inSubshell, conditional);
      const value = literalWord(raw);
      return this.parts && value !== undefined
        ? { start, end, value, parts: this.literalParts(w) }
        : { start, end, value };
    });
    const assigns = items(call.Assigns).map((a) => {
      this.nested(a.Value, inSubshell, conditional);
      return isNil(a.Name) ? '' : String(a.Name.Value);
    });
    this.calls.push({
      start: call.Pos().offs,
      end: call.End().offs,
      words,
      assigns,
      inSubshell,
      conditional,
      redirected,
    });
  }

  /** The word's literal pieces, or undefined when any part is something else (an expansion, `$'…'`, an extended glob). */
  private literalParts(word: any): LiteralPart[] | undefined {
    const out: LiteralPart[] = [];
    for (const part of items(word.Parts)) {
      switch (goType(part)) {
        case 'Lit':
          out.push({ quote: '', text: this.text(part) });
          break;
        case 'SglQuoted':
          if (part.Dollar) return undefined;
          out.push({ quote: "'", text: this.text(part).slice(1, -1) });
          break;
        case 'DblQuoted': {
          if (part.Dollar) return undefined;
          if (items(part.Parts).some((p) => goType(p) !== 'Lit')) return undefined;
          out.push({ quote: '"', text: this.text(part).slice(1, -1) });
          break;
        }
        default:
          return undefined;
      }
    }
    return out;
  }

  /** A node's source text: taken from the bytes, because GopherJS hands non-ASCII values over garbled. */
  private text(node: any): string {
    return this.bytes.toString('utf8', node.Pos().offs, node.End().offs);
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
  if (goType(cmd) === 'BinaryCmd' && cmd.Op !== PIPE && cmd.Op !== PIPE_ALL)
    return cmd.Op === AND && andTree(cmd.X) && andTree(cmd.Y);
  return true;
}

const HOLDS_COMMANDS = /\$\(|`|[<>]\(/;
