// A small hand-written reader of the simple shell texts most RUNs are: simple commands with
// assignments, quoted and escaped words, plain `$VAR` and `${VAR}`, redirections, joined by
// `&&`, `||`, `;`, `|`, `|&`, `&` and line breaks. It gives the very shape mvdan-sh's tree gives
// (tree.ts), without loading mvdan-sh (~140 ms) or waiting for its JIT, and declines whatever it
// is not sure of: compound commands, command substitution, heredocs, non-ASCII text, anything
// mvdan-sh might reject. test/unit/shell/fastShape.test.ts holds it to mvdan-sh's answers.
import type { LiteralPart, ShapeCall, ShapeWord, ShellShape } from './tree';
import { literalWord } from './words';

/** Thrown (and caught in fastShape) when the text is not one this reader is sure of. */
const DECLINE = Symbol('decline');

/**
 * The shape mvdan-sh would give, or undefined when the text holds anything this reader leaves to
 * mvdan-sh. Offsets are the parser's byte offsets: the text is ASCII, so characters and bytes agree.
 */
export function fastShape(text: string, parts: boolean): ShellShape | undefined {
  // an escaped line break joins lines even at the end of a comment in mvdan-sh: left to it
  if (!PLAIN_ASCII.test(text) || text.includes('\\\n')) return undefined;
  try {
    return new FastReader(text, parts).read();
  } catch (error) {
    if (error === DECLINE) return undefined;
    throw error;
  }
}

/** Printable ASCII, tabs and line breaks only: no byte-offset arithmetic, no `\r` or control characters. */
const PLAIN_ASCII = /^[\t\n\x20-\x7e]*$/;

/** Words that start something other than a simple command in mvdan-sh (bash variant), or that this reader leaves to it. */
const NOT_SIMPLE = new Set([
  ...['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in'],
  ...['select', 'function', 'time', 'coproc', 'let', '!', '[[', ']]', '{', '}'],
]);
/** mvdan-sh reads these as a DeclClause: no command, but the shell's state changes. */
const DECLARATIONS = new Set(['export', 'declare', 'local', 'readonly', 'typeset', 'nameref']);

/** A declaration's word this reader reads: a name, an option or an assignment, starting plainly and with no brackets. */
const DECLARED_WORD = /^[A-Za-z0-9_./-][^[\]]*$/;
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)\+?=/;
/** `a[1]=x` is an assignment to an array element: left to mvdan-sh. */
const INDEXED_NAME = /^[A-Za-z_][A-Za-z0-9_]*\[/;
const BRACED_NAME = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/y;
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
/** What ends an unquoted word. */
const WORD_END = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
const SPECIAL_PARAMETERS = '0123456789@*#?$!-';

interface RawWord extends ShapeWord {
  raw: string;
}

class FastReader {
  private i = 0;
  private readonly calls: ShapeCall[] = [];
  private readonly pipes: [number, number][] = [];
  private statements = 0;
  /** The last top-level statement joins only by `&&` and pipes, and runs in the foreground. */
  private andOnly = false;
  private background = false;
  private declares = false;

  constructor(
    private readonly text: string,
    private readonly parts: boolean,
  ) {}

  read(): ShellShape {
    this.skipBlank(true);
    while (this.i < this.text.length) {
      this.statement();
      this.skipBlank(true);
    }
    return {
      calls: this.calls,
      pipes: this.pipes,
      andChain: this.statements === 1 && this.andOnly,
      background: this.background,
      declares: this.declares,
    };
  }

  /** A top-level statement with what ends it: `;`, `&`, a line break or the end of the text. */
  private statement(): void {
    this.statements++;
    this.andOnly = true;
    this.background = false;
    for (;;) {
      this.pipeline();
      this.skipBlank(false);
      const op = this.operator();
      if (op === '&&' || op === '||') {
        if (op === '||') this.andOnly = false;
        this.i += 2;
        this.skipBlank(true); // a line may break after && and ||
        continue;
      }
      if (op === ';' || op === '&') {
        this.i++;
        this.background = op === '&';
        if (this.background) this.andOnly = false;
        this.skipBlank(false);
        // a statement follows on the same line, or the line (or text) ends
        const next = this.text[this.i];
        if (next !== undefined && next !== '\n' && WORD_END.has(next)) throw DECLINE;
        return;
      }
      if (op === '\n' || op === '') return;
      throw DECLINE;
    }
  }

  private pipeline(): void {
    for (;;) {
      this.command();
      this.skipBlank(false);
      const op = this.operator();
      if (op !== '|' && op !== '|&') return;
      this.pipes.push([this.i, this.i + op.length]);
      this.i += op.length;
      this.skipBlank(true);
    }
  }

  /** The control operator at the cursor ('' at the end of the text), or undefined for something else. */
  private operator(): string | undefined {
    const c = this.text[this.i];
    const next = this.text[this.i + 1];
    if (c === undefined) return '';
    if (c === '\n') return c;
    if (c === ';') return next === ';' || next === '&' ? undefined : ';';
    if (c === '&') return next === '&' ? '&&' : next === '>' ? undefined : '&';
    if (c === '|') return next === '|' ? '||' : next === '&' ? '|&' : '|';
    return undefined;
  }

  /** A simple command, a declaration, or a statement of nothing but redirections. */
  private command(): void {
    const words: RawWord[] = [];
    const assigns: RawWord[] = [];
    let redirected = false;
    for (;;) {
      this.skipBlank(false);
      if (this.redirect()) {
        redirected = true;
        continue;
      }
      const c = this.text[this.i];
      if (c === undefined || WORD_END.has(c) || c === '#') break;
      const word = this.word();
      // brackets and `=` before the command: mvdan-sh may see an assignment (`a--x=1[ab]`)
      if (!words.length && word.raw.includes('=') && /[[\]]/.test(word.raw)) throw DECLINE;
      if (!words.length && ASSIGNMENT.test(word.raw)) {
        assigns.push(word);
        continue;
      }
      if (!words.length) {
        if (NOT_SIMPLE.has(word.raw) || INDEXED_NAME.test(word.raw) || /^[!{}]/.test(word.raw)) throw DECLINE;
        if (DECLARATIONS.has(word.raw)) {
          if (assigns.length || redirected) throw DECLINE;
          return this.declaration();
        }
      }
      words.push(word);
    }
    if (!words.length && !assigns.length) {
      if (!redirected) throw DECLINE; // an operator where a command should be
      return;
    }
    this.calls.push({
      start: (assigns[0] ?? words[0]).start,
      end: words.length ? words[words.length - 1].end : assignEnd(assigns[assigns.length - 1]),
      words: words.map(({ start, end, value, parts }) =>
        this.parts && value !== undefined ? { start, end, value, parts } : { start, end, value },
      ),
      assigns: assigns.map((a) => assignedName(a.raw)),
      inSubshell: false,
      conditional: false,
      redirected,
    });
  }

  /**
   * `export A=1 B`: mvdan-sh reads a declaration's words as names or assignments and rejects
   * other words with `=`; no command runs.
   */
  private declaration(): void {
    for (;;) {
      this.skipBlank(false);
      const c = this.text[this.i];
      if (c === undefined || WORD_END.has(c) || c === '#') break;
      const word = this.word();
      // mvdan-sh rejects some words after an assignment (`export A=1 "B"`): only plain ones are read here
      if (!DECLARED_WORD.test(word.raw) || (word.raw.includes('=') && !ASSIGNMENT.test(word.raw))) throw DECLINE;
    }
    if (this.text[this.i] === '<' || this.text[this.i] === '>') throw DECLINE;
    this.declares = true;
  }

  /** A redirection at the cursor, read past (operator, optional fd number, target word); false when there is none. */
  private redirect(): boolean {
    const text = this.text;
    let at = this.i;
    while (at < text.length && text[at] >= '0' && text[at] <= '9') at++;
    const c = text[at];
    const next = text[at + 1];
    let length: number;
    if (c === '<') {
      if (next === '<') {
        if (text[at + 2] !== '<') throw DECLINE; // heredocs are mvdan-sh's
        length = 3;
      } else if (next === '(') throw DECLINE;
      else length = next === '>' || next === '&' ? 2 : 1;
    } else if (c === '>') {
      if (next === '(') throw DECLINE;
      length = next === '>' || next === '&' || next === '|' ? 2 : 1;
    } else if (c === '&' && next === '>' && at === this.i) {
      length = text[at + 2] === '>' ? 3 : 2;
    } else return false;
    this.i = at + length;
    this.skipBlank(false);
    const target = this.text[this.i];
    if (target === undefined || WORD_END.has(target) || target === '#') throw DECLINE;
    const word = this.word();
    // `> 2>&1`: mvdan-sh takes the digits for the next redirection's and finds no target
    if (/^\d+$/.test(word.raw) && (this.text[this.i] === '<' || this.text[this.i] === '>')) throw DECLINE;
    return true;
  }

  /** One word from the cursor, which is at its first character. */
  private word(): RawWord {
    const text = this.text;
    const start = this.i;
    /** The last character read was plain literal text: a `#` after it goes on with the word. */
    let plain = false;
    while (this.i < text.length) {
      const c = text[this.i];
      if (WORD_END.has(c)) {
        if (c === '(' || c === ')') throw DECLINE;
        break;
      }
      // mvdan-sh starts a comment at a `#` after quotes or an expansion (`"a"#b`): left to it
      if (c === '#' && !plain && this.i > start) throw DECLINE;
      plain = false;
      if (c === '\\') {
        const escaped = text[this.i + 1];
        if (escaped === undefined || escaped === '\n') throw DECLINE;
        this.i += 2;
      } else if (c === "'") {
        const close = text.indexOf("'", this.i + 1);
        if (close < 0) throw DECLINE;
        this.i = close + 1;
      } else if (c === '"') this.doubleQuoted();
      else if (c === '$') this.dollar(false);
      else if (c === '`') throw DECLINE;
      else {
        plain = true;
        this.i++;
      }
    }
    const raw = text.slice(start, this.i);
    // digits right before a redirection may be its fd number (`"a"2>f`, `A=2>f`) in mvdan-sh: left to it
    if (/\d$/.test(raw) && (text[this.i] === '<' || text[this.i] === '>') && !/^[A-Za-z0-9_./-]*$/.test(raw))
      throw DECLINE;
    const value = literalWord(raw);
    return { start, end: this.i, raw, value, parts: this.parts && value !== undefined ? literalParts(raw) : undefined };
  }

  private doubleQuoted(): void {
    const text = this.text;
    for (this.i++; ;) {
      const c = text[this.i];
      if (c === undefined || c === '`') throw DECLINE;
      if (c === '"') {
        this.i++;
        return;
      }
      if (c === '\\') {
        if (text[this.i + 1] === undefined || text[this.i + 1] === '\n') throw DECLINE;
        this.i += 2;
      } else if (c === '$') this.dollar(true);
      else this.i++;
    }
  }

  /** A `$` at the cursor: a plain parameter, `${NAME}`, or a literal `$`; anything else declines. */
  private dollar(quoted: boolean): void {
    const next = this.text[this.i + 1];
    if (next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '/') {
      this.i++;
    } else if (NAME_START.test(next)) {
      this.i += 2;
      while (this.i < this.text.length && NAME_CHAR.test(this.text[this.i])) this.i++;
    } else if (SPECIAL_PARAMETERS.includes(next)) {
      this.i += 2;
    } else if (next === '{') {
      BRACED_NAME.lastIndex = this.i;
      if (!BRACED_NAME.test(this.text)) throw DECLINE;
      this.i = BRACED_NAME.lastIndex;
    } else if (quoted && next === '"') throw DECLINE;
    else throw DECLINE;
  }

  /** Spaces and tabs, comments, and with `lines` line breaks too. */
  private skipBlank(lines: boolean): void {
    const text = this.text;
    while (this.i < text.length) {
      const c = text[this.i];
      if (c === ' ' || c === '\t' || (lines && c === '\n')) this.i++;
      else if (c === '#') {
        const end = text.indexOf('\n', this.i);
        this.i = end < 0 ? text.length : end;
      } else return;
    }
  }
}

function assignedName(raw: string): string {
  return ASSIGNMENT.exec(raw)![1];
}

/** Where mvdan-sh ends an assignment: `A+=` with no value ends one character early, after `A+`. */
function assignEnd(assign: RawWord): number {
  return assign.raw.endsWith('+=') && assign.raw === `${assignedName(assign.raw)}+=` ? assign.end - 1 : assign.end;
}

/** The literal pieces of a word with no expansion, as mvdan-sh delimits them: unquoted runs, '…' and "…"; declines the rest. */
function literalParts(raw: string): LiteralPart[] {
  const out: LiteralPart[] = [];
  for (let i = 0; i < raw.length;) {
    const c = raw[i];
    if (c === "'") {
      const close = raw.indexOf("'", i + 1);
      out.push({ quote: "'", text: raw.slice(i + 1, close) });
      i = close + 1;
    } else if (c === '"') {
      let close = i + 1;
      while (raw[close] !== '"') close += raw[close] === '\\' ? 2 : 1;
      out.push({ quote: '"', text: raw.slice(i + 1, close) });
      i = close + 1;
    } else {
      let end = i;
      while (end < raw.length && raw[end] !== "'" && raw[end] !== '"') end += raw[end] === '\\' ? 2 : 1;
      // mvdan-sh parts unquoted text at a literal `$` and at globs' brackets: left to it
      if (/[$[\]]/.test(raw.slice(i, end))) throw DECLINE;
      out.push({ quote: '', text: raw.slice(i, end) });
      i = end;
    }
  }
  return out;
}
