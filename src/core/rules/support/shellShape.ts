// The top-level shape of a RUN's shell command, for fixes that join RUNs: whether `X && <RUN>`
// still fails whenever X fails, and whether a RUN leaves shell state that would leak into the next.
/* eslint-disable @typescript-eslint/no-explicit-any -- mvdan-sh's GopherJS AST has no types */
import { parseShell, shellNodeType, type ShellScript } from '../../dockerfile/shell';

export interface ShellShape {
  /** One statement of commands joined only by && (pipelines and compound commands as parts). */
  andChain: boolean;
  /** The last statement runs in the background (`cmd &`): nothing can be chained after it. */
  background: boolean;
  /** A top-level command changes the shell (cd, export, set, umask …) for the commands after it. */
  changesState: boolean;
}

const AND = 10;
const STATEFUL = new Set([
  'cd', 'pushd', 'popd', 'export', 'set', 'source', '.', 'umask', 'unset', 'alias', 'unalias', 'exec', 'exit', 'trap',
  'shopt', 'ulimit', 'readonly', 'declare', 'typeset', 'local', 'eval', 'return',
]);

const shapes = new WeakMap<ShellScript, ShellShape>();

export function shellShape(script: ShellScript): ShellShape {
  let shape = shapes.get(script);
  if (!shape) {
    shape = readShape(script);
    shapes.set(script, shape);
  }
  return shape;
}

function readShape(script: ShellScript): ShellShape {
  const changesState = script.commands.some((c) => !c.inSubshell && (STATEFUL.has(c.name) || (c.words.length === 0 && c.assigns.length > 0)));
  let file: any;
  try {
    file = parseShell(script.text);
  } catch {
    return { andChain: false, background: false, changesState };
  }
  // export, declare, local and readonly are declarations, not commands, to the parser
  let declares = false;
  // the parser module is loaded: runScript() parsed this text before
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { syntax } = require('mvdan-sh') as typeof import('mvdan-sh');
  syntax.Walk(file, (node: any) => {
    if (node && shellNodeType(node) === 'DeclClause') declares = true;
    return !declares;
  });
  const stmts = file.Stmts as any[];
  const last = stmts[stmts.length - 1];
  const andTree = (stmt: any): boolean => {
    if (stmt.Background || stmt.Negated) return false;
    const cmd = stmt.Cmd;
    if (cmd && shellNodeType(cmd) === 'BinaryCmd' && cmd.Op !== 12 && cmd.Op !== 13) return cmd.Op === AND && andTree(cmd.X) && andTree(cmd.Y);
    return true;
  };
  return { andChain: stmts.length === 1 && andTree(stmts[0]), background: !!last?.Background, changesState: changesState || declares };
}
