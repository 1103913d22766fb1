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
/** The words mvdan-sh reads as a DeclClause (not a command): without one of them the tree has none to find. */
const DECLARATION = /\b(export|declare|local|readonly|typeset|nameref)\b/;

/** A top-level command that changes the shell, read from the commands runScript() found: no parse. */
export function commandsChangeState(script: ShellScript): boolean {
  return script.commands.some((c) => !c.inSubshell && (STATEFUL.has(c.name) || (c.words.length === 0 && c.assigns.length > 0)));
}

export function shellShape(script: ShellScript): ShellShape {
  const tree = treeShape(script.text);
  return { andChain: tree.andChain, background: tree.background, changesState: commandsChangeState(script) || tree.declares };
}

/** What only the parse tree tells. */
interface TreeShape {
  andChain: boolean;
  background: boolean;
  declares: boolean;
}

/**
 * By shell text, as runScript() keeps its own reading: the same RUN texts come back on every lint
 * of a file (each keystroke in the editor) and across one project's Dockerfiles.
 */
const treeShapes = new Map<string, TreeShape>();
const MAX_TREE_SHAPES = 2000;

function treeShape(text: string): TreeShape {
  let shape = treeShapes.get(text);
  if (!shape) {
    if (treeShapes.size >= MAX_TREE_SHAPES) treeShapes.clear();
    shape = readTree(text);
    treeShapes.set(text, shape);
  }
  return shape;
}

function readTree(text: string): TreeShape {
  let file: any;
  try {
    file = parseShell(text);
  } catch {
    return { andChain: false, background: false, declares: false };
  }
  const stmts = file.Stmts as any[];
  const last = stmts[stmts.length - 1];
  const andTree = (stmt: any): boolean => {
    if (stmt.Background || stmt.Negated) return false;
    const cmd = stmt.Cmd;
    if (cmd && shellNodeType(cmd) === 'BinaryCmd' && cmd.Op !== 12 && cmd.Op !== 13) return cmd.Op === AND && andTree(cmd.X) && andTree(cmd.Y);
    return true;
  };
  return { andChain: stmts.length === 1 && andTree(stmts[0]), background: !!last?.Background, declares: declares(file, text) };
}

/** export, declare, local and readonly are declarations, not commands, to the parser. */
function declares(file: any, text: string): boolean {
  // Walking the tree reads every node from Go: only texts that hold such a word (also split by a continuation) are walked.
  if (!DECLARATION.test(text.replace(/\\\r?\n/g, ''))) return false;
  let found = false;
  // the parser module is loaded: parseShell() used it
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { syntax } = require('mvdan-sh') as typeof import('mvdan-sh');
  syntax.Walk(file, (node: any) => {
    if (node && shellNodeType(node) === 'DeclClause') found = true;
    return !found;
  });
  return found;
}
