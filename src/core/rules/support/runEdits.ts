// Text edits inside RUN instructions that keep the author's layout: the file's continuation
// indentation, `&& \` line style, comments, and the RUN's flags.
import type { DockerfileModel, Instr } from '../../dockerfile/model';
import { rootImage } from './baseImage';
import { continuationStyle } from './lineEdits';
import type { ShellScript, ShellWord } from '../../shell/script';
import type { Position, TextEdit } from '../../types';

/** Position order: a at or after b. */
export const atOrAfter = (a: Position, b: Position) =>
  a.line > b.line || (a.line === b.line && a.character >= b.character);

/** Where the RUN's text really ends: before trailing blanks. */
export function contentEnd(model: DockerfileModel, instr: Instr): Position {
  const end = model.offsetAt(instr.range.end);
  const start = model.offsetAt(instr.argsStart);
  let at = end;
  while (at > start && /\s/.test(model.text[at - 1])) at--;
  return model.positionAt(at);
}

/** The indentation of a new continuation line of this instruction. */
export function continuationLineIndent(model: DockerfileModel, instr: Instr): string {
  return model.indentOf(instr.range.start.line) + continuationStyle(model).indent;
}

/** Inserts ` text` right after a word: `install` → `install --no-install-recommends`. */
export function insertAfterWord(word: ShellWord, text: string): TextEdit {
  return { range: { start: word.range.end, end: word.range.end }, newText: ` ${text}` };
}

/** Removes a word with the blanks before it. */
export function removeWord(model: DockerfileModel, word: ShellWord): TextEdit {
  let start = model.offsetAt(word.range.start);
  while (start > 0 && (model.text[start - 1] === ' ' || model.text[start - 1] === '\t')) start--;
  return { range: { start: model.positionAt(start), end: word.range.end }, newText: '' };
}

/** The shell text ends in a `# comment`: anything appended to its line would be commented out. */
export function endsInComment(shellText: string): boolean {
  const last = shellText.trimEnd().split('\n').pop() ?? '';
  let quote = '';
  for (let i = 0; i < last.length; i++) {
    const c = last[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '\\') i++;
    else if (c === '#' && (i === 0 || /\s/.test(last[i - 1]))) return true;
  }
  return false;
}

/**
 * Appends `&& command` to the RUN's shell command, on a new continuation line when the RUN
 * already spans lines (in its `&& \` or leading `&&` style). Undefined for heredocs, and for
 * commands that end in `&` or a comment (there is no safe place to chain).
 */
export function appendCommand(
  model: DockerfileModel,
  instr: Instr,
  script: ShellScript,
  command: string,
): TextEdit | undefined {
  if (script.heredoc || /^\s*<</.test(instr.argsText) || endsInComment(script.text)) return undefined;
  const end = contentEnd(model, instr);
  const endOffset = model.offsetAt(end);
  const last = model.text[endOffset - 1];
  if (last === '&' && model.text[endOffset - 2] !== '&') return undefined;
  if (last === '|' || (last === '&' && model.text[endOffset - 2] === '&')) return undefined;
  // `a;` cannot be followed by `&&`: the `;` gives way
  const start = last === ';' ? model.positionAt(endOffset - 1) : end;
  if (end.line === instr.range.start.line) return { range: { start, end }, newText: ` && ${command}` };
  const lastLine = model.lines[end.line];
  const indent = model.indentOf(end.line) || continuationLineIndent(model, instr);
  const escape = model.escapeChar;
  const text = /^\s*(&&|\|\|)/.test(lastLine)
    ? ` ${escape}${model.eol}${indent}&& ${command}`
    : ` && ${escape}${model.eol}${indent}${command}`;
  return { range: { start, end }, newText: text };
}

/** A RUN of a Windows image runs cmd or PowerShell, with Windows paths: POSIX shell advice does not apply. */
export function runsOnWindows(model: DockerfileModel, instr: Instr): boolean {
  const stage = model.stages[instr.stage];
  const ref = stage && rootImage(model, stage);
  return !!ref && /windows|nanoserver|servercore/i.test(`${ref.path}:${ref.tag ?? ''}`);
}
