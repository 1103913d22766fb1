// Finds package-manager invocations in a parsed RUN, for the rules that judge them.
import type { ShellScript, ShellWord, SimpleCommand } from '../../dockerfile/shell';

export interface Invocation {
  command: SimpleCommand;
  /** The subcommand word, e.g. `install`. */
  subcommand: ShellWord;
  /** Literal option words (those starting with `-`) anywhere after the program name. */
  options: string[];
}

/** Program words that wrap another command: `sudo apt-get`, `env X=1 apt-get`. */
const WRAPPERS = new Set(['sudo', 'env', 'nice', 'time', 'command', 'exec', 'xargs']);

/** The index of the real program word, skipping wrappers and their assignments. */
export function programIndex(command: SimpleCommand): number {
  let i = 0;
  while (i < command.words.length) {
    const v = command.words[i].value ?? '';
    if (WRAPPERS.has(v) || (i > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) || (i > 0 && WRAPPERS.has(command.words[0].value ?? '') && v.startsWith('-'))) i++;
    else break;
  }
  return i;
}

/** Invocations of `program <subcommand>`, e.g. `apt-get install`. */
export function invocations(script: ShellScript, programs: readonly string[], subcommands: readonly string[]): Invocation[] {
  const out: Invocation[] = [];
  for (const command of script.commands) {
    const p = programIndex(command);
    const program = command.words[p]?.value ?? '';
    if (!programs.includes(program.slice(program.lastIndexOf('/') + 1))) continue;
    const rest = command.words.slice(p + 1);
    const subcommand = rest.find((w) => w.value !== undefined && !w.value.startsWith('-'));
    if (!subcommand || !subcommands.includes(subcommand.value!)) continue;
    out.push({ command, subcommand, options: rest.filter((w) => w.value?.startsWith('-')).map((w) => w.value!) });
  }
  return out;
}

export const aptInstalls = (script: ShellScript) => invocations(script, ['apt-get'], ['install']);
