// The program a shell command really runs: wrappers (`sudo -E env X=1 …`, `xargs`, `timeout 60`)
// and their options passed over, aliases made canonical (pip3 → pip, `python -m pip` → pip).
import type { DockerfileModel, Instr } from '../dockerfile/model';
import { mayRunProgram } from './prefilter';
import { runScript, type SimpleCommand } from './script';

/** Program words that wrap another command, with their options that take a value. */
const WRAPPERS: Record<string, readonly string[]> = {
  sudo: [
    '-u',
    '--user',
    '-g',
    '--group',
    '-C',
    '--close-from',
    '-D',
    '--chdir',
    '-h',
    '--host',
    '-p',
    '--prompt',
    '-r',
    '--role',
    '-t',
    '--type',
    '-U',
    '--other-user',
    '-T',
    '--command-timeout',
  ],
  env: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string'],
  nice: ['-n', '--adjustment'],
  time: ['-f', '--format', '-o', '--output'],
  command: [],
  exec: ['-a'],
  xargs: [
    '-a',
    '--arg-file',
    '-d',
    '--delimiter',
    '-E',
    '-e',
    '-I',
    '-i',
    '-L',
    '-l',
    '-n',
    '--max-args',
    '-P',
    '--max-procs',
    '-s',
    '--max-chars',
  ],
  nohup: [],
  eatmydata: [],
  stdbuf: ['-i', '-o', '-e'],
  timeout: ['-k', '--kill-after', '-s', '--signal'],
};
/** Wrappers that take one positional word before the command: `timeout 60 cmd`. */
const WRAPPER_POSITIONALS: Record<string, number> = { timeout: 1 };

export interface Wrapper {
  name: string;
  /** Index of the wrapper's word. */
  index: number;
  /** Index of the first word after the wrapper and its options. */
  next: number;
}

export interface ResolvedProgram {
  /** Index of the real program word, after wrappers, their options and `NAME=value` words of env. */
  index: number;
  wrappers: Wrapper[];
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Finds the real program of a command: `sudo -E env X=1 apt-get …` is apt-get. */
export function resolveProgram(command: SimpleCommand): ResolvedProgram {
  const words = command.words;
  const wrappers: Wrapper[] = [];
  let i = 0;
  while (i < words.length) {
    const name = baseName(words[i].value ?? '');
    const valued = WRAPPERS[name];
    if (!valued) break;
    // `command -v apt-get` asks where a program is; it does not run it.
    if (name === 'command' && /^-[vV]$/.test(words[i + 1]?.value ?? '')) break;
    const start = i++;
    let positionals = WRAPPER_POSITIONALS[name] ?? 0;
    while (i < words.length) {
      const v = words[i].value;
      if (v === undefined) break;
      if (v === '--') {
        i++;
        break;
      }
      if (v.startsWith('-') && v.length > 1) i += valued.includes(v) ? 2 : 1;
      else if (name === 'env' && ASSIGNMENT.test(v)) i++;
      else if (positionals > 0) {
        positionals--;
        i++;
      } else break;
    }
    wrappers.push({ name, index: start, next: i });
  }
  return { index: i, wrappers };
}

function baseName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** Program aliases: pip3, pip3.12 → pip; gradlew → gradle. */
function canonical(program: string): string {
  if (/^pip[0-9.]*$/.test(program)) return 'pip';
  if (program === 'gradlew') return 'gradle';
  if (program === 'mvnw') return 'mvn';
  return program;
}

/** The program a command runs, with `python -m pip` read as pip; undefined when the name is an expansion. */
export function commandProgram(command: SimpleCommand): { program: string; wordIndex: number } | undefined {
  const p = resolveProgram(command).index;
  const word = command.words[p];
  if (word?.value === undefined) return undefined;
  const name = baseName(word.value);
  if (/^python[0-9.]*$/.test(name)) {
    // python [-u …] -m pip …
    for (let i = p + 1; i < command.words.length; i++) {
      const v = command.words[i].value ?? '';
      if (v === '-m')
        return command.words[i + 1]?.value === 'pip'
          ? { program: 'pip', wordIndex: i + 1 }
          : { program: name, wordIndex: p };
      if (!v.startsWith('-')) break;
    }
    return { program: name, wordIndex: p };
  }
  return { program: canonical(name), wordIndex: p };
}

/**
 * Whether one of the instructions is a RUN with a command whose program (canonical, through
 * wrappers) is one of `programs`, in a way `accept` takes. Only RUNs that may name one are parsed.
 */
export function runsProgram(
  model: DockerfileModel,
  instrs: readonly Instr[],
  programs: readonly string[],
  accept: (command: SimpleCommand) => boolean = () => true,
): boolean {
  return instrs.some(
    (i) =>
      mayRunProgram(i, programs) &&
      (runScript(model, i)?.commands ?? []).some(
        (c) => programs.includes(commandProgram(c)?.program ?? '') && accept(c),
      ),
  );
}
