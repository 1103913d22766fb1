// Variables that the builder itself expands (FROM, ENV, COPY, …), read the way BuildKit's
// shell-word lexer reads them: the escape character hides a `$`, single quotes hide
// everything, `${NAME:-word}` carries its own fallback. RUN, CMD and ENTRYPOINT are left to
// the shell and never come through here.
import type { DockerfileModel, Instr } from './model';
import type { Range } from '../types';
import { memoOn } from '../memo';

export interface VariableUse {
  name: string;
  /** The whole `$NAME` or `${NAME…}`. */
  range: Range;
  /** `${NAME:-x}`, `${NAME:+x}`, `${NAME?x}`…: the author has said what happens when it is unset. */
  hasModifier: boolean;
}

// What an instruction uses and declares, kept on it: the editor's lint session keeps the
// instructions an edit left alone, and these are asked for on every lint. By escape character,
// which is the file's and not the instruction's.
const USES = { '\\': Symbol('dockwright.variableUses'), '`': Symbol('dockwright.variableUses`') };
const DECLARED = { '\\': Symbol('dockwright.declaredNames'), '`': Symbol('dockwright.declaredNames`') };
const escapeKey = (escape: string, keys: Record<'\\' | '`', symbol>) => (escape === '`' ? keys['`'] : keys['\\']);

const NAME_START = /[A-Za-z_]/;
const COMMENT_LINE = /[ \t]*#/y;
const NAME_CHAR = /[A-Za-z0-9_]/;

/** Every `$NAME` / `${NAME}` the builder expands in the instruction (flags included, heredoc bodies not). */
export function builderVariables(model: DockerfileModel, instr: Instr): readonly VariableUse[] {
  return memoOn(instr, escapeKey(model.escapeChar, USES), () => readBuilderVariables(model, instr));
}

function readBuilderVariables(model: DockerfileModel, instr: Instr): VariableUse[] {
  const start = model.offsetAt(instr.keywordRange.end);
  let end = model.offsetAt(instr.range.end);
  // A heredoc body is expanded only in some cases; reading its first line is enough.
  if (/<<-?["']?[A-Za-z_]/.test(instr.argsText)) {
    const lineEnd = model.text.indexOf('\n', start);
    if (lineEnd >= 0 && lineEnd < end) end = lineEnd;
  }
  return scanVariables(model.text, start, end, model.escapeChar).map((v) => ({
    name: v.name,
    hasModifier: v.hasModifier,
    range: { start: model.positionAt(v.start), end: model.positionAt(v.end) },
  }));
}

interface RawUse {
  name: string;
  start: number;
  end: number;
  hasModifier: boolean;
}

/** Scans text[start, end) for variable uses; offsets are into `text`. */
function scanVariables(text: string, start: number, end: number, escape: string): RawUse[] {
  const uses: RawUse[] = [];
  let quote: '' | "'" | '"' = '';
  let lineStart = true;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === '\n') {
      lineStart = true;
      continue;
    }
    // Docker drops comment lines inside continuations before anything else reads them.
    if (lineStart && i > start) {
      COMMENT_LINE.lastIndex = i;
      const rest = COMMENT_LINE.exec(text);
      if (rest && rest.index + rest[0].length <= end) {
        const nl = text.indexOf('\n', i);
        i = nl < 0 ? end : nl - 1;
        continue;
      }
    }
    lineStart = false;
    if (quote === "'") {
      if (c === "'") quote = '';
      continue;
    }
    if (c === escape) {
      i++; // the next character is literal, `$` included
      continue;
    }
    if (c === "'" && quote === '') {
      quote = "'";
      continue;
    }
    if (c === '"') {
      quote = quote === '"' ? '' : '"';
      continue;
    }
    if (c !== '$') continue;
    const use = readVariable(text, i, end);
    if (use) {
      uses.push(use);
      i = use.end - 1;
    }
  }
  return uses;
}

function readVariable(text: string, at: number, end: number): RawUse | undefined {
  if (text[at + 1] === '{') {
    let j = at + 2;
    if (!NAME_START.test(text[j] ?? '')) return undefined;
    while (j < end && NAME_CHAR.test(text[j])) j++;
    const name = text.slice(at + 2, j);
    if (text[j] === '}') return { name, start: at, end: j + 1, hasModifier: false };
    // `${NAME:-word}` and friends: find the closing brace, nesting included.
    let depth = 1;
    let k = j;
    for (; k < end && depth > 0; k++) {
      if (text[k] === '{') depth++;
      else if (text[k] === '}') depth--;
    }
    if (depth > 0) return undefined;
    return { name, start: at, end: k, hasModifier: true };
  }
  if (!NAME_START.test(text[at + 1] ?? '')) return undefined;
  let j = at + 1;
  while (j < end && NAME_CHAR.test(text[j])) j++;
  return { name: text.slice(at + 1, j), start: at, end: j, hasModifier: false };
}

/**
 * Expands `$NAME`, `${NAME}` and `${NAME:-default}` in a word with the given values.
 * Undefined when a variable has no value: the word can only be judged at build time.
 */
export function expandWord(
  word: string,
  values: ReadonlyMap<string, string | undefined>,
  escape = '\\',
): string | undefined {
  let out = '';
  let last = 0;
  for (const use of scanVariables(word, 0, word.length, escape)) {
    out += word.slice(last, use.start);
    last = use.end;
    const value = values.get(use.name);
    if (value !== undefined && value !== '') {
      const alt = /^\$\{\w+:?\+(.*)\}$/.exec(word.slice(use.start, use.end));
      out += alt ? alt[1] : value;
      continue;
    }
    const spelled = word.slice(use.start, use.end);
    if (/^\$\{\w+:?\+/.test(spelled)) continue; // `${NAME:+x}` is empty when NAME is unset
    const fallback = /^\$\{\w+:?-(.*)\}$/.exec(spelled);
    if (!fallback) return undefined;
    out += fallback[1];
  }
  return out + word.slice(last);
}

/** The names of the variables a word uses, in order. */
export function variableNames(word: string, escape = '\\'): string[] {
  return scanVariables(word, 0, word.length, escape).map((use) => use.name);
}

/** Removes one pair of matching outer quotes, as the builder does for ARG and ENV values. */
export function unquote(value: string): string {
  const m = /^(["'])(.*)\1$/s.exec(value);
  return m ? m[2] : value;
}

/**
 * The names an ARG or ENV declares: `ARG A B=1`, `ENV A=1 B="x y"`, or the old `ENV NAME value`.
 * Read from the text, quotes respected, because dockerfile-ast re-parses on every getProperties().
 */
export function declaredNames(instr: Instr, escape: string): readonly string[] {
  if (instr.keyword !== 'ARG' && instr.keyword !== 'ENV') return NONE;
  return memoOn(instr, escapeKey(escape, DECLARED), () => readDeclaredNames(instr, escape));
}

function readDeclaredNames(instr: Instr, escape: string): string[] {
  const words = splitWords(instr.argsText, escape);
  if (instr.keyword === 'ENV' && words.length && !words[0].includes('=')) return [words[0]];
  return words.map((w) => w.split('=')[0]).filter((name) => name !== '');
}

const NONE: readonly string[] = [];

/** The length of the blanks and line break at `at` (a continuation after an escape), 0 when there is none. */
function continuationAt(text: string, at: number): number {
  let i = at;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  if (text.charCodeAt(i) === 13) i++;
  return text.charCodeAt(i) === 10 ? i + 1 - at : 0;
}

/**
 * Splits on unquoted white space; escaped line breaks join lines. A word is its text as written
 * less those line breaks, so it is sliced from the text a run at a time.
 */
function splitWords(text: string, escape: string): string[] {
  const words: string[] = [];
  let word = '';
  // where the part of the word not yet in `word` starts
  let from = -1;
  let quote = '';
  const flush = (to: number) => {
    if (from !== -1) word += text.slice(from, to);
    from = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === escape && quote !== "'") {
      const rest = continuationAt(text, i + 1);
      if (rest) {
        flush(i);
        i += rest;
      } else {
        if (from === -1) from = i;
        i++; // the escaped character stays in the word as written
      }
      continue;
    }
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (/\s/.test(c)) {
      flush(i);
      if (word) words.push(word);
      word = '';
      continue;
    }
    if (from === -1) from = i;
  }
  flush(text.length);
  if (word) words.push(word);
  return words;
}
