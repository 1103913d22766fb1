// BuildKit names a Dockerfile step `[<platform> <stage> <i>/<n>] <instruction>`: the index pads to
// the width of n (`[build  3/12]`), an unnamed stage has no name or `stage-N`, and BuildKit's own
// work reads `[internal] …`. These turn such a name back into the Dockerfile instruction.
import type { DockerfileModel, Instr, Stage } from '../../dockerfile/model';

export interface StepName {
  internal: boolean;
  stage?: string;
  index?: number;
  total?: number;
  instruction: string;
}

const NUMBERED = /^\[(.*?)\s*(\d+)\/(\d+)\]\s+([\s\S]*)$/;
const BRACKETED = /^\[([^\]]*)\]\s*([\s\S]*)$/;

export function parseStepName(name: string): StepName {
  const numbered = NUMBERED.exec(name);
  if (numbered) {
    // platform words hold a slash (`linux/arm64`); the stage name is the word that does not
    const stage = numbered[1]
      .split(/\s+/)
      .filter((w) => w && !w.includes('/'))
      .pop();
    return { internal: false, stage, index: Number(numbered[2]), total: Number(numbered[3]), instruction: numbered[4] };
  }
  const bracketed = BRACKETED.exec(name);
  if (bracketed) return { internal: true, stage: bracketed[1] || undefined, instruction: bracketed[2] };
  return { internal: true, instruction: name };
}

// The instructions BuildKit makes a vertex of, and so counts in `i/n`.
const VERTEX_KEYWORDS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

/** A stage's instructions that appear as steps: FROM an image (not scratch, not a stage), RUN, COPY, ADD, WORKDIR. */
export function stepInstructions(stage: Stage): Instr[] {
  return stage.instructions.filter((i) =>
    i.keyword === 'FROM' ? stage.image !== undefined : VERTEX_KEYWORDS.has(i.keyword),
  );
}

const normalise = (text: string): string =>
  text
    .replace(/\\\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function candidateStages(model: DockerfileModel, stageName: string | undefined): Stage[] {
  if (stageName === undefined) return model.stages;
  const unnamed = /^stage-(\d+)$/.exec(stageName);
  const stage = model.stageByRef(stageName) ?? (unnamed ? model.stages[Number(unnamed[1])] : undefined);
  return stage ? [stage] : [];
}

const keywordOf = (instruction: string): string => instruction.split(/\s/, 1)[0].toUpperCase();

/** The Dockerfile instruction a step comes from, or undefined when it cannot be told. */
export function locateStep(model: DockerfileModel, step: StepName): Instr | undefined {
  if (step.internal) return undefined;
  const keyword = keywordOf(step.instruction);
  const text = normalise(step.instruction);
  const byText = (instrs: Instr[]) =>
    instrs.find((i) => i.keyword === keyword && normalise(`${i.keyword} ${i.argsText}`) === text);
  const stages = candidateStages(model, step.stage);
  // First by position: exact whenever our count of a stage's steps agrees with BuildKit's.
  const byPosition = stages
    .map(stepInstructions)
    .filter((instrs) => instrs.length === step.total)
    .map((instrs) => instrs[step.index! - 1])
    .filter((i) => i?.keyword === keyword);
  if (byPosition.length === 1) return byPosition[0];
  if (byPosition.length > 1) return byText(byPosition) ?? byPosition[0];
  // Counts disagree (ONBUILD, a newer frontend): fall back to the text, then to the only instruction of that kind.
  const all = stages.flatMap(stepInstructions);
  const sameKind = all.filter((i) => i.keyword === keyword);
  return byText(all) ?? (sameKind.length === 1 ? sameKind[0] : undefined);
}
