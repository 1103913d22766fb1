// Text edits inside RUN instructions that keep the author's layout: the file's continuation
// indentation, `&& \` line style, comments, and the RUN's flags.
import type { Heredoc, Run } from 'dockerfile-ast';
import type { DockerfileModel, Instr } from '../../dockerfile/model';
import { instructionsOf, lastBefore } from '../../dockerfile/stageLayout';
import { inherited, rootImage, userAt } from './baseImage';
import { resolveProgram } from '../../shell/programs';
import { execForm, isPosixShell } from '../../shell/execForm';
import { continuationStyle, trailingEscapes } from './lineEdits';
import type { ShellScript, ShellWord, SimpleCommand } from '../../shell/script';
import type { Position, TextEdit } from '../../types';
import { memoOn } from '../../memo';

/** Position order: a at or after b. */
export const atOrAfter = (a: Position, b: Position) =>
  a.line > b.line || (a.line === b.line && a.character >= b.character);

/** Where the RUN's text really ends: before trailing blanks, and before escapes that continue nothing. */
export function contentEnd(model: DockerfileModel, instr: Instr): Position {
  const tail = trailingEscapes(model, instr);
  if (tail) return tail.start;
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
 * The words of the SHELL in force for an instruction (the last SHELL before it in its stage or
 * the stages it builds on, `before` instead of its index when given); [] for a SHELL that is not
 * a JSON array, undefined when there is none.
 */
export function shellAt(model: DockerfileModel, instr: Instr, before = instr.index): readonly string[] | undefined {
  const stage = model.stages[instr.stage];
  if (!stage) return undefined;
  const shell = lastBefore(instructionsOf(stage, 'SHELL'), before) ?? inherited(model, stage, 'SHELL');
  return shell && shellWords(shell);
}

const SHELL_WORDS = Symbol('dockwright.shellWords');

/** A SHELL's words, [] when they are no JSON array of strings: the SHELL alone decides them, so they are kept on it. */
function shellWords(shell: Instr): readonly string[] {
  return memoOn(shell, SHELL_WORDS, () => {
    const text = shell.argsText.replace(/[\\`][ \t]*\r?\n/g, ' ');
    try {
      const words: unknown = JSON.parse(text);
      return Array.isArray(words) && words.every((w) => typeof w === 'string') ? words : [];
    } catch {
      return [];
    }
  });
}

/**
 * Shell form runs a POSIX shell there: `/bin/sh -c` of a Linux image, or a SHELL naming sh, bash,
 * ash, dash … (through env or busybox too). Not cmd (a Windows image's default), PowerShell, or
 * anything else: fixes that write `&&`, `set -e` or `$(…)` must not be offered under them.
 */
export function runsPosixShell(model: DockerfileModel, instr: Instr, before = instr.index): boolean {
  // an exec-form RUN runs what it names, whatever the SHELL: a POSIX shell's -c script, or no shell
  const exec = execForm(model, instr);
  if (exec) return exec.script !== undefined;
  const shell = shellAt(model, instr, before);
  if (!shell) return !runsOnWindows(model, instr);
  let words = shell.map((w) =>
    w
      .replace(/^.*[\\/]/, '')
      .replace(/\.exe$/i, '')
      .toLowerCase(),
  );
  while (words.length > 1 && (words[0] === 'env' || words[0] === 'busybox')) words = words.slice(1);
  return words.length > 0 && isPosixShell(words[0]);
}

/**
 * Appends `&& command` to the RUN's shell command, on a new continuation line when the RUN
 * already spans lines (in its `&& \` or leading `&&` style). In a RUN whose command line feeds
 * heredocs, on that line, before their bodies; in a `RUN <<EOF` script, as the script's last line
 * (see appendToHeredocScript). Undefined for commands that end in `&` or a comment (there is no
 * safe place to chain), and under a shell that is not POSIX (PowerShell 5.1 rejects `&&`).
 */
export function appendCommand(
  model: DockerfileModel,
  instr: Instr,
  script: ShellScript,
  command: string,
): TextEdit | undefined {
  if (!runsPosixShell(model, instr)) return undefined;
  const heredocs = heredocsOf(instr);
  if (script.heredoc || /^\s*<</.test(instr.argsText)) return appendToHeredocScript(model, instr, script, command);
  const end = heredocs.length ? commandLineEnd(model, heredocs[0]) : contentEnd(model, instr);
  if (!end || endsInComment(model.textOf({ start: instr.argsStart, end }))) return undefined;
  // escapes at the end that continue nothing go, or they would continue into what follows
  const tail = heredocs.length ? undefined : trailingEscapes(model, instr);
  const replaced = { end: tail?.end ?? end, after: tail?.text ?? '' };
  const endOffset = model.offsetAt(end);
  const last = model.text[endOffset - 1];
  if (last === '&' && model.text[endOffset - 2] !== '&') return undefined;
  if (last === '|' || (last === '&' && model.text[endOffset - 2] === '&')) return undefined;
  // `a;` cannot be followed by `&&`: the `;` gives way
  const start = last === ';' ? model.positionAt(endOffset - 1) : end;
  const range = { start, end: replaced.end };
  if (end.line === instr.range.start.line) return { range, newText: ` && ${command}${replaced.after}` };
  const lastLine = model.lines[end.line];
  const indent = model.indentOf(end.line) || continuationLineIndent(model, instr);
  const escape = model.escapeChar;
  const text = /^\s*(&&|\|\|)/.test(lastLine)
    ? ` ${escape}${model.eol}${indent}&& ${command}`
    : ` && ${escape}${model.eol}${indent}${command}`;
  return { range, newText: text + replaced.after };
}

function heredocsOf(instr: Instr): Heredoc[] {
  return instr.argsText.includes('<<') ? ((instr.node as Run).getHeredocs?.() ?? []) : [];
}

/**
 * The end of a RUN's command line when heredoc bodies follow it: BuildKit reads the bodies after
 * the whole (continued) line, so the line before the first body, or before its terminator when it
 * is empty, ends the command.
 */
function commandLineEnd(model: DockerfileModel, first: Heredoc): Position | undefined {
  const next = first.getContentRange() ?? first.getDelimiterRange();
  if (!next || next.start.line === 0) return undefined;
  const line = next.start.line - 1;
  return { line, character: model.lines[line].trimEnd().length };
}

/**
 * Adds the command as the last line of a `RUN <<EOF` script, before its terminator. Only where
 * that keeps the RUN failing as it did: the script stops at the first failure (`set -e`), so the
 * command runs only when everything before it passed; without it the RUN's status would become
 * the new command's, and a failed install would pass. Only for one heredoc run by the RUN's shell
 * or fed to a POSIX shell (`RUN <<EOF bash`), never one fed to another program.
 */
function appendToHeredocScript(
  model: DockerfileModel,
  instr: Instr,
  script: ShellScript,
  command: string,
): TextEdit | undefined {
  const heredocs = heredocsOf(instr);
  if (!script.heredoc || heredocs.length !== 1) return undefined;
  const doc = heredocs[0];
  const content = doc.getContentRange();
  const terminator = doc.getDelimiterRange();
  if (!content || !terminator) return undefined;
  const opener = doc.getStartRange().end;
  const reader = model.lines[opener.line].slice(opener.character).trim().split(/\s+/).filter(Boolean);
  if (reader.length > 1 || (reader.length === 1 && !isPosixShell(reader[0]))) return undefined;
  const body = model.textOf(content).split(/\r?\n/);
  const bang = shebang(body[0]);
  if (bang && !isPosixShell(bang.program)) return undefined;
  if (!exitsOnError(script, bang?.options ?? [])) return undefined;
  const lastLine = [...body].reverse().find((l) => l.trim()) ?? '';
  // a continued last line would take the command in
  if (/\\\s*$/.test(lastLine)) return undefined;
  const at: Position = { line: terminator.start.line, character: 0 };
  return { range: { start: at, end: at }, newText: `${/^[ \t]*/.exec(lastLine)![0]}${command}${model.eol}` };
}

/** The interpreter a script's `#!` line names, and its options: `#!/bin/sh -e`, `#!/usr/bin/env bash`. */
function shebang(line: string): { program: string; options: string[] } | undefined {
  const m = /^#!\s*(\S.*)$/.exec(line);
  if (!m) return undefined;
  let words = m[1].trim().split(/\s+/);
  if (/(^|\/)env$/.test(words[0]) && words.length > 1) words = words.slice(1);
  return { program: words[0], options: words.slice(1) };
}

/** errexit is on at the end of the script: from the shebang's options and the top-level `set`s, in order. */
function exitsOnError(script: ShellScript, shebangOptions: string[]): boolean {
  let on = false;
  const apply = (words: string[]) => {
    for (let i = 0; i < words.length; i++) {
      const m = /^([-+])([a-zA-Z]+)$/.exec(words[i]);
      if (!m) continue;
      if (m[2].includes('e')) on = m[1] === '-';
      if (m[2].endsWith('o') && words[i + 1] === 'errexit') on = m[1] === '-';
    }
  };
  apply(shebangOptions);
  for (const c of script.commands)
    if (c.name === 'set' && !c.conditional && !c.inSubshell) apply(c.words.slice(1).map((w) => w.value ?? ''));
  return on;
}

/**
 * How a command added after `command` runs as root: '' when the RUN already runs as root, `sudo `
 * when it runs as another user and `command` itself gets root with sudo; undefined otherwise.
 */
export function asRoot(model: DockerfileModel, instr: Instr, command: SimpleCommand): string | undefined {
  if (userAt(model, instr).root) return '';
  return withSudo(command) ? 'sudo ' : undefined;
}

/** The command runs under sudo as root (not `sudo -u someone`). */
export function withSudo(command: SimpleCommand): boolean {
  return resolveProgram(command).wrappers.some((w) => {
    if (w.name !== 'sudo') return false;
    const options = command.words.slice(w.index + 1, w.next).map((word) => word.value ?? '');
    const at = options.findIndex((o) => /^(-u|--user)(=?.)?/.test(o));
    if (at < 0) return true;
    const user = /^(-u|--user)$/.test(options[at]) ? options[at + 1] : options[at].replace(/^(-u|--user=)/, '');
    return /^(root|#?0)$/.test(user ?? '');
  });
}

/** A RUN of a Windows image runs cmd or PowerShell, with Windows paths: POSIX shell advice does not apply. */
export function runsOnWindows(model: DockerfileModel, instr: Instr): boolean {
  const stage = model.stages[instr.stage];
  const ref = stage && rootImage(model, stage);
  return !!ref && /windows|nanoserver|servercore/i.test(`${ref.path}:${ref.tag ?? ''}`);
}
