// Shell-form commands of CMD and ENTRYPOINT, read by the shell parser just far enough to know
// whether they are plain words (then the JSON form means exactly the same) or need a shell.
import type { DockerfileModel, Instr } from '../dockerfile/model';
import { shapeOf, type ShapeCall } from './tree';

/** The command as `/bin/sh -c` receives it: continuations joined, comment lines dropped. */
export function shellFormCommand(model: DockerfileModel, instr: Instr): string {
  const escape = model.escapeChar === '`' ? '`' : '\\\\';
  const lines = instr.argsText.split(/\r?\n/);
  const kept = lines.filter((line, i) => i === 0 || !/^[ \t]*(#|$)/.test(line));
  return (
    kept
      .join('\n')
      .replace(new RegExp(`${escape}[ \\t]*\\n`, 'g'), '')
      // an escape that ends the file continues nothing
      .replace(new RegExp(`(^|[^${escape}])${escape}[ \\t]*$`), '$1')
      .trim()
  );
}

/**
 * The command's one simple command, as the shell parser reads the text: undefined unless the text
 * is a single statement that is a simple command from its first character (no `!`, `time`, block
 * or subshell around it), with no variable assignment before it, no redirection, not in the
 * background, and no command in a `$(…)` or backticks. Its literal words carry their parts.
 */
export function soleCommand(command: string): ShapeCall | undefined {
  const shape = shapeOf(command.trim(), true);
  if (!shape || shape.calls.length !== 1 || !shape.andChain || shape.background) return undefined;
  const [call] = shape.calls;
  if (
    call.start !== 0 ||
    !call.words.length ||
    call.assigns.length ||
    call.redirected ||
    call.inSubshell ||
    call.conditional
  )
    return undefined;
  return call;
}

/** What the shell may still expand in a literal the parser delimited: globs, braces, `$`, escapes (and operators, defensively). */
const UNQUOTED_SPECIAL = /[|&;<>()$`\\*?[\]{}]/;
/** What double quotes leave to the shell. */
const DOUBLE_QUOTED_SPECIAL = /[$`\\]/;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * The words of a command that is nothing but plain words (quotes allowed), or undefined when
 * it uses anything a shell would interpret: expansions, operators, globs, redirections, comments.
 * The shell parser splits the words and operators; only the literal pieces it delimited are
 * looked into, for what a shell expands inside a literal.
 */
export function plainWords(command: string): string[] | undefined {
  const text = command.trim();
  const call = soleCommand(text);
  // anything after the command (a comment, a `;`) is more than plain words
  if (!call || call.end !== Buffer.byteLength(text)) return undefined;
  const words: string[] = [];
  for (const word of call.words) {
    const parts = word.parts;
    if (
      !parts?.length ||
      parts.some(
        (p) =>
          (p.quote === '' && UNQUOTED_SPECIAL.test(p.text)) || (p.quote === '"' && DOUBLE_QUOTED_SPECIAL.test(p.text)),
      )
    )
      return undefined;
    // `~` expands to a home directory at the start of a word
    if (parts[0].quote === '' && parts[0].text.startsWith('~')) return undefined;
    words.push(word.value!);
  }
  // As ever, a first word `!` or `A=b` is refused, even quoted (when the shell would not read it as syntax).
  if (words[0] === '!' || ASSIGNMENT.test(words[0])) return undefined;
  return words;
}
