// The top-level shape of a RUN's shell command, for fixes that join RUNs: whether `X && <RUN>`
// still fails whenever X fails, and whether a RUN leaves shell state that would leak into the next.
import type { ShellScript } from './script';

export interface ScriptChaining {
  /** One statement of commands joined only by && (pipelines and compound commands as parts). */
  andChain: boolean;
  /** The last statement runs in the background (`cmd &`): nothing can be chained after it. */
  background: boolean;
  /** A top-level command changes the shell (cd, export, set, umask …) for the commands after it. */
  changesState: boolean;
}

const STATEFUL = new Set([
  'cd',
  'pushd',
  'popd',
  'export',
  'set',
  'source',
  '.',
  'umask',
  'unset',
  'alias',
  'unalias',
  'exec',
  'exit',
  'trap',
  'shopt',
  'ulimit',
  'readonly',
  'declare',
  'typeset',
  'local',
  'eval',
  'return',
]);

/** A top-level command that changes the shell, read from the commands runScript() found: no parse. */
export function commandsChangeState(script: ShellScript): boolean {
  return script.commands.some(
    (c) => !c.inSubshell && (STATEFUL.has(c.name) || (c.words.length === 0 && c.assigns.length > 0)),
  );
}

/** Read with the commands, in the one parse runScript() made. */
export function scriptChaining(script: ShellScript): ScriptChaining {
  return {
    andChain: script.andChain,
    background: script.background,
    changesState: commandsChangeState(script) || script.declares,
  };
}
