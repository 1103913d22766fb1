// Three of dockerfile-ast's costs, removed without changing what it answers. Installed once, on
// import, before any parse. Only Dockwright's bundles carry this copy of the library, pinned to
// an exact version in package.json, and a test fails when a patch is not in effect.
//  1. It splits an instruction's arguments anew on every getArguments() call, and calls it itself
//     several times per instruction while parsing (JSON forms, flags, heredocs): 65% of its parse
//     time. An instruction never changes once built, so the split is kept on the instance.
//  2. The split itself is ./splitArguments: the library's steps, with cheaper positions and values.
//  3. It hands each comment to its build stage by asking every stage for its range: comments ×
//     stages, the most of the time on a long file of many stages. Stages are in document order and
//     do not overlap, so a binary search over ranges asked for once finds the same stage.
//  4. It builds every instruction with arguments twice: once to look for heredocs in it, then
//     again, from the same offsets when there are none, to keep. The first is kept instead.
import { Argument, DockerfileParser, From, Instruction, type Comment, type Dockerfile } from 'dockerfile-ast';
import { Parser } from 'dockerfile-ast/lib/parser';
import type { Position, Range } from '../types';
import { splitArguments, type SplittableInstruction } from './splitArguments';

const KEPT = Symbol('dockwright.rawArguments');

interface WithRawArguments {
  getRawArguments(): Argument[];
  [KEPT]?: Argument[];
}

/**
 * A fresh array each time, as the library edits what it gets: ModifiableInstruction shifts the
 * flags off it. A FROM's arguments are copied whole, since From.getImageNameRange() and
 * getRegistryRange() move their argument's range; no other instruction changes an Argument.
 */
function copy(instruction: WithRawArguments, args: readonly Argument[]): Argument[] {
  if (!(instruction instanceof From)) return args.slice();
  return args.map((a) => {
    const r: Range = a.getRange();
    return new Argument(a.getValue(), { start: { ...r.start }, end: { ...r.end } });
  });
}

const instruction = Instruction.prototype as unknown as WithRawArguments;
/** The library's own split, kept for the test that compares the two. */
export const librarySplitArguments: (this: unknown) => Argument[] = instruction.getRawArguments;
if (typeof librarySplitArguments === 'function') {
  instruction.getRawArguments = function (this: WithRawArguments) {
    return copy(
      this,
      (this[KEPT] ??= splitArguments(this as unknown as SplittableInstruction) ?? librarySplitArguments.call(this)),
    );
  };
}

interface Template {
  getRange(): Range | null;
  addComment(comment: Comment): void;
}

/** The parts of the library's Dockerfile class that organizeComments() uses. */
interface DockerfileInternals {
  getComments(): Comment[];
  initialInstructions: Template;
  buildStages: Template[];
  organizeComments(): void;
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** The library's Util.isInsideRange: both ends included. */
function isInside(position: Position, range: Range): boolean {
  return compare(range.start, position) <= 0 && compare(position, range.end) <= 0;
}

/** The same placement as the library's organizeComments(), in comments × log(stages). */
function organizeComments(this: DockerfileInternals): void {
  const initial = this.initialInstructions.getRange();
  const stages = this.buildStages.map((stage) => ({ stage, range: stage.getRange() }));
  for (const comment of this.getComments()) {
    const { start, end } = comment.getRange();
    if (initial && isInside(end, initial)) {
      this.initialInstructions.addComment(comment);
      continue;
    }
    // the last stage that starts at or before the comment is the only one that can hold it
    let lo = 0;
    let hi = stages.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const range = stages[mid].range;
      if (range && compare(range.start, start) <= 0) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const holder = stages[found];
    if (holder?.range && isInside(start, holder.range)) holder.stage.addComment(comment);
  }
}

const dockerfile = Object.getPrototypeOf(DockerfileParser.parse('')) as DockerfileInternals;
/** The library's own placement, kept for the test that compares the two. */
export const libraryOrganizeComments: (this: DockerfileInternals) => void = dockerfile.organizeComments;
if (typeof libraryOrganizeComments === 'function') dockerfile.organizeComments = organizeComments;

/** The parser's private method that makes an instruction from its offsets in the text. */
type CreateInstruction = (
  this: ParserInternals,
  dockerfile: Dockerfile,
  keyword: string,
  start: number,
  keywordEnd: number,
  end: number,
) => Instruction;

interface ParserInternals {
  createInstruction: CreateInstruction;
  [LAST_MADE]?: { dockerfile: Dockerfile; keyword: string; offsets: [number, number, number]; made: Instruction };
}

const LAST_MADE = Symbol('dockwright.lastInstruction');
const parser = Parser.prototype as unknown as ParserInternals;
/** The library's own method, kept for the test that compares the two. */
export const libraryCreateInstruction: CreateInstruction = parser.createInstruction;
if (typeof libraryCreateInstruction === 'function') {
  // An instruction is built from the text, the document and these offsets alone, and the heredoc
  // look only reads it: the one made for that look is the one the library would make next.
  parser.createInstruction = function (this: ParserInternals, dockerfile, keyword, start, keywordEnd, end) {
    const last = this[LAST_MADE];
    this[LAST_MADE] = undefined;
    if (
      last &&
      last.dockerfile === dockerfile &&
      last.keyword === keyword &&
      last.offsets[0] === start &&
      last.offsets[1] === keywordEnd &&
      last.offsets[2] === end
    )
      return last.made;
    const made = libraryCreateInstruction.call(this, dockerfile, keyword, start, keywordEnd, end);
    this[LAST_MADE] = { dockerfile, keyword, offsets: [start, keywordEnd, end], made };
    return made;
  };
}
