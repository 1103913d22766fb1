// An ONBUILD's trigger runs in every build FROM this image, as if written after that build's FROM:
// `ONBUILD RUN sudo apt-get install x` has the faults of the same RUN. The rules that judge one
// instruction on its own judge triggers too. The file is read again with a copy of each trigger
// at the end of its stage, where it sees what a child build sees (the image's last USER, SHELL and
// ENV), each copy in the columns of its original; what the rules report inside a copy is moved
// back to the trigger, with the fixes that edit nothing but the trigger.
import { INSTRUCTION_KEYWORDS, DockerfileModel, type Instr } from '../dockerfile/model';
import type { Rule, RuleContext } from '../rule';
import type { Finding, Position, Range } from '../types';
import { execRuns, keepExecFormValid } from './execFormFixes';
import { plainFix } from './lazyFix';

/**
 * The rules that judge a trigger as they judge the instruction written plainly. Not the others:
 * stage-wide rules (the final user, health checks, layer order, merging RUNs) are about this
 * image's stages, and a trigger's COPY, --from and variables are the child build's context,
 * stages and ARGs, which this file does not show.
 */
export const TRIGGER_RULES: ReadonlySet<string> = new Set([
  'sudo',
  'apt-get-yes',
  'apt-no-install-recommends',
  'apt-over-apt-get',
  'apt-update-alone',
  'apt-lists-cleanup',
  'apk-no-cache',
  'pip-no-cache-dir',
  'package-cache-cleanup',
  'cache-mount',
  'pipefail',
  'run-cd',
  'json-args',
  'add-instead-of-copy',
  'workdir-absolute',
  'expose-ssh',
  'secret-in-arg-env',
]);

/** Triggers BuildKit refuses (syntax-error reports them): nothing to read in them. */
const REFUSED = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);

export interface TriggerView {
  /** The file with a copy of each trigger at the end of its stage. */
  model: DockerfileModel;
  /** Each copy's range in model, and how many lines below its trigger it stands. */
  copies: { range: Range; shift: number }[];
}

/** The file as the trigger rules read it; undefined when it has no ONBUILD with a trigger to read. */
export function triggerView(model: DockerfileModel): TriggerView | undefined {
  // most files have no ONBUILD: the editor re-lints them on every keystroke
  if (!model.instructions.some((i) => i.keyword === 'ONBUILD')) return undefined;
  const lines = [...model.lines];
  const copies: TriggerView['copies'] = [];
  let added = 0;
  for (const stage of model.stages) {
    const triggers = stage.instructions
      .map((i) => model.trigger(i))
      .filter((t): t is Instr => !!t && INSTRUCTION_KEYWORDS.has(t.keyword) && !REFUSED.has(t.keyword));
    const last = stage.instructions[stage.instructions.length - 1];
    // a stage that ends in an escape would continue into the copies
    if (!triggers.length || /[\\`][ \t]*$/.test(model.lines[last.range.end.line])) continue;
    let at = last.range.end.line + 1 + added;
    for (const trigger of triggers) {
      const { start, end } = trigger.range;
      const copy = model.lines.slice(start.line, end.line + 1);
      copy[0] = ' '.repeat(start.character) + copy[0].slice(start.character);
      lines.splice(at, 0, ...copy);
      const shift = at - start.line;
      copies.push({ range: shiftRange(trigger.range, shift), shift });
      at += copy.length;
      added += copy.length;
    }
  }
  return copies.length ? { model: new DockerfileModel(lines.join('\n')), copies } : undefined;
}

/** What the rule reports inside the copies, moved back to the triggers, with only the fixes that edit the trigger alone. */
export function triggerFindings(view: TriggerView, rule: Rule, ctx: RuleContext): Finding[] {
  const runs = execRuns(view.model);
  const copyOf = (range: Range) => view.copies.find((c) => contains(c.range, range));
  const found: Finding[] = [];
  for (const finding of rule.check({ ...ctx, dockerfile: view.model })) {
    const copy = copyOf(finding.range);
    if (!copy) continue;
    const f = runs.length ? keepExecFormValid(view.model, runs, finding) : finding;
    const back = (r: Range) => shiftRange(r, -copy.shift);
    found.push({
      range: back(f.range),
      message: f.message,
      // an edit outside the trigger (a USER or SHELL line, the syntax directive) would change this image, not the child
      fixes: f.fixes
        ?.filter((fix) => !fix.contextEdits?.length && fix.edits.every((e) => copyOf(e.range) === copy))
        .map((fix) => ({ ...plainFix(fix), edits: fix.edits.map((e) => ({ ...e, range: back(e.range) })) })),
      related: f.related?.filter((r) => copyOf(r.range) === copy).map((r) => ({ ...r, range: back(r.range) })),
    });
  }
  return found;
}

function shiftRange(range: Range, lines: number): Range {
  return {
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  };
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);

function contains(outer: Range, inner: Range): boolean {
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}
