// A pipeline's status is its last command's: `curl … | tar x` passes when the download fails.
// `set -o pipefail` (or a SHELL with it) makes the RUN fail with any part of the pipe.
import type { DockerfileModel, Instr } from '../dockerfile/model';
import { runMentions } from '../shell/prefilter';
import { execForm } from '../shell/execForm';
import { runScript, type ShellScript } from '../shell/script';
import type { Rule } from '../rule';
import type { Finding, Fix, Position, Range } from '../types';
import { imageFamily } from './support/baseImage';
import { atOrAfter, runsPosixShell, shellAt } from './support/runEdits';
import { insertLinesBefore } from './support/lineEdits';
import { memoOn } from '../memo';

const before = (a: Position, b: Position) => atOrAfter(b, a);

/** `set -o pipefail`, `set -eo pipefail`, `set -euxo pipefail` before the first pipe. */
function setsPipefail(script: ShellScript, firstPipe: Range): boolean {
  return script.commands.some((c) => {
    if (c.name !== 'set' || !before(c.range.end, firstPipe.start)) return false;
    const words = c.words.map((w) => w.value ?? '');
    return words.some((w, i) => w === 'pipefail' && /^-[a-zA-Z]*o$/.test(words[i - 1] ?? ''));
  });
}

/** Pipe sources that cannot fail unseen; `yes` even ends on SIGPIPE, which pipefail would turn into a failure. */
const HARMLESS_SOURCES = new Set(['echo', 'printf', 'yes']);

/** A pipe whose left side is a lone echo/printf/yes: pipefail would guard nothing there. */
function guardsNothing(model: DockerfileModel, script: ShellScript, pipe: Range): boolean {
  let left: ShellScript['commands'][number] | undefined;
  for (const c of script.commands) {
    if (!before(c.range.end, pipe.start)) continue;
    if (
      !left ||
      !before(c.range.end, left.range.end) ||
      (before(left.range.end, c.range.end) && before(c.range.start, left.range.start))
    )
      left = c;
  }
  if (!left || !HARMLESS_SOURCES.has(left.name)) return false;
  return /^[\s\\`]*$/.test(model.textOf({ start: left.range.end, end: pipe.start }));
}

const UNGUARDED_PIPE = Symbol('dockwright.unguardedPipe');

/**
 * The first pipe pipefail would guard, unless the script sets pipefail before it. The RUN alone
 * decides it, so it is kept on the RUN's script: the editor re-lints every RUN on each keystroke.
 */
function unguardedPipe(model: DockerfileModel, script: ShellScript): Range | undefined {
  return (
    memoOn(script, UNGUARDED_PIPE, () => {
      const pipes = [...script.pipes].sort(
        (a, b) => a.start.line - b.start.line || a.start.character - b.start.character,
      );
      const pipe = pipes.find((p) => !guardsNothing(model, script, p));
      return pipe && !setsPipefail(script, pipe) ? pipe : null;
    }) ?? undefined
  );
}

const PREFIX = 'set -o pipefail && ';
const BASH_SHELL = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]';

function fixes(model: DockerfileModel, instr: Instr, script: ShellScript, shell: string | undefined): Fix[] {
  // the script of an exec-form `["sh", "-c", "…"]` starts inside its string
  const exec = script.exec ? execForm(model, instr) : undefined;
  const start = exec?.script !== undefined ? exec.argv[exec.script].range.start : instr.argsStart;
  const prefix: Fix | undefined = script.heredoc
    ? undefined
    : {
        title: 'Prefix set -o pipefail &&',
        safe: false,
        edits: [{ range: { start, end: start }, newText: PREFIX }],
      };
  // a SHELL does not reach an exec-form RUN, which names its shell itself
  const bash: Fix | undefined = script.exec
    ? undefined
    : {
        title: 'Insert SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
        safe: false,
        edits: [insertLinesBefore(model, instr, [BASH_SHELL])],
      };
  const offered = (...choices: (Fix | undefined)[]) => choices.filter((f): f is Fix => !!f);
  // a SHELL that already names a shell with pipefail support only needs the option
  if (shell && /\b(bash|zsh|ash|ksh)\b/.test(shell)) return offered(prefix);
  const stage = model.stages[instr.stage];
  switch (stage ? imageFamily(model, stage) : 'unknown') {
    case 'alpine':
    case 'busybox':
    case 'rhel': // /bin/sh is ash or bash: both know pipefail
      return offered(prefix);
    case 'debian': // /bin/sh is dash, which does not
      return offered(bash);
    case 'unknown':
      return offered(bash, prefix);
    default:
      return [];
  }
}

/** The shell a RUN runs in, as words: the exec form's own shell and options, or the SHELL in force. */
function shellOf(model: DockerfileModel, instr: Instr): string | undefined {
  const exec = execForm(model, instr);
  if (exec?.script !== undefined)
    return exec.argv
      .slice(0, exec.script)
      .map((a) => a.value)
      .join(' ');
  return shellAt(model, instr)?.join(' ');
}

export const pipefail: Rule = {
  id: 'pipefail',
  aliases: { hadolint: ['DL4006'] },
  defaultLevel: 'warning',
  title: 'RUN pipe without pipefail',
  check({ dockerfile }) {
    const findings: Finding[] = [];
    for (const instr of dockerfile.instructions) {
      // a lone `|`: `||` is no pipe
      if (!runMentions(instr, /(^|[^|])\|(?!\|)/)) continue;
      const shell = shellOf(dockerfile, instr);
      if (shell && /pipefail/.test(shell)) continue;
      // cmd, PowerShell and other shells that are not POSIX have no pipefail to set
      if (!runsPosixShell(dockerfile, instr)) continue;
      const script = runScript(dockerfile, instr);
      const pipe = script && unguardedPipe(dockerfile, script);
      if (!script || !pipe) continue;
      findings.push({
        range: pipe,
        message: 'Set -o pipefail so that the RUN fails when a command before the pipe fails.',
        fixes: fixes(dockerfile, instr, script, shell),
      });
    }
    return findings;
  },
};
