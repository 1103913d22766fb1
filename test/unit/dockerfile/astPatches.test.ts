// The patches to dockerfile-ast must be in effect, and answer exactly what the library answers.
import assert from 'node:assert/strict';
import { DockerfileParser, Instruction, type Argument, type Comment } from 'dockerfile-ast';
import { Parser } from 'dockerfile-ast/lib/parser';
import {
  libraryCreateInstruction,
  libraryOrganizeComments,
  librarySplitArguments,
} from '../../../src/core/dockerfile/astPatches';
import { splitArguments, type SplittableInstruction } from '../../../src/core/dockerfile/splitArguments';
import { DockerfileModel } from '../../../src/core/dockerfile/model';
import { corpusOrSkip } from '../real-world/sharedCorpus';

interface Template {
  comments: Comment[];
  getComments(): Comment[];
}

interface Parsed {
  initialInstructions: Template;
  buildStages: Template[];
}

/** Where each comment went: the stage index (-1 for before the first FROM) and its line. */
function placement(parsed: Parsed): string[] {
  const where = (t: Template, stage: number) => t.getComments().map((c) => `${stage}:${c.getRange().start.line}`);
  return [...where(parsed.initialInstructions, -1), ...parsed.buildStages.flatMap((s, i) => where(s, i))];
}

function libraryPlacement(text: string): string[] {
  const parsed = DockerfileParser.parse(text) as unknown as Parsed;
  parsed.initialInstructions.comments = [];
  for (const stage of parsed.buildStages) stage.comments = [];
  libraryOrganizeComments.call(parsed as never);
  return placement(parsed);
}

const placed = (text: string) => placement(DockerfileParser.parse(text) as unknown as Parsed);

/** Each instruction's arguments as [value, range] from our split and from the library's. */
function splits(text: string): { ours: string[]; library: string[] } {
  const ours: string[] = [];
  const library: string[] = [];
  const show = (args: Argument[]) => JSON.stringify(args.map((a) => [a.getValue(), a.getRange()]));
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    ours.push(show(splitArguments(instruction as unknown as SplittableInstruction)!));
    library.push(show(librarySplitArguments.call(instruction)));
  }
  return { ours, library };
}

/** Each instruction as the parse hands it out: keyword, ranges, arguments, flags and heredocs. */
function instructionsOf(text: string): string[] {
  return DockerfileParser.parse(text)
    .getInstructions()
    .map((i) =>
      JSON.stringify([
        i.getKeyword(),
        i.getRange(),
        i.getInstructionRange(),
        i.getArguments().map((a) => [a.getValue(), a.getRange()]),
        (i as unknown as { getFlags?(): { getName(): string; getValue(): string | null }[] })
          .getFlags?.()
          .map((f) => [f.getName(), f.getValue()]),
        (i as unknown as { getHeredocs?(): { getName(): string; getContentRange(): unknown }[] })
          .getHeredocs?.()
          .map((h) => [h.getName(), h.getContentRange()]),
      ]),
    );
}

/** The same, with the library's own createInstruction, which builds each instruction twice. */
function libraryInstructionsOf(text: string): string[] {
  const prototype = Parser.prototype as unknown as { createInstruction: unknown };
  const ours = prototype.createInstruction;
  prototype.createInstruction = libraryCreateInstruction;
  try {
    return instructionsOf(text);
  } finally {
    prototype.createInstruction = ours;
  }
}

describe('dockerfile-ast patches (unit)', () => {
  it('are in effect on the installed library: the internals they replace exist and are replaced', () => {
    // A library update that renames an internal would leave a patch silently unapplied.
    assert.equal(typeof librarySplitArguments, 'function', 'Instruction.prototype.getRawArguments is gone');
    assert.equal(typeof libraryOrganizeComments, 'function', "the Dockerfile class's organizeComments is gone");
    const instruction = Instruction.prototype as unknown as { getRawArguments: unknown };
    assert.notEqual(instruction.getRawArguments, librarySplitArguments);
    const dockerfile = Object.getPrototypeOf(DockerfileParser.parse('')) as { organizeComments: unknown };
    assert.notEqual(dockerfile.organizeComments, libraryOrganizeComments);
    assert.equal(typeof libraryCreateInstruction, 'function', "the parser's createInstruction is gone");
    assert.notEqual(
      (Parser.prototype as unknown as { createInstruction: unknown }).createInstruction,
      libraryCreateInstruction,
    );
  });

  it('builds each instruction once, and the same instructions as the library: heredocs, ONBUILD, no arguments, the end of the text', () => {
    const texts = [
      'FROM a\nRUN <<EOF\necho hi\nEOF\nCOPY <<-A <<B /x/\n\ta\n\tA\nb\nB\nONBUILD RUN <<EOF cat\nx\nEOF\nRUN y\n',
      'FROM a AS b\nWORKDIR\nONBUILD\nRUN x \\\n  y\nHEALTHCHECK CMD ["a"]\nCMD x',
      '# escape=`\nFROM a\r\nRUN a `\r\n  b\r\nRUN <<EOF\r\nx\r\nEOF',
    ];
    for (const text of texts) assert.deepEqual(instructionsOf(text), libraryInstructionsOf(text), JSON.stringify(text));
    // every instruction the parser builds goes through the static Parser.createInstruction
    const made = Parser as unknown as { createInstruction: (...args: unknown[]) => Instruction };
    const build = made.createInstruction;
    let built = 0;
    made.createInstruction = (...args) => (built++, build(...args));
    try {
      DockerfileParser.parse('FROM a\nRUN echo hi\nCMD ["x"]\nWORKDIR\n');
      assert.equal(built, 4, 'once per instruction');
      built = 0;
      libraryInstructionsOf('FROM a\nRUN echo hi\nCMD ["x"]\nWORKDIR\n');
      assert.equal(built, 7, 'the library builds the three with arguments twice');
    } finally {
      made.createInstruction = build;
    }
  });

  it("builds every corpus file's instructions as the library does", function () {
    const corpus = corpusOrSkip(this);
    if (!corpus) return;
    let instructions = 0;
    for (const { name, text } of corpus) {
      const ours = instructionsOf(text);
      assert.deepEqual(ours, libraryInstructionsOf(text), name);
      instructions += ours.length;
    }
    assert.ok(instructions > 3000, `the corpus has instructions (${instructions})`);
  });

  it('splits arguments as the library does: escapes, continuations, comments in them, CRLF, a backtick escape, tabs, a trailing escape', () => {
    const texts = [
      'FROM a\nRUN apt-get update && \\\n    apt-get install -y curl # not a comment\n',
      'FROM a\r\nRUN a \\\r\n  b \\ \t\r\n# a comment inside\r\n  c\r\n',
      '# escape=`\nFROM a\nRUN echo `\n  hi `$x `\\ `  \n  done\nCOPY a` b c /d/\n',
      'FROM a\nRUN echo \\$HOME \\\\ \\"q\\" a\\ b \\  c\nENV A=1 \\\n\n  B=2\n',
      'FROM a\nRUN x \\',
      'FROM a\nRUN \\\n\n\n   \\\n  y\n\tLABEL\ta=b\t c=d\r\rRUN z\n',
      'FROM a\nRUN echo a\\\n#c\n#d\nb\nRUN <<EOF\necho hi\nEOF\n',
      'FROM a\r\nRUN x \\\r\n',
      'FROM a\r\nRUN x\r',
      'FROM a\nRUN a\\\r',
      'FROM a\nRUN a \\  \rb \\ x \\\t\r\n c\n',
    ];
    let args = 0;
    for (const text of texts) {
      const { ours, library } = splits(text);
      assert.deepEqual(ours, library, JSON.stringify(text));
      args += ours.length;
    }
    assert.ok(args > 15, `the texts have instructions to split (${args})`);
  });

  it("splits every corpus instruction's arguments as the library does, also with CRLF line breaks", function () {
    const corpus = corpusOrSkip(this);
    if (!corpus) return;
    let instructions = 0;
    for (const { name, text } of corpus) {
      for (const variant of [text, text.replace(/\n/g, '\r\n')]) {
        const { ours, library } = splits(variant);
        assert.deepEqual(ours, library, name);
        instructions += ours.length;
      }
    }
    assert.ok(instructions > 5000, `the corpus has instructions (${instructions})`);
  });

  it('places comments in the stages the library places them in: before FROM, inside, between and after stages', () => {
    const text =
      '# top\nARG V=1\n# before the first FROM\nFROM a AS one\n# in one\nRUN x\n\n# between\nFROM b\nRUN \\\n  # in a continuation\n  y\n# after the last instruction\n';
    assert.deepEqual(placed(text), libraryPlacement(text));
    assert.ok(placed(text).includes('0:4'), 'the comment inside the first stage is placed there');
  });

  it("places every corpus file's comments as the library does, also all files as one", function () {
    const corpus = corpusOrSkip(this);
    if (!corpus) return;
    let comments = 0;
    for (const { name, text } of corpus) {
      const ours = placed(text);
      assert.deepEqual(ours, libraryPlacement(text), name);
      comments += ours.length;
    }
    assert.ok(comments > 1000, `the corpus has comments to place (${comments})`);
    const joined = corpus.map((f) => f.text.replace(/\s*$/, '\n')).join('');
    assert.deepEqual(placed(joined), libraryPlacement(joined));
  });

  it('keeps the argument split, but hands out arrays the library may edit', () => {
    const parsed = DockerfileParser.parse(
      'FROM --platform=linux/amd64 reg.io:5000/app:1 AS b\nRUN --mount=type=cache,target=/c make\n',
    );
    const [from, run] = parsed.getInstructions();
    assert.deepEqual(
      run.getArguments().map((a) => a.getValue()),
      ['make'],
    );
    assert.deepEqual(
      run.getArguments().map((a) => a.getValue()),
      ['make'],
      'the flags are shifted off a fresh array each time',
    );
    const raw = run as unknown as { getRawArguments(): unknown[] };
    assert.notEqual(raw.getRawArguments(), raw.getRawArguments());
    const image = from as unknown as { getImageName(): string; getImageTag(): string; getRegistry(): string };
    // these move their argument's range: asking twice must answer the same
    for (let i = 0; i < 2; i++)
      assert.deepEqual([image.getRegistry(), image.getImageName(), image.getImageTag()], ['reg.io:5000', 'app', '1']);
  });

  it("gives the model its words as the library's arguments, whose value and range are fields of those names", () => {
    // The model reads an Argument as { value, range } without copying it: a library update that
    // renamed those private fields would hand the rules words with no value.
    const text = 'FROM a AS b\nRUN --mount=type=cache,target=/c make \\\n  all\nCMD ["x", "y"]\nCOPY --from=b /a /b\n';
    const model = new DockerfileModel(text);
    const nodes = model.instructions.map((i) => i.node);
    assert.equal(model.instructions.length, nodes.length);
    model.instructions.forEach((instr, i) => {
      const expected = nodes[i].getArguments().map((a) => ({ value: a.getValue(), range: a.getRange() }));
      assert.deepEqual(
        instr.args.map((w) => ({ value: w.value, range: w.range })),
        expected,
        instr.keyword,
      );
    });
    assert.deepEqual(model.instructions[1].args[1].range, {
      start: { line: 2, character: 2 },
      end: { line: 2, character: 5 },
    });
  });
});
