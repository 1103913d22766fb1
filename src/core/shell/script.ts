// A RUN's shell command as the rules read it: simple commands with their words, pipes and how
// statements are joined, from a real shell parser (mvdan-sh), never regular expressions. Every
// position is a Dockerfile position.
import type { Heredoc, Run } from 'dockerfile-ast';
import type { DockerfileModel, Instr } from '../dockerfile/model';
import { memoOn } from '../memo';
import type { Range } from '../types';
import { execForm, type ExecForm } from './execForm';
import { heredocSource, lineSource, OffsetMap, type Source } from './sourceMap';
import { shapeOf, type ShapeCall } from './tree';

/** A shell word. `value` is its literal text with quotes removed, when it has no expansion. */
export interface ShellWord {
  value?: string;
  raw: string;
  range: Range;
}

export interface SimpleCommand {
  /** The command name's literal value, '' when it is an expansion. */
  name: string;
  /** All words, the name first. */
  words: ShellWord[];
  /** Variable assignments before the name, e.g. `DEBIAN_FRONTEND`. */
  assigns: string[];
  range: Range;
  /** Inside `( … )`, `$( … )` or backticks: a `cd` there does not leak. */
  inSubshell: boolean;
  /** Inside if/while/for/case or a function: it may not run. */
  conditional: boolean;
}

export interface ShellScript {
  commands: SimpleCommand[];
  /** The `|` and `|&` operators of real pipelines. */
  pipes: Range[];
  /** The shell text as parsed (Dockerfile-only syntax removed). */
  text: string;
  /** From a heredoc body rather than the RUN line. */
  heredoc: boolean;
  /** One statement of commands joined only by && (pipelines and compound commands as parts). */
  andChain: boolean;
  /** The last statement runs in the background (`cmd &`): nothing can be chained after it. */
  background: boolean;
  /** A declaration (export, declare, local, readonly …) outside any subshell: it changes the shell. */
  declares: boolean;
  /**
   * How an exec-form RUN runs: `program`, its first argument with the rest as the words of one
   * command (no shell); `shell`, a POSIX shell's `-c` script, read as shell text. Undefined in
   * shell form. Fixes for either stay valid JSON or are not offered (lint/execFormFixes).
   */
  exec?: 'program' | 'shell';
}

const SCRIPT = Symbol('dockwright.runScript');

/**
 * The RUN's shell command, parsed; for exec form, its `sh -c` script or its program and arguments.
 * Undefined for a command the parser rejects.
 */
export function runScript(model: DockerfileModel, instr: Instr): ShellScript | undefined {
  return memoOn(instr, SCRIPT, () => parseRun(model, instr)) ?? undefined;
}

function parseRun(model: DockerfileModel, instr: Instr): ShellScript | null {
  if (instr.keyword !== 'RUN' || !instr.argsText.trim()) return null;
  // `[ -f x ] && …` is no JSON: BuildKit runs what does not parse as a JSON array in a shell
  const exec = execForm(model, instr);
  if (exec) return execScript(model, exec);
  const heredocs: Heredoc[] = instr.argsText.includes('<<') ? ((instr.node as Run).getHeredocs?.() ?? []) : [];
  const source =
    heredocs.length && instr.argsText.trimStart().startsWith('<<')
      ? heredocSource(model, heredocs[0])
      : lineSource(model, instr);
  return source ? parseSource(model, source) : null;
}

/** An exec-form RUN: the `-c` script of a POSIX shell, parsed as shell; any other program, as one command. */
function execScript(model: DockerfileModel, exec: ExecForm): ShellScript | null {
  if (!exec.argv.length) return null;
  if (exec.script !== undefined) {
    const script = parseSource(model, exec.argv[exec.script].source);
    return script && { ...script, exec: 'shell' };
  }
  const words: ShellWord[] = exec.argv.map((a) => ({ value: a.value, raw: model.textOf(a.range), range: a.range }));
  const command: SimpleCommand = {
    name: words[0].value!,
    words,
    assigns: [],
    range: { start: words[0].range.start, end: words[words.length - 1].range.end },
    inSubshell: false,
    conditional: false,
  };
  return {
    commands: [command],
    pipes: [],
    text: exec.argv.map((a) => a.value).join(' '),
    heredoc: false,
    andChain: true,
    background: false,
    declares: false,
    exec: 'program',
  };
}

function parseSource(model: DockerfileModel, source: Source): ShellScript | null {
  const shape = shapeOf(source.text);
  if (!shape) return null; // unparsable: rules stay silent rather than guess
  const map = new OffsetMap(model, source);
  const commands = shape.calls.map((call) => new MappedCommand(map, call));
  const pipes = shape.pipes.map(([s, e]) => map.range(s, e));
  return {
    commands,
    pipes,
    text: source.text,
    heredoc: source.heredoc,
    andChain: shape.andChain,
    background: shape.background,
    declares: shape.declares,
  };
}

/**
 * A word whose document range and raw text are worked out when first asked for: most words are
 * only ever read for their value, and the editor re-lints every RUN on each keystroke.
 */
class MappedWord implements ShellWord {
  private kept?: Range;

  constructor(
    private readonly map: OffsetMap,
    private readonly start: number,
    private readonly end: number,
    readonly value: string | undefined,
  ) {}

  get raw(): string {
    return this.map.slice(this.start, this.end);
  }

  get range(): Range {
    return (this.kept ??= this.map.range(this.start, this.end));
  }
}

class MappedCommand implements SimpleCommand {
  readonly name: string;
  readonly words: ShellWord[];
  readonly assigns: string[];
  readonly inSubshell: boolean;
  readonly conditional: boolean;
  private kept?: Range;

  constructor(
    private readonly map: OffsetMap,
    private readonly call: ShapeCall,
  ) {
    this.name = call.words[0]?.value ?? '';
    this.words = call.words.map((w) => new MappedWord(map, w.start, w.end, w.value));
    this.assigns = call.assigns;
    this.inSubshell = call.inSubshell;
    this.conditional = call.conditional;
  }

  get range(): Range {
    return (this.kept ??= this.map.range(this.call.start, this.call.end));
  }
}
