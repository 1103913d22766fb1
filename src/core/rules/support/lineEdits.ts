// Whole-line edits for the structural fixes: insert, delete and move instructions the way a
// person would, keeping the file's indentation, line ending and the comments above an instruction.
import type { DockerfileModel, Instr } from '../../dockerfile/model';
import type { Position, Range, TextEdit } from '../../types';

/** The first line of the instruction with the comment lines directly above it (they belong to it). */
export function leadingLine(model: DockerfileModel, instr: Instr): number {
  let line = instr.range.start.line;
  while (
    line > 0 &&
    /^\s*#/.test(model.lines[line - 1]) &&
    !model.directives.some((d) => d.range.start.line === line - 1)
  )
    line--;
  return line;
}

/** Inserts lines above the instruction (and above its comments), indented like it. */
export function insertLinesBefore(model: DockerfileModel, instr: Instr, lines: readonly string[]): TextEdit {
  const line = leadingLine(model, instr);
  const indent = model.indentOf(instr.range.start.line);
  const at: Position = { line, character: 0 };
  return { range: { start: at, end: at }, newText: lines.map((l) => indent + l + model.eol).join('') };
}

/**
 * Inserts lines after the instruction's last line, indented like it. After an instruction that
 * ends in escapes continuing nothing (see trailingEscapes) the escapes go first: a line after them
 * would be read as part of the instruction.
 */
export function insertLinesAfter(model: DockerfileModel, instr: Instr, lines: readonly string[]): TextEdit {
  const indent = model.indentOf(instr.range.start.line);
  const added = lines.map((l) => model.eol + (l ? indent + l : '')).join('');
  const tail = trailingEscapes(model, instr);
  if (tail) return { range: { start: tail.start, end: tail.end }, newText: tail.text + added };
  const end = lineEnd(model, instr.range.end.line);
  return { range: { start: end, end }, newText: added };
}

/** Replaces the instruction's arguments with text, and the escapes at its end that continue nothing (see trailingEscapes). */
export function replaceArguments(model: DockerfileModel, instr: Instr, text: string): TextEdit {
  const tail = trailingEscapes(model, instr);
  return tail
    ? { range: { start: instr.argsStart, end: tail.end }, newText: text + tail.text }
    : { range: { start: instr.argsStart, end: instr.range.end }, newText: text };
}

export interface TrailingEscapes {
  /** Where the instruction's text really ends: before the escape and the blanks before it. */
  start: Position;
  /** The end of the instruction's last line that is not blank. */
  end: Position;
  /** The text between, with the escapes taken out (the blank and comment lines kept). */
  text: string;
}

/**
 * Escapes that end an instruction and continue nothing: its last line with content ends in the
 * escape, and after it come only blank lines, comment lines, lines of a lone escape, or the end of
 * the file. Undefined when the instruction ends as usual. A doubled escape (`\\`) is text, not a
 * continuation.
 */
export function trailingEscapes(model: DockerfileModel, instr: Instr): TrailingEscapes | undefined {
  const escape = model.escapeChar;
  const first = instr.range.start.line;
  const textOf = (line: number) =>
    line === instr.range.end.line ? model.lines[line].slice(0, instr.range.end.character) : model.lines[line];
  const loneEscape = (t: string) => t.trim() === escape;
  let last = instr.range.end.line;
  while (last > first && !textOf(last).trim()) last--;
  let line = last;
  while (line > first && (!textOf(line).trim() || /^\s*#/.test(textOf(line)) || loneEscape(textOf(line)))) line--;
  const content = textOf(line).trimEnd();
  if (!content.endsWith(escape) || content.endsWith(escape + escape) || loneEscape(content)) return undefined;
  let at = content.length - 1;
  while (at > 0 && (content[at - 1] === ' ' || content[at - 1] === '\t')) at--;
  const start: Position = { line, character: at };
  const end: Position = { line: last, character: textOf(last).trimEnd().length };
  const between = [];
  for (let l = line + 1; l <= last; l++) {
    const text = l === last ? textOf(l).trimEnd() : model.lines[l];
    between.push(loneEscape(text) ? text.slice(0, text.indexOf(escape)) : text);
  }
  return { start, end, text: between.map((l) => model.eol + l).join('') };
}

/** The range of whole lines, with their line break, so that deleting it leaves no blank line. */
function wholeLines(model: DockerfileModel, first: number, last: number): Range {
  if (last + 1 < model.lines.length)
    return { start: { line: first, character: 0 }, end: { line: last + 1, character: 0 } };
  // the last line of the file: take the line break before it instead
  const start = first > 0 ? lineEnd(model, first - 1) : { line: first, character: 0 };
  return { start, end: lineEnd(model, last) };
}

/** Deletes an instruction with its own lines (not the comments above it). */
export function deleteInstruction(model: DockerfileModel, instr: Instr): TextEdit {
  return { range: wholeLines(model, instr.range.start.line, instr.range.end.line), newText: '' };
}

/** The instruction's source lines, comments above included, as they stand (no line break at the end). */
export function instructionLines(model: DockerfileModel, instr: Instr): string {
  return model.lines.slice(leadingLine(model, instr), instr.range.end.line + 1).join(model.eol);
}

export function lineEnd(model: DockerfileModel, line: number): Position {
  return { line, character: (model.lines[line] ?? '').length };
}

export interface ContinuationStyle {
  /** What continuation lines start with after the instruction's own indentation: four spaces, a tab … */
  indent: string;
  /** `&&` opens the continued line (`\t&& make`) rather than ending the one before (`make && \`). */
  leadingOperator: boolean;
}

const styles = new WeakMap<DockerfileModel, ContinuationStyle>();
/** A line with nothing but white space, or a comment (what trim() leaves starts with `#`). */
const BLANK_OR_COMMENT = /^\s*(?:#|$)/;

/** The length of the line's leading spaces and tabs (DockerfileModel.indentOf). */
function indentWidth(text: string): number {
  let i = 0;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  return i;
}

/** How the file's own RUNs continue their lines; four spaces and a trailing `&&` when it has none. */
export function continuationStyle(model: DockerfileModel): ContinuationStyle {
  let style = styles.get(model);
  if (style) return style;
  const indents = new Map<string, number>();
  let leading = 0;
  let trailing = 0;
  // every RUN line of the file, read without copies of it: fixes ask on every lint
  for (const i of model.instructions) {
    if (i.keyword !== 'RUN') continue;
    const base = model.indentOf(i.range.start.line);
    for (let line = i.range.start.line + 1; line <= i.range.end.line; line++) {
      const text = model.lines[line];
      if (BLANK_OR_COMMENT.test(text)) continue;
      const width = indentWidth(text);
      if (width > base.length && text.startsWith(base)) {
        const extra = text.slice(base.length, width);
        indents.set(extra, (indents.get(extra) ?? 0) + 1);
      }
      if (/^\s*(&&|\|\|)/.test(text)) leading++;
      if (/(&&|\|\|)\s*\S?\s*$/.test(model.lines[line - 1])) trailing++;
    }
  }
  const indent = [...indents.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '    ';
  style = { indent, leadingOperator: leading > trailing };
  styles.set(model, style);
  return style;
}

/** `first && second` as a two-line RUN body in the file's style (lines without the instruction's indentation). */
export function continuedAnd(model: DockerfileModel, first: string, second: string): string[] {
  const { indent, leadingOperator } = continuationStyle(model);
  return leadingOperator
    ? [`${first} ${model.escapeChar}`, `${indent}&& ${second}`]
    : [`${first} && ${model.escapeChar}`, `${indent}${second}`];
}
