// A RUN's shell command as the rules read it: simple commands with their words, pipes and how
// statements are joined, from a real shell parser (mvdan-sh), never regular expressions. Every
// position is a Dockerfile position.
import type { Heredoc, Run } from 'dockerfile-ast';
import type { DockerfileModel, Instr } from '../dockerfile/model';
import { memoOn } from '../memo';
import type { Range } from '../types';
import { heredocSource, lineSource, OffsetMap } from './sourceMap';
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
}

const SCRIPT = Symbol('dockwright.runScript');

/** The RUN's shell command, parsed; undefined for exec form or a command the parser rejects. */
export function runScript(model: DockerfileModel, instr: Instr): ShellScript | undefined {
  return memoOn(instr, SCRIPT, () => parseRun(model, instr)) ?? undefined;
}

function parseRun(model: DockerfileModel, instr: Instr): ShellScript | null {
  if (instr.keyword !== 'RUN' || instr.jsonForm || !instr.argsText.trim()) return null;
  const heredocs: Heredoc[] = instr.argsText.includes('<<') ? ((instr.node as Run).getHeredocs?.() ?? []) : [];
  const source =
    heredocs.length && instr.argsText.trimStart().startsWith('<<')
      ? heredocSource(model, heredocs[0])
      : lineSource(model, instr);
  if (!source) return null;
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
