// The stages of a Dockerfile as a build-targets view shows them: name or index, base, and the
// stages each one depends on through FROM and `COPY --from`.
import type { DockerfileModel, Stage } from './model';

export interface StageNode {
  index: number;
  /** The stage name, or its index when it has none. */
  label: string;
  /** Named stages can be built with `--target`. */
  target?: string;
  base: string;
  /** Indexes of the stages it uses, in order, without repeats. */
  dependsOn: number[];
  /** 0-based line of its FROM. */
  line: number;
}

export function stageGraph(model: DockerfileModel): StageNode[] {
  return model.stages.map((stage) => ({
    index: stage.index,
    label: stage.name ?? String(stage.index),
    target: stage.name,
    base: stage.base,
    dependsOn: dependencies(model, stage),
    line: stage.from.range.start.line,
  }));
}

function dependencies(model: DockerfileModel, stage: Stage): number[] {
  const deps: number[] = [];
  if (stage.baseStage !== undefined) deps.push(stage.baseStage);
  for (const instr of stage.instructions) {
    const from = instr.flags.find((f) => f.name === 'from' && (instr.keyword === 'COPY' || instr.keyword === 'RUN'));
    const mountFrom =
      instr.keyword === 'RUN'
        ? instr.flags.filter((f) => f.name === 'mount').map((f) => /(?:^|,)from=([^,]+)/.exec(f.value ?? '')?.[1])
        : [];
    for (const ref of [from?.value, ...mountFrom]) {
      const dep = ref ? model.stageByRef(ref) : undefined;
      if (dep && dep.index < stage.index && !deps.includes(dep.index)) deps.push(dep.index);
    }
  }
  return deps;
}
