// A hand-written reader of the shell texts RUNs hold: simple commands (assignments, quoted and
// escaped words, plain `$VAR`, `${VAR}` and `${VAR op word}`, redirections, heredocs), pipelines
// and lists, subshells, blocks, if/while/until/for/case, `$(…)` and one-line backquotes. It gives
// the very shape mvdan-sh's tree gives (tree.ts) without loading mvdan-sh (~140 ms) or waiting for
// its JIT, and declines whatever it is not sure of (arithmetic, `[[ ]]`, functions, `$'…'`,
// mvdan-sh's quirks), which mvdan-sh then reads. test/unit/shell/fastShape.test.ts holds it to
// mvdan-sh's answers, over the corpus, broken corpus texts and generated scripts.
import type { LiteralPart, ShapeCall, ShapeWord, ShellShape } from './tree';
import { literalWord } from './words';

/** Thrown (and caught in fastShape) when the text is not one this reader is sure of. */
const DECLINE = Symbol('decline');
/** Thrown where mvdan-sh certainly rejects the text (`a b (c)`, `(a) b`): the shape is null, as mvdan-sh's. */
const REJECTED = Symbol('rejected');

/**
 * The shape mvdan-sh would give (null for a text it rejects), or undefined when the text holds
 * anything this reader leaves to mvdan-sh. Offsets are the parser's UTF-8 byte offsets.
 */
export function fastShape(text: string, parts: boolean): ShellShape | null | undefined {
  // an escaped line break joins lines even at the end of a comment in mvdan-sh: left to it
  if (!PLAIN_TEXT.test(text) || text.includes('\\\n')) return undefined;
  try {
    const shape = new FastReader(text, parts).read();
    return ASCII.test(text) ? shape : inBytes(shape, text);
  } catch (error) {
    if (error === DECLINE) return undefined;
    if (error === REJECTED) return null;
    throw error;
  }
}

/** No control characters but tabs and line breaks (no `\r`), no byte order mark, no characters beyond the BMP. */
// eslint-disable-next-line no-control-regex
const PLAIN_TEXT = /^[^\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufeff]*$/;
// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

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
/**
 * `${NAME}`, `${#NAME}`, and `${NAME<op>word}` with a plain word: mvdan-sh's rules for what may
 * follow the operators are left to it.
 */
const PARAMETER_EXPANSION =
  /\$\{(?:#[A-Za-z_][A-Za-z0-9_]*|[A-Za-z_][A-Za-z0-9_]*(?:(?::?[-=+?]|##?|%%?|\/\/?|,,?|\^\^?)[A-Za-z0-9_./:@+=,*~[\]-]*)?)\}/y;
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
/** What ends an unquoted word. */
const WORD_END = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
const SPECIAL_PARAMETERS = '0123456789@*#?$!-';
const EXTENDED_GLOB = '@!*+?';
/** A heredoc's delimiter: a plain name, or one in single or double quotes (then the body expands nothing). */
const HEREDOC_DELIMITER =
  /(?:([A-Za-z_][A-Za-z0-9_]*)|'([A-Za-z_][A-Za-z0-9_]*)'|"([A-Za-z_][A-Za-z0-9_]*)")(?=[\s;&|<>)]|$)/y;
/** The body of a heredoc whose delimiter is not quoted, when it expands nothing but plain parameters. */
const PLAIN_HEREDOC_BODY = /^(?:[^$`\\]|\$(?:[A-Za-z_@*#?$!0-9-]|\{[A-Za-z_][A-Za-z0-9_]*\}))*$/;

interface RawWord extends ShapeWord {
  raw: string;
}

/** Where the commands of a list run, as ShapeCall's flags. */
interface Scope {
  inSubshell: boolean;
  conditional: boolean;
}

/** What ends a statement list, besides its last statement: the end of the text, `)`, `;;`, or reserved words. */
interface ListEnd {
  text?: boolean;
  paren?: boolean;
  caseItem?: boolean;
  backquote?: boolean;
  words?: ReadonlySet<string>;
}

const TOP: Scope = { inSubshell: false, conditional: false };
const WHOLE_TEXT: ListEnd = { text: true };
const PAREN: ListEnd = { paren: true };
const BACKQUOTE: ListEnd = { backquote: true };
const BRACE: ListEnd = { words: new Set(['}']) };
const THEN: ListEnd = { words: new Set(['then']) };
const IF_BODY: ListEnd = { words: new Set(['elif', 'else', 'fi']) };
const FI: ListEnd = { words: new Set(['fi']) };
const DO: ListEnd = { words: new Set(['do']) };
const DONE: ListEnd = { words: new Set(['done']) };
const CASE_ITEM: ListEnd = { caseItem: true, words: new Set(['esac']) };
/** A reserved word, or a word that might be one, at the cursor. */
const RESERVED = /[a-z]+|[{}]/y;
const LOOP_NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

class FastReader {
  private i = 0;
  private readonly calls: ShapeCall[] = [];
  private readonly pipes: [number, number][] = [];
  /** The last top-level statement joins only by `&&` and pipes, and runs in the foreground. */
  private andOnly = false;
  private background = false;
  private declares = false;
  /** Where the backquoted command substitution being read ends; -1 outside one. */
  private backquoteEnd = -1;
  private pendingHeredoc?: { delimiter: string; dash: boolean; quoted: boolean; lineEnd: number };

  constructor(
    private readonly text: string,
    private readonly parts: boolean,
  ) {}

  read(): ShellShape {
    const statements = this.list(TOP, WHOLE_TEXT, true);
    if (this.pendingHeredoc) throw DECLINE;
    return {
      calls: this.calls.sort((a, b) => a.start - b.start),
      pipes: this.pipes.sort((a, b) => a[0] - b[0]),
      andChain: statements === 1 && this.andOnly,
      background: this.background,
      declares: this.declares,
    };
  }

  /** Statements up to what ends the list (not read past); how many there were. */
  private list(scope: Scope, end: ListEnd, top = false): number {
    let count = 0;
    for (;;) {
      this.skipBlank(true);
      if (this.atEnd(end)) return count;
      count++;
      const andOnly = this.andOr(scope);
      this.skipBlank(false);
      const c = this.text[this.i];
      const next = this.text[this.i + 1];
      let background = false;
      if (c === ';' && next !== ';' && next !== '&') this.i++;
      else if (c === '&' && next !== '&' && next !== '>') {
        this.i++;
        background = true;
      } else if (c === '\n') this.newline();
      else if (!this.atEnd(end)) throw DECLINE;
      if (top) {
        this.andOnly = andOnly && !background;
        this.background = background;
      }
    }
  }

  /** The cursor is where the list ends; declines at the end of the text or a closing token the list does not expect. */
  private atEnd(end: ListEnd): boolean {
    const c = this.text[this.i];
    if (c === undefined) {
      if (end.text) return true;
      throw DECLINE;
    }
    if (c === ')') {
      if (end.paren) return true;
      throw DECLINE;
    }
    if (c === '`') {
      if (end.backquote) return true;
      throw DECLINE;
    }
    if (c === ';' && this.text[this.i + 1] === ';') {
      if (end.caseItem && this.text[this.i + 2] !== '&') return true;
      throw DECLINE;
    }
    const word = this.reservedAt();
    return word !== undefined && !!end.words?.has(word);
  }

  /** A word at the cursor that may be reserved (`if`, `}`), ending where a word ends. */
  private reservedAt(): string | undefined {
    RESERVED.lastIndex = this.i;
    const match = RESERVED.exec(this.text);
    if (!match) return undefined;
    const after = this.text[RESERVED.lastIndex];
    return after === undefined || WORD_END.has(after) || (after === '`' && this.backquoteEnd >= 0)
      ? match[0]
      : undefined;
  }

  /** Pipelines joined by && and ||; true when only by && and none is negated. */
  private andOr(scope: Scope): boolean {
    let andOnly = true;
    for (;;) {
      if (!this.pipeline(scope)) andOnly = false;
      this.skipBlank(false);
      const c = this.text[this.i];
      if ((c === '&' || c === '|') && this.text[this.i + 1] === c) {
        if (c === '|') andOnly = false;
        this.i += 2;
        this.skipBlank(true); // a line may break after && and ||
      } else return andOnly;
    }
  }

  /** Commands joined by | and |&; false when negated with `!`. */
  private pipeline(scope: Scope): boolean {
    const negated = this.text[this.i] === '!' && (this.text[this.i + 1] === ' ' || this.text[this.i + 1] === '\t');
    if (negated) {
      this.i++;
      this.skipBlank(false);
    }
    for (;;) {
      this.command(scope);
      this.skipBlank(false);
      if (this.text[this.i] !== '|' || this.text[this.i + 1] === '|') return !negated;
      const length = this.text[this.i + 1] === '&' ? 2 : 1;
      this.pipes.push([this.i, this.i + length]);
      this.i += length;
      this.skipBlank(true);
    }
  }

  private command(scope: Scope): void {
    if (this.text[this.i] === '(') {
      if (this.text[this.i + 1] === '(') throw DECLINE; // arithmetic
      this.i++;
      this.body({ inSubshell: true, conditional: scope.conditional }, PAREN, 1);
      return this.compoundEnd(scope);
    }
    const inner = { inSubshell: scope.inSubshell, conditional: true };
    switch (this.reservedAt()) {
      case '{':
        this.i++;
        this.body(scope, BRACE, 1);
        return this.compoundEnd(scope);
      case 'if':
        this.i += 2;
        for (;;) {
          this.body(inner, THEN, 4);
          this.body(inner, IF_BODY, 0);
          const word = this.reservedAt()!;
          this.i += word.length;
          if (word === 'fi') break;
          if (word === 'else') {
            this.body(inner, FI, 2);
            break;
          }
        }
        return this.compoundEnd(scope);
      case 'while':
      case 'until':
        this.i += 5;
        this.body(inner, DO, 2);
        this.body(inner, DONE, 4);
        return this.compoundEnd(scope);
      case 'for':
        return this.forClause(scope, inner);
      case 'case':
        return this.caseClause(scope, inner);
      default:
        return this.simpleCommand(scope);
    }
  }

  /** A list that may not be empty, and the closing word or token after it (`closer` characters long). */
  private body(scope: Scope, end: ListEnd, closer: number): void {
    if (!this.list(scope, end)) throw DECLINE;
    this.i += closer;
  }

  /** Redirections after a compound command; no word may follow. */
  private compoundEnd(scope: Scope): void {
    do this.skipBlank(false);
    while (this.redirect(scope));
    if (this.atWordEnd()) return;
    // a word after `(a)`, `{ a; }` or `fi` is an error for mvdan-sh, but a reserved word may end a list there (`(a)then`)
    const reserved = this.reservedAt();
    throw reserved === undefined || reserved === '{' ? REJECTED : DECLINE;
  }

  /** `for name in words; do …; done`: the words run their `$(…)` before the loop does. */
  private forClause(scope: Scope, inner: Scope): void {
    this.i += 3;
    this.skipBlank(false);
    LOOP_NAME.lastIndex = this.i;
    if (!LOOP_NAME.test(this.text)) throw DECLINE;
    this.i = LOOP_NAME.lastIndex;
    this.skipBlank(false);
    if (this.reservedAt() !== 'in') throw DECLINE;
    this.i += 2;
    let words = 0;
    for (;;) {
      this.skipBlank(false);
      const c = this.text[this.i];
      if ((c === ';' && this.text[this.i + 1] !== ';') || c === '\n') break;
      this.wordAt(scope);
      words++;
    }
    if (!words) throw DECLINE;
    if (this.text[this.i] === '\n') this.newline();
    else this.i++;
    this.skipBlank(true);
    if (this.reservedAt() !== 'do') throw DECLINE;
    this.i += 2;
    this.body(inner, DONE, 4);
    this.compoundEnd(scope);
  }

  /** `case word in pattern|pattern) …;; esac`: patterns hold no command substitution here. */
  private caseClause(scope: Scope, inner: Scope): void {
    this.i += 4;
    this.skipBlank(false);
    this.wordAt(scope);
    this.skipBlank(false);
    if (this.reservedAt() !== 'in') throw DECLINE;
    this.i += 2;
    let items = 0;
    for (;;) {
      this.skipBlank(true);
      if (this.reservedAt() === 'esac') break;
      for (;;) {
        this.skipBlank(false);
        this.wordAt(undefined);
        this.skipBlank(false);
        const c = this.text[this.i++];
        if (c === ')') break;
        if (c !== '|' || this.text[this.i] === '|') throw DECLINE;
      }
      items++;
      this.list(inner, CASE_ITEM);
      if (this.text[this.i] === ';') this.i += 2;
    }
    if (!items) throw DECLINE;
    this.i += 4;
    this.compoundEnd(scope);
  }

  /** A simple command, a declaration, or a statement of nothing but redirections. */
  private simpleCommand(scope: Scope): void {
    const words: RawWord[] = [];
    const assigns: RawWord[] = [];
    let redirected = false;
    for (;;) {
      this.skipBlank(false);
      if (this.redirect(scope)) {
        redirected = true;
        continue;
      }
      if (this.atWordEnd()) break;
      const word = this.word(scope);
      if (!words.length && ASSIGNMENT.test(word.raw)) {
        assigns.push(word);
        continue;
      }
      if (!words.length) {
        // brackets and `=` before the command: mvdan-sh may see an assignment (`a--x=1[ab]`)
        if (word.raw.includes('=') && /[[\]]/.test(word.raw)) throw DECLINE;
        // `+() …` declares a function named `+`
        if (/[@!*+?]\(/.test(word.raw)) throw DECLINE;
        if (NOT_SIMPLE.has(word.raw) || INDEXED_NAME.test(word.raw) || /^[!{}]/.test(word.raw)) throw DECLINE;
        if (DECLARATIONS.has(word.raw)) {
          if (assigns.length || redirected) throw DECLINE;
          return this.declaration(scope);
        }
      }
      words.push(word);
    }
    // `a b (c)`, `A=1 (c)`: a parenthesis where only words and redirections may be (`a (` may start a function)
    if (this.text[this.i] === '(' && (assigns.length || words.length > 1)) throw REJECTED;
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
      inSubshell: scope.inSubshell,
      conditional: scope.conditional,
      redirected,
    });
  }

  /**
   * `export A=1 B`: mvdan-sh reads a declaration's words as names or assignments and rejects
   * other words with `=`; no command runs.
   */
  private declaration(scope: Scope): void {
    for (;;) {
      this.skipBlank(false);
      if (this.atWordEnd()) break;
      const word = this.word(scope);
      // mvdan-sh rejects some words after an assignment (`export A=1 "B"`): only plain ones are read here
      if (!DECLARED_WORD.test(word.raw) || (word.raw.includes('=') && !ASSIGNMENT.test(word.raw))) throw DECLINE;
    }
    if (this.text[this.i] === '<' || this.text[this.i] === '>') throw DECLINE;
    if (!scope.inSubshell) this.declares = true;
  }

  /** A redirection at the cursor, read past (operator, optional fd number, target word); false when there is none. */
  private redirect(scope: Scope): boolean {
    const text = this.text;
    let at = this.i;
    while (at < text.length && text[at] >= '0' && text[at] <= '9') at++;
    const c = text[at];
    const next = text[at + 1];
    let length: number;
    if (c === '<') {
      if (next === '<' && text[at + 2] !== '<') {
        this.i = at + 2;
        this.heredoc();
        return true;
      }
      if (next === '<') length = 3;
      else if (next === '(') throw DECLINE;
      else length = next === '>' || next === '&' ? 2 : 1;
    } else if (c === '>') {
      if (next === '(') throw DECLINE;
      length = next === '>' || next === '&' || next === '|' ? 2 : 1;
    } else if (c === '&' && next === '>' && at === this.i) {
      length = text[at + 2] === '>' ? 3 : 2;
    } else return false;
    this.i = at + length;
    this.skipBlank(false);
    const word = this.wordAt(scope);
    // `> 2>&1`: mvdan-sh takes the digits for the next redirection's and finds no target
    if (/^\d+$/.test(word.raw) && (this.text[this.i] === '<' || this.text[this.i] === '>')) throw DECLINE;
    return true;
  }

  /** `<<eot` or `<<-'eot'`, after the `<<`: its body comes after the line, read at its line break. */
  private heredoc(): void {
    if (this.pendingHeredoc) throw DECLINE; // two on one line
    const dash = this.text[this.i] === '-';
    if (dash) this.i++;
    this.skipBlank(false);
    HEREDOC_DELIMITER.lastIndex = this.i;
    const match = HEREDOC_DELIMITER.exec(this.text);
    if (!match) throw DECLINE;
    this.i = HEREDOC_DELIMITER.lastIndex;
    const lineEnd = this.text.indexOf('\n', this.i);
    if (lineEnd < 0) throw DECLINE;
    this.pendingHeredoc = {
      delimiter: match[1] ?? match[2] ?? match[3],
      dash,
      quoted: match[1] === undefined,
      lineEnd,
    };
  }

  /** Past the line break at the cursor, and past the body of the heredoc started on its line, if any. */
  private newline(): void {
    const heredoc = this.pendingHeredoc;
    this.i++;
    if (!heredoc) return;
    this.pendingHeredoc = undefined;
    // a line break inside quotes or `$(…)` would put the body elsewhere for mvdan-sh
    if (this.i - 1 !== heredoc.lineEnd) throw DECLINE;
    const text = this.text;
    for (let at = this.i; at < text.length;) {
      let end = text.indexOf('\n', at);
      if (end < 0) end = text.length;
      const line = text.slice(at, end);
      if ((heredoc.dash ? line.replace(/^\t+/, '') : line) === heredoc.delimiter) {
        if (!heredoc.quoted && !PLAIN_HEREDOC_BODY.test(text.slice(this.i, at))) throw DECLINE;
        this.i = end;
        return;
      }
      at = end + 1;
    }
    throw DECLINE; // no closing line
  }

  /** A word that must be at the cursor. */
  private wordAt(scope: Scope | undefined): RawWord {
    if (this.atWordEnd()) throw DECLINE;
    return this.word(scope);
  }

  /** No word starts at the cursor: the end of the text, an operator, a blank, a comment or the closing backquote. */
  private atWordEnd(): boolean {
    const c = this.text[this.i];
    return c === undefined || WORD_END.has(c) || c === '#' || (c === '`' && this.backquoteEnd >= 0);
  }

  /**
   * One word from the cursor, which is at its first character. Commands in its `$(…)` run in a
   * subshell of `scope`; without a scope, a `$(…)` declines.
   */
  private word(scope: Scope | undefined): RawWord {
    const text = this.text;
    const start = this.i;
    /** The last character read was plain literal text: a `#` after it goes on with the word. */
    let plain = false;
    while (this.i < text.length) {
      const c = text[this.i];
      if (WORD_END.has(c)) {
        // `@(a|b)` is an extended glob, its pattern read up to the matching parenthesis
        if (c === '(' && plain && EXTENDED_GLOB.includes(text[this.i - 1])) {
          if (!scope || this.parts) throw DECLINE;
          this.extendedGlob();
          plain = false;
          continue;
        }
        // `A=(1 2)` is an array
        if (c === '(' && text[this.i - 1] === '=') throw DECLINE;
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
      } else if (c === '"') this.doubleQuoted(scope);
      else if (c === '$') this.dollar(scope);
      else if (c === '`') {
        if (this.backquoteEnd >= 0) break; // the closing one
        this.backquoted(scope);
      } else {
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

  /** The pattern of an extended glob, from its `(` to the matching `)` (quotes are no quotes there for mvdan-sh). */
  private extendedGlob(): void {
    if (this.text[this.i + 1] === ')') throw DECLINE; // an empty pattern
    let depth = 0;
    do {
      const c = this.text[this.i++];
      if (c === undefined || c === '\n') throw DECLINE;
      if (c === '(') depth++;
      else if (c === ')') depth--;
    } while (depth > 0);
  }

  /**
   * A command substitution in backquotes, on one line and without backslashes (escapes inside
   * backquotes are read twice): its commands must end right at the closing backquote.
   */
  private backquoted(scope: Scope | undefined): void {
    const close = this.text.indexOf('`', this.i + 1);
    if (!scope || close < 0 || /[\\\n]/.test(this.text.slice(this.i, close))) throw DECLINE;
    this.backquoteEnd = close;
    this.i++;
    this.body({ inSubshell: true, conditional: scope.conditional }, BACKQUOTE, 0);
    if (this.i !== close) throw DECLINE;
    this.i++;
    this.backquoteEnd = -1;
  }

  private doubleQuoted(scope: Scope | undefined): void {
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
      } else if (c === '$') this.dollar(scope);
      else this.i++;
    }
  }

  /** A `$` at the cursor: a parameter, a plain `${…}`, a `$(…)`, or a literal `$`; anything else declines. */
  private dollar(scope: Scope | undefined): void {
    const next = this.text[this.i + 1];
    if (next === undefined || next === '/' || (WORD_END.has(next) && next !== '(')) {
      this.i++;
    } else if (NAME_START.test(next)) {
      this.i += 2;
      while (this.i < this.text.length && NAME_CHAR.test(this.text[this.i])) this.i++;
    } else if (SPECIAL_PARAMETERS.includes(next)) {
      this.i += 2;
    } else if (next === '{') {
      PARAMETER_EXPANSION.lastIndex = this.i;
      if (!PARAMETER_EXPANSION.test(this.text)) throw DECLINE;
      this.i = PARAMETER_EXPANSION.lastIndex;
    } else if (next === '(' && scope && this.text[this.i + 2] !== '(') {
      this.i += 2;
      this.body({ inSubshell: true, conditional: scope.conditional }, PAREN, 1);
    } else throw DECLINE;
  }

  /** Spaces and tabs, comments, and with `lines` line breaks too. */
  private skipBlank(lines: boolean): void {
    const text = this.text;
    while (this.i < text.length) {
      const c = text[this.i];
      if (c === ' ' || c === '\t') this.i++;
      else if (lines && c === '\n') this.newline();
      else if (c === '#') {
        const end = text.indexOf('\n', this.i);
        this.i = end < 0 ? text.length : end;
      } else return;
    }
  }
}

/** The shape with its character offsets turned into UTF-8 byte offsets, as mvdan-sh counts. */
function inBytes(shape: ShellShape, text: string): ShellShape {
  const bytes = new Int32Array(text.length + 1);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes[i + 1] = bytes[i] + (c < 0x80 ? 1 : c < 0x800 ? 2 : 3);
  }
  for (const call of shape.calls) {
    call.start = bytes[call.start];
    call.end = bytes[call.end];
    for (const word of call.words) {
      word.start = bytes[word.start];
      word.end = bytes[word.end];
    }
  }
  for (const pipe of shape.pipes) {
    pipe[0] = bytes[pipe[0]];
    pipe[1] = bytes[pipe[1]];
  }
  return shape;
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
