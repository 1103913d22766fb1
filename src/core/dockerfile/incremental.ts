// The model of a text after an edit, built from the model before it (issue 16: the editor
// re-linted every keystroke from nothing, 1.65 MB allocated each, half of it dockerfile-ast's
// parse and the model). The design:
//  - The edit is found by comparing the two texts (common prefix and suffix), so callers pass
//    only the new text, as the editor hands it over.
//  - Only the instructions the edit touches are parsed again, with one unchanged instruction on
//    either side: dockerfile-ast over that stretch of lines alone, put at its own lines by blank
//    lines before it (and the file's escape directive), so that every position it gives is a
//    document position. What precedes the stretch parses as before, since a Dockerfile parses
//    top-down; what follows does when the stretch ends with the same instruction as before, at
//    the same place: otherwise (a heredoc or continuation now runs past it) the stretch goes on
//    to the end of the text.
//  - An instruction outside the edit that stays at the same lines and columns is kept as the
//    same object, with what was worked out on it (memoOn: its shell script, exec form,
//    prefilters). Its positions are still right, so findings computed from it are too. When the
//    edit adds or removes lines, everything after it moves: the stretch then goes on to the end
//    of the text, and those instructions are read anew (their shell shapes are still cached by
//    text, tree.ts).
//  - An edit in the lines before the first instruction (parser directives, the escape character)
//    or a text with lone \r line breaks is parsed whole.
// The whole-file parts (stages, names, lines) are rebuilt from the instructions, which is cheap;
// the rules then run over the new model as over any other.
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { lineStarts, offsetAt } from '../text';
import { commentLine, DockerfileModel, type CommentLine, type Instr } from './model';

/** The model of `text`, reusing what `previous` parsed wherever the edit from its text left it. */
export function updateModel(previous: DockerfileModel, text: string): DockerfileModel {
  if (text === previous.text) return previous;
  return reparse(previous, text) ?? new DockerfileModel(text);
}

function reparse(previous: DockerfileModel, text: string): DockerfileModel | undefined {
  const old = previous.instructions;
  if (!old.length || LONE_CR.test(text)) return undefined;
  const before = previous.text;
  // the edit: [start, oldEnd) of the old text became [start, newEnd) of the new one
  const start = commonPrefix(before, text);
  const suffix = commonSuffix(before, text, start);
  const oldEnd = before.length - suffix;
  const newEnd = text.length - suffix;
  const startOf = (i: Instr) => previous.offsetAt(i.range.start);
  const endOf = (i: Instr) => previous.offsetAt(i.range.end);
  if (start <= startOf(old[0])) return undefined; // the lines above the first instruction
  // the first instruction the edit may touch, less one; the first one after the edit
  let first = old.findIndex((i) => endOf(i) >= start);
  if (first < 0) first = old.length - 1;
  first = Math.max(0, first - 1);
  const after = old.findIndex((i) => startOf(i) > oldEnd);
  const starts = lineStarts(text);
  const shift = newEnd - oldEnd;
  const linesMoved = countLines(text, start, newEnd) !== countLines(before, start, oldEnd);
  const firstLine = old[first].range.start.line;
  const regionStart = starts[firstLine];
  const closing = after >= 0 && !linesMoved ? old[after] : undefined;
  let parsed = closing && parseLines(previous.escapeChar, text, firstLine, regionStart, lineEnd(text, starts, closing));
  const closesAsBefore =
    parsed &&
    parsed.nodes.length > 0 &&
    sameRange(parsed.nodes[parsed.nodes.length - 1], text, starts, startOf(closing!) + shift, endOf(closing!) + shift);
  if (!closesAsBefore) parsed = parseLines(previous.escapeChar, text, firstLine, regionStart, text.length);
  const kept = closesAsBefore ? old.slice(after + 1) : [];
  const lastLine = closesAsBefore ? closing!.range.end.line : Infinity;
  // an instruction parsed again with its text unchanged, at the same lines and columns: the old one.
  // Found by its start in a binary search (the instructions are in document order), with nothing
  // built for it on each keystroke: a stretch that runs to the end of a long file meets every one.
  const oldAt = (from: number, to: number) => {
    let lo = 0;
    let hi = old.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = startOf(old[mid]);
      if (at === from) return endOf(old[mid]) === to ? old[mid] : undefined;
      if (at < from) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  };
  const reused = parsed!.nodes.map((node) => {
    const range = node.getRange();
    const from = offsetAt(text, starts, range.start);
    const to = offsetAt(text, starts, range.end);
    const same = to <= start ? oldAt(from, to) : from >= newEnd ? oldAt(from - shift, to - shift) : undefined;
    return same && positionsEqual(same.range, range) ? same : node;
  });
  const comments: CommentLine[] = [
    ...previous.comments.filter((c) => c.range.start.line < firstLine),
    ...parsed!.comments,
    ...previous.comments.filter((c) => c.range.start.line > lastLine),
  ];
  return new DockerfileModel(text, {
    escapeChar: previous.escapeChar,
    directives: previous.directives,
    comments,
    instructions: [...old.slice(0, first), ...reused, ...kept],
    lines: editedLines(previous, text, starts, start, oldEnd),
    lineStarts: starts,
  });
}

/** The new text's lines: the previous model's strings for the lines the edit did not reach. */
function editedLines(
  previous: DockerfileModel,
  text: string,
  starts: readonly number[],
  start: number,
  oldEnd: number,
) {
  const firstLine = previous.positionAt(start).line;
  const lastLine = previous.positionAt(oldEnd).line;
  const after = lastLine + 1 + starts.length - previous.lines.length; // the line after the edit, in the new text
  const edited = text.slice(starts[firstLine], after < starts.length ? starts[after] : text.length).split(/\r?\n/);
  if (after < starts.length) edited.pop(); // the empty piece after the last line break
  return previous.lines.slice(0, firstLine).concat(edited, previous.lines.slice(lastLine + 1));
}

/** A line break that is a \r alone: dockerfile-ast and the line arithmetic here may count lines differently. */
const LONE_CR = /\r(?!\n)/;

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** The common suffix's length, not reaching back over `prefix` in either text. */
function commonSuffix(a: string, b: string, prefix: number): number {
  const n = Math.min(a.length, b.length) - prefix;
  let i = 0;
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The offset where the line holding the instruction's end ends, in the new text (the lines did not move). */
function lineEnd(text: string, starts: readonly number[], instr: Instr): number {
  const next = starts[instr.range.end.line + 1];
  return next === undefined ? text.length : next;
}

function sameRange(node: Instruction, text: string, starts: readonly number[], from: number, to: number): boolean {
  const { start, end } = node.getRange();
  return offsetAt(text, starts, start) === from && offsetAt(text, starts, end) === to;
}

function positionsEqual(a: Instr['range'], b: Instr['range']): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/**
 * dockerfile-ast over the lines from `firstLine` (at offset `from`) to offset `to`, placed at their
 * own line numbers: blank lines before them, the first one holding the escape directive when the
 * file has one (it sits above every instruction, so firstLine is past it).
 */
function parseLines(escapeChar: string, text: string, firstLine: number, from: number, to: number) {
  const above = escapeChar === '\\' ? '\n'.repeat(firstLine) : `# escape=${escapeChar}${'\n'.repeat(firstLine)}`;
  const ast = DockerfileParser.parse(above + text.slice(from, to));
  return {
    nodes: ast.getInstructions(),
    comments: ast
      .getComments()
      .filter((c) => c.getRange().start.line >= firstLine)
      .map(commentLine),
  };
}
