// The shell that runs a RUN's shell form: `/bin/sh -c`, unless a SHELL instruction before it in
// its stage, or in a stage it builds on, chose another. The rules read RUNs as POSIX shell: under
// PowerShell or cmd they must stay silent and their fixes (`&&`, `rm -rf`) would break the RUN.
import type { DockerfileModel, Instr, Stage } from './model';

/** Shells that read the text as POSIX shell does, by the program's name. */
const POSIX = /^(sh|bash|ash|dash|zsh|ksh|mksh|busybox)$/;

/** The SHELL's program list, or undefined when it is not a JSON array of strings. */
function shellWords(shell: Instr): string[] | undefined {
  try {
    const words: unknown = JSON.parse(shell.argsText.replace(/[\\`][ \t]*\r?\n/g, ''));
    return Array.isArray(words) && words.every((w) => typeof w === 'string') ? words : undefined;
  } catch {
    return undefined;
  }
}

function isPosix(shell: Instr): boolean {
  const words = shellWords(shell);
  if (!words?.length) return false;
  const name = (w: string) => w.slice(Math.max(w.lastIndexOf('/'), w.lastIndexOf('\\')) + 1).replace(/\.exe$/i, '');
  const program = name(words[0]) === 'env' ? words.slice(1).find((w) => !w.startsWith('-')) : words[0];
  return !!program && POSIX.test(name(program).toLowerCase());
}

/** Whether the shell in force at the end of the stage is POSIX (for the stages built on it). */
const atEnd = new WeakMap<Stage, boolean>();

function posixAtEnd(model: DockerfileModel, stage: Stage): boolean {
  const chain: Stage[] = [];
  const seen = new Set<Stage>();
  let answer: boolean | undefined;
  for (let s: Stage | undefined = stage; answer === undefined;) {
    if (!s || seen.has(s)) answer = true;
    else if ((answer = atEnd.get(s)) === undefined) {
      const last = lastShell(s, Infinity);
      if (last) answer = isPosix(last);
      else {
        chain.push(s);
        seen.add(s);
        s = s.baseStage === undefined ? undefined : model.stages[s.baseStage];
      }
    }
  }
  for (const s of chain) atEnd.set(s, answer);
  return answer;
}

const shells = new WeakMap<Stage, Instr[]>();

/** The stage's last SHELL before the index. */
function lastShell(stage: Stage, before: number): Instr | undefined {
  let list = shells.get(stage);
  if (!list) shells.set(stage, (list = stage.instructions.filter((i) => i.keyword === 'SHELL')));
  for (let k = list.length - 1; k >= 0; k--) if (list[k].index < before) return list[k];
  return undefined;
}

/** Whether the RUN's shell form runs under a POSIX shell: the default one, or a SHELL naming one. */
export function runsUnderPosixShell(model: DockerfileModel, instr: Instr): boolean {
  const stage = model.stages[instr.stage];
  if (!stage) return true;
  const shell = lastShell(stage, instr.index);
  if (shell) return isPosix(shell);
  return stage.baseStage === undefined || posixAtEnd(model, model.stages[stage.baseStage]);
}
