// Whole-line edits for the structural fixes: insert, delete and move instructions the way a
// person would, keeping the file's indentation, line ending and the comments above an instruction.
import type { DockerfileModel, Instr } from '../../dockerfile/model';
import type { Position, Range, TextEdit } from '../../types';

/** The first line of the instruction with the comment lines directly above it (they belong to it). */
export function leadingLine(model: DockerfileModel, instr: Instr): number {
  let line = instr.range.start.line;
  while (line > 0 && /^\s*#/.test(model.lines[line - 1]) && !model.directives.some((d) => d.range.start.line === line - 1)) line--;
  return line;
}

/** Inserts lines above the instruction (and above its comments), indented like it. */
export function insertLinesBefore(model: DockerfileModel, instr: Instr, lines: readonly string[]): TextEdit {
  const line = leadingLine(model, instr);
  const indent = model.indentOf(instr.range.start.line);
  const at: Position = { line, character: 0 };
  return { range: { start: at, end: at }, newText: lines.map((l) => indent + l + model.eol).join('') };
}

/** Inserts lines after the instruction's last line, indented like it. */
export function insertLinesAfter(model: DockerfileModel, instr: Instr, lines: readonly string[]): TextEdit {
  const indent = model.indentOf(instr.range.start.line);
  const end = lineEnd(model, instr.range.end.line);
  return { range: { start: end, end }, newText: lines.map((l) => model.eol + (l ? indent + l : '')).join('') };
}

/** The range of whole lines, with their line break, so that deleting it leaves no blank line. */
export function wholeLines(model: DockerfileModel, first: number, last: number): Range {
  if (last + 1 < model.lines.length) return { start: { line: first, character: 0 }, end: { line: last + 1, character: 0 } };
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
