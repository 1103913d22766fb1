// What each instruction of the built stage added to the image, for the notes at the end of its line
// (`+84.2 MB`, `no layer`; the FROM line: the base image's bytes), and how they join the build's
// timings on the same line: `+84.2 MB · 12.3 s`. No vscode here: the unit tests read it as is.
import type { StepNote } from '../../core/builds';
import type { DockerfileModel } from '../../core/dockerfile/model';
import { formatBytes } from '../../core/images/bytes';
import type { InstructionLayer, LayerMapping } from '../../core/images/mapping';

/** A note's shape, timing or size: drawn at the end of `line`, cleared by an edit up to `endLine`. */
export type SizeNote = StepNote;

/** `+84.2 MB`, or `no layer` for an instruction the engine says made none. */
export function addedText(step: Pick<InstructionLayer, 'size' | 'emptyLayer'>): string {
  return step.emptyLayer ? 'no layer' : `+${formatBytes(step.size)}`;
}

/**
 * The size notes of a mapped history: one per instruction of the built stage and the stages it is
 * FROM, and the base image's on the root FROM (with what its ONBUILD triggers added). An unmapped
 * history gives none: a size on the wrong line misleads more than no size.
 */
export function sizeNotes(mapping: LayerMapping, model: DockerfileModel): SizeNote[] {
  if (!mapping.mapped) return [];
  const endLine = (instruction: number) => model.instructions[instruction]?.range.end.line ?? 0;
  const { base } = mapping;
  const onBuild = mapping.steps.filter((s) => s.onBuild !== undefined);
  const triggers = onBuild.length ? ` · ONBUILD +${formatBytes(onBuild.reduce((sum, s) => sum + s.size, 0))}` : '';
  const from: SizeNote = {
    line: base.line,
    endLine: endLine(base.instruction),
    text: `${base.image === 'scratch' ? 'no base image' : `base image ${formatBytes(base.size)}`}${triggers}`,
  };
  const steps = mapping.steps
    .filter((s) => s.onBuild === undefined)
    .map((s) => ({ line: s.line, endLine: endLine(s.instruction), text: addedText(s) }));
  return [from, ...steps];
}

/** The text drawn on each line: its size, then its timing, either alone when the other is missing. */
export function joinNotes(timings: readonly StepNote[], sizes: readonly SizeNote[]): StepNote[] {
  const byLine = new Map<number, { line: number; endLine: number; size?: string; timing?: string }>();
  for (const t of timings) byLine.set(t.line, { line: t.line, endLine: t.endLine, timing: t.text });
  for (const s of sizes) {
    const known = byLine.get(s.line);
    byLine.set(s.line, {
      line: s.line,
      endLine: Math.max(s.endLine, known?.endLine ?? 0),
      timing: known?.timing,
      size: s.text,
    });
  }
  return [...byLine.values()]
    .sort((a, b) => a.line - b.line)
    .map(({ line, endLine, size, timing }) => ({
      line,
      endLine,
      text: [size, timing].filter((t) => t !== undefined).join(' · '),
    }));
}
