// A model over dockerfile-ast: every instruction's keyword, arguments and flags are asked for
// once and kept, because dockerfile-ast recomputes them on every call.
import {
  type Argument,
  type Comment,
  DockerfileParser,
  Instruction,
  ModifiableInstruction,
  type Onbuild,
} from 'dockerfile-ast';
import './astPatches'; // dockerfile-ast's repeated argument splits and its comments × stages placement
import type { Position, Range } from '../types';
import { parseImageRef, type ImageRef } from './imageRef';
import { lineStarts, offsetAt, positionAt } from '../text';
import { topDirectives } from './directives';
import { memoOn } from '../memo';

/** The instructions Docker knows; the parser takes any first word of a line for one. */
export const INSTRUCTION_KEYWORDS: ReadonlySet<string> = new Set(
  'ADD ARG CMD COPY ENTRYPOINT ENV EXPOSE FROM HEALTHCHECK LABEL MAINTAINER ONBUILD RUN SHELL STOPSIGNAL USER VOLUME WORKDIR'.split(
    ' ',
  ),
);

export interface Word {
  value: string;
  range: Range;
}

export interface Flag {
  name: string;
  /** null for a bare flag like `--link`. */
  value: string | null;
  range: Range;
}

export interface Instr {
  index: number;
  /** Upper-case keyword, e.g. `RUN`. */
  keyword: string;
  /** The whole instruction, continuation lines included. */
  range: Range;
  keywordRange: Range;
  /** Arguments after the flags, as dockerfile-ast splits them. */
  args: Word[];
  flags: Flag[];
  /** The arguments' source text after the flags (continuations kept), or '' when there are none. */
  argsText: string;
  /** Where argsText starts in the document; the end of the keyword when there are no arguments. */
  argsStart: Position;
  /** Index of the stage it belongs to; -1 for instructions before the first FROM. */
  stage: number;
  /** JSON (exec) form for RUN, CMD, ENTRYPOINT, SHELL, HEALTHCHECK CMD. */
  jsonForm: boolean;
  node: Instruction;
}

export interface Stage {
  index: number;
  /** The `AS name`, lower-cased as BuildKit matches it. */
  name?: string;
  from: Instr;
  /** The base: an image reference, `scratch`, or another stage. */
  base: string;
  image?: ImageRef;
  /** Set when the base is an earlier stage. */
  baseStage?: number;
  instructions: Instr[];
}

export interface Directive {
  name: string;
  value: string;
  range: Range;
}

export interface CommentLine {
  /** The text after `#`, trimmed. */
  text: string;
  range: Range;
}

/**
 * What the model is built from: dockerfile-ast's parse of the whole text, or an update after an
 * edit (./incremental) that keeps a previous model's instructions where the edit left them as
 * they were.
 */
export interface ModelParts {
  escapeChar: string;
  directives: Directive[];
  comments: CommentLine[];
  /** In document order: a previous model's instruction at the same place, or a node to read. */
  instructions: (Instr | Instruction)[];
  /** The text's lines and where they start, when the caller has them already. */
  lines?: string[];
  lineStarts?: number[];
}

/** The parts of a parse of the whole text. */
function parse(text: string): ModelParts {
  const ast = DockerfileParser.parse(text);
  return {
    escapeChar: ast.getEscapeCharacter(),
    directives: ast
      .getDirectives()
      .map((d) => ({ name: d.getName().toLowerCase(), value: d.getValue(), range: d.getRange() })),
    comments: ast.getComments().map(commentLine),
    instructions: ast.getInstructions(),
  };
}

export const commentLine = (c: Comment): CommentLine => ({ text: c.getContent().trim(), range: c.getRange() });

export class DockerfileModel {
  readonly lines: string[];
  readonly instructions: Instr[];
  readonly stages: Stage[];
  /** The `# key=value` comments dockerfile-ast lists at the top (`# hadolint ignore=…` too); see directive(). */
  readonly directives: Directive[];
  readonly comments: CommentLine[];
  readonly escapeChar: string;
  private readonly lineStarts: number[];
  /** The first stage of each name: a later stage of the same name does not replace it. */
  private readonly stagesByName = new Map<string, Stage>();
  private lineBreak?: string;
  private topDirectiveList?: Directive[];
  private positionsOfText?: (offset: number) => Position;

  constructor(
    readonly text: string,
    parts: ModelParts = parse(text),
  ) {
    this.lines = parts.lines ?? text.split(/\r?\n|\r/);
    this.lineStarts = parts.lineStarts ?? lineStarts(text);
    this.escapeChar = parts.escapeChar;
    this.directives = parts.directives;
    this.comments = parts.comments;
    this.instructions = [];
    this.stages = [];
    for (const part of parts.instructions) {
      const instr = this.instrAt(part);
      if (instr.keyword === 'FROM') {
        const stage = this.toStage(instr);
        this.stages.push(stage);
        if (stage.name !== undefined && !this.stagesByName.has(stage.name)) this.stagesByName.set(stage.name, stage);
      }
      instr.stage = this.stages.length - 1;
      this.stages[instr.stage]?.instructions.push(instr);
      this.instructions.push(instr);
    }
  }

  /** The stage a plain build produces: the last one, or the named target. */
  finalStage(target?: string): Stage | undefined {
    if (target) return this.stages.find((s) => s.name === target.toLowerCase());
    return this.stages[this.stages.length - 1];
  }

  /** The stage named `name` (case-insensitive) or with that index. */
  stageByRef(ref: string): Stage | undefined {
    return this.stagesByName.get(ref.toLowerCase()) ?? (/^\d+$/.test(ref) ? this.stages[Number(ref)] : undefined);
  }

  /** A parser directive as BuildKit reads it: only among the `# key=value` lines at the top. */
  directive(name: string): Directive | undefined {
    return (this.topDirectiveList ??= topDirectives(this.lines)).find((d) => d.name === name);
  }

  /**
   * The instruction an ONBUILD wraps, positioned where it is written in the ONBUILD line, in the
   * ONBUILD's stage; undefined for other instructions and an ONBUILD with nothing after it.
   */
  trigger(onbuild: Instr): Instr | undefined {
    if (onbuild.keyword !== 'ONBUILD') return undefined;
    return (
      memoOn(onbuild, TRIGGER, () => {
        const node = (onbuild.node as Onbuild).getTriggerInstruction();
        if (!node) return null;
        return { ...this.toInstr(node, node.getKeyword().toUpperCase()), index: onbuild.index, stage: onbuild.stage };
      }) ?? undefined
    );
  }

  /** The text of a range. */
  textOf(range: Range): string {
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  offsetAt(pos: Position): number {
    return offsetAt(this.text, this.lineStarts, pos);
  }

  positionAt(offset: number): Position {
    return positionAt(this.lineStarts, offset);
  }

  /**
   * positionAt() without the model, for answers kept on an instruction (a RUN's shell script): the
   * editor's lint session keeps those in later models, and an answer that held its model would
   * keep every model before it alive.
   */
  get positions(): (offset: number) => Position {
    return (this.positionsOfText ??= positionsIn(this.lineStarts));
  }

  /** The leading white space of a line, to keep a file's indentation in fixes. */
  indentOf(line: number): string {
    return /^[ \t]*/.exec(this.lines[line] ?? '')![0];
  }

  /** The line break the file uses (asked by most fixes: read from the text once). */
  get eol(): string {
    return (this.lineBreak ??= this.text.includes('\r\n') ? '\r\n' : '\n');
  }

  /**
   * A kept instruction as it is when it has the same index and stage here (what is kept on it, such
   * as an ONBUILD's trigger, may hold them), else read again from its node, which is unchanged.
   */
  private instrAt(part: Instr | Instruction): Instr {
    if (part instanceof Instruction) return this.toInstr(part, part.getKeyword().toUpperCase());
    const sameStage = part.keyword === 'FROM' ? this.stages.length : this.stages.length - 1;
    if (part.index === this.instructions.length && part.stage === sameStage) return part;
    return this.toInstr(part.node, part.keyword);
  }

  private toInstr(node: Instruction, keyword: string): Instr {
    const args = wordsOf(node.getArguments());
    const flags =
      node instanceof ModifiableInstruction
        ? node.getFlags().map((f) => ({ name: f.getName().toLowerCase(), value: f.getValue(), range: f.getRange() }))
        : [];
    const range = node.getRange();
    const keywordRange = node.getInstructionRange();
    const argsStart = args[0]?.range.start ?? keywordRange.end;
    const argsText = args.length ? this.text.slice(this.offsetAt(argsStart), this.offsetAt(range.end)) : '';
    return {
      index: this.instructions.length,
      keyword,
      range,
      keywordRange,
      args,
      flags,
      argsText,
      argsStart,
      stage: -1,
      jsonForm: /^(RUN|CMD|ENTRYPOINT|SHELL)$/.test(keyword) && argsText.trimStart().startsWith('['),
      node,
    };
  }

  private toStage(from: Instr): Stage {
    const asIndex = from.args.findIndex((a) => a.value.toLowerCase() === 'as');
    const name = asIndex > 0 ? from.args[asIndex + 1]?.value.toLowerCase() : undefined;
    const base = from.args[0]?.value ?? '';
    const baseStage = this.stagesByName.get(base.toLowerCase());
    const stage: Stage = { index: this.stages.length, name, from, base, baseStage: baseStage?.index, instructions: [] };
    // the FROM alone decides its reference: kept on it, for the editor's next model
    if (!baseStage && base.toLowerCase() !== 'scratch' && base)
      stage.image = memoOn(from, IMAGE_REF, () => parseImageRef(base));
    return stage;
  }
}

const TRIGGER = Symbol('dockwright.onbuildTrigger');
const IMAGE_REF = Symbol('dockwright.imageRef');

/** A closure over the line starts alone, made outside the model so that it cannot hold the model. */
const positionsIn = (starts: readonly number[]) => (offset: number) => positionAt(starts, offset);

/**
 * dockerfile-ast's arguments as words, without a copy each: an Argument keeps its `value` and
 * `range` in fields of those names (a test holds the library to it), and the ranges of most RUN
 * words are never read, so they are worked out only when they are (see splitArguments).
 */
function wordsOf(args: Argument[]): Word[] {
  return args as unknown as Word[];
}

const cache = new Map<string, DockerfileModel>();

/** Parses a Dockerfile; the last few texts are kept, for the features that ask about the same text in turn (code actions, build targets). */
export function parseDockerfile(text: string): DockerfileModel {
  const hit = cache.get(text);
  if (hit) return hit;
  const model = new DockerfileModel(text);
  cache.set(text, model);
  if (cache.size > 8) cache.delete(cache.keys().next().value!);
  return model;
}
