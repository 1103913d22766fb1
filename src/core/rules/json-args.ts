import type { DockerfileModel, Instr, Stage } from '../dockerfile/model';
import type { Rule } from '../rule';
import type { Finding, Fix } from '../types';
import { plainWords, shellFormCommand, soleCommand } from '../shell/commandWords';
import { runsOnWindows } from './support/runEdits';
import { replaceArguments } from './support/lineEdits';

export const jsonArgs: Rule = {
  id: 'json-args',
  aliases: { hadolint: ['DL3025'], buildkit: ['JSONArgsRecommended'] },
  defaultLevel: 'warning',
  title: 'CMD or ENTRYPOINT in shell form',
  check({ dockerfile }) {
    const findings: Finding[] = [];
    for (const instr of dockerfile.instructions) {
      if ((instr.keyword !== 'CMD' && instr.keyword !== 'ENTRYPOINT') || !instr.argsText.trim()) continue;
      if (afterShellInstruction(dockerfile, instr)) continue;
      if (instr.jsonForm) {
        const broken = brokenJson(dockerfile, instr);
        if (broken) findings.push(broken);
        continue;
      }
      const command = shellFormCommand(dockerfile, instr);
      const windows = runsOnWindows(dockerfile, instr);
      const fix = windows ? windowsJson(dockerfile, instr, command) : toJson(dockerfile, instr, command);
      findings.push({
        range: instr.range,
        message: `${instr.keyword} in shell form runs under ${windows ? 'cmd /S /C' : '/bin/sh -c'}, which does not pass signals on: the process misses SIGTERM and is killed after the stop timeout. Use the JSON form.`,
        fixes: fix ? [fix] : [],
      });
    }
    return findings;
  },
};

function toJson(model: DockerfileModel, instr: Instr, command: string): Fix {
  const rewrite = (words: string[]) => [replaceArguments(model, instr, jsonArray(words))];
  let words = plainWords(command);
  // `exec` is a shell builtin: in JSON form the process is started directly anyway.
  if (words?.[0] === 'exec') words = words.length > 1 ? words.slice(1) : undefined;
  if (words) return { title: 'Rewrite as a JSON array', safe: true, edits: rewrite(words) };
  // It needs a shell: keep one, but let `exec` hand PID 1 to the command when it is a single one.
  const sole = soleCommand(command);
  const single = !!sole && sole.words[0].value !== 'exec';
  const script = single ? `exec ${command}` : command;
  return {
    title: single ? 'Rewrite as ["/bin/sh", "-c", "exec …"]' : 'Rewrite as ["/bin/sh", "-c", …]',
    safe: false,
    edits: rewrite(['/bin/sh', '-c', script]),
    note: single
      ? undefined
      : 'The shell stays PID 1 and still does not pass signals on: end the script with `exec <command>` where you can.',
  };
}

/**
 * On Windows there is no /bin/sh, and the words are read as a POSIX shell would: only commands
 * of plain words without a backslash (which that reading would take away from a path) are rewritten.
 */
function windowsJson(model: DockerfileModel, instr: Instr, command: string): Fix | undefined {
  if (command.includes('\\')) return undefined;
  const fix = toJson(model, instr, command);
  return fix.safe ? fix : undefined;
}

/**
 * `CMD ['node', 'app.js']` looks like the JSON form but is not JSON, so Docker runs it in a shell,
 * where `[node,` is the command: the container fails to start.
 */
function brokenJson(model: DockerfileModel, instr: Instr): Finding | undefined {
  // an escape at the very end continues nothing (the end of the file): it is no part of the array
  const text = instr.argsText.replace(/[\\`][ \t]*\r?\n/g, ' ').replace(/(^|[^\\`])[\\`][ \t]*$/, '$1');
  if (stringArray(text)) return undefined;
  const requoted = !text.includes('"') ? stringArray(text.replace(/'/g, '"')) : undefined;
  return {
    range: instr.range,
    message: `${instr.keyword} looks like the JSON form but is not valid JSON, so Docker runs it with /bin/sh -c as written. JSON needs double quotes.`,
    fixes: requoted
      ? [{ title: 'Rewrite as a JSON array', safe: true, edits: [replaceArguments(model, instr, jsonArray(requoted))] }]
      : [],
  };
}

function stringArray(text: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((w) => typeof w === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function jsonArray(words: string[]): string {
  return `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
}

/** An explicit SHELL earlier in the stage (or a stage it builds on) chose the shell on purpose. */
function afterShellInstruction(model: DockerfileModel, instr: Instr): boolean {
  const stage: Stage | undefined = model.stages[instr.stage];
  if (!stage) return false;
  if (firstShell(stage) < instr.index) return true;
  return stage.baseStage !== undefined && hasShell(model, model.stages[stage.baseStage]);
}

const firstShells = new WeakMap<Stage, number>();

/** The index of the stage's first SHELL (Infinity when none), read once for each stage. */
function firstShell(stage: Stage): number {
  let at = firstShells.get(stage);
  if (at === undefined) {
    at = stage.instructions.find((i) => i.keyword === 'SHELL')?.index ?? Infinity;
    firstShells.set(stage, at);
  }
  return at;
}

const shells = new WeakMap<Stage, boolean>();

/** Whether the stage or a stage it builds on has a SHELL: each stage of a chain answered once. */
function hasShell(model: DockerfileModel, stage: Stage): boolean {
  const path = new Set<Stage>();
  let answer: boolean | undefined;
  for (let s: Stage | undefined = stage; answer === undefined;) {
    if (!s || path.has(s)) answer = false;
    else if ((answer = shells.get(s)) === undefined) {
      if (firstShell(s) < Infinity) answer = true;
      else {
        path.add(s);
        s = s.baseStage === undefined ? undefined : model.stages[s.baseStage];
      }
    }
  }
  for (const s of path) shells.set(s, answer);
  return answer;
}
