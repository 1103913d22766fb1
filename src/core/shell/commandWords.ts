// Shell-form commands of CMD and ENTRYPOINT, read just far enough to know whether they are
// plain words (then the JSON form means exactly the same) or need a shell.
import type { DockerfileModel, Instr } from '../dockerfile/model';

/** The command as `/bin/sh -c` receives it: continuations joined, comment lines dropped. */
export function shellFormCommand(model: DockerfileModel, instr: Instr): string {
  const escape = model.escapeChar === '`' ? '`' : '\\\\';
  const lines = instr.argsText.split(/\r?\n/);
  const kept = lines.filter((line, i) => i === 0 || !/^[ \t]*(#|$)/.test(line));
  return kept.join('\n').replace(new RegExp(`${escape}[ \\t]*\\n`, 'g'), '').trim();
}

/** Characters that mean something to the shell outside quotes. */
const SPECIAL = /[|&;<>()$`\\*?[\]{}]/;

/**
 * The words of a command that is nothing but plain words (quotes allowed), or undefined when
 * it uses anything a shell would interpret: expansions, operators, globs, redirections, comments.
 */
export function plainWords(command: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      if (word !== undefined) words.push(word);
      word = undefined;
      continue;
    }
    if (c === "'" || c === '"') {
      const close = command.indexOf(c, i + 1);
      if (close < 0) return undefined;
      const inner = command.slice(i + 1, close);
      if (c === '"' && /[$`\\]/.test(inner)) return undefined;
      word = (word ?? '') + inner;
      i = close;
      continue;
    }
    if (SPECIAL.test(c)) return undefined;
    // `#` starts a comment and `~` a home directory only at the start of a word.
    if (word === undefined && (c === '#' || c === '~')) return undefined;
    word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  // `A=b cmd` sets a variable and `! cmd` negates: both are shell syntax.
  if (!words.length || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]) || words[0] === '!') return undefined;
  return words;
}

/** True when the command is one command, maybe with expansions, but no operators joining several. */
export function singleCommand(command: string): boolean {
  let quote = '';
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '\\') i++;
    else if (/[|&;<>()`\n]/.test(c)) return false;
  }
  return !quote;
}
