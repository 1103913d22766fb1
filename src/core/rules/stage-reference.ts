import type { DockerfileModel, Stage } from '../dockerfile/model';
import type { Rule } from '../rule';
import type { Finding, Range } from '../types';

/** `--from=node:20`, `--from=ghcr.io/x/y` or `--from=alpine@sha256:…` name images, not stages. */
const IMAGE_LIKE = /[/:@.]/;

export const stageReference: Rule = {
  id: 'stage-reference',
  aliases: {
    hadolint: ['DL3022', 'DL3023', 'DL3024'],
    buildkit: ['DuplicateStageName'],
    trivy: ['DS-0006', 'DS-0012'],
  },
  defaultLevel: 'error',
  title: 'COPY --from names an unknown stage or its own stage; two stages share a name',
  check({ dockerfile }) {
    const findings: Finding[] = [];
    const firstByName = new Map<string, Stage>();
    for (const stage of dockerfile.stages) {
      if (!stage.name) continue;
      const first = firstByName.get(stage.name);
      if (!first) {
        firstByName.set(stage.name, stage);
        continue;
      }
      findings.push({
        range: nameRange(stage) ?? stage.from.range,
        message: `Stage name ${stage.name} is already used by stage ${first.index}: COPY --from and --target can only reach one of them.`,
        related: [{ range: nameRange(first) ?? first.from.range, message: `first stage named ${stage.name}` }],
      });
    }
    for (const instr of dockerfile.instructions) {
      if (instr.keyword !== 'COPY' || instr.stage < 0) continue;
      const flag = instr.flags.find((f) => f.name === 'from');
      const ref = flag?.value?.replace(/^["']|["']$/g, '');
      if (!flag || !ref || ref.includes('$')) continue;
      const problem = problemWith(dockerfile, instr.stage, ref);
      if (problem) findings.push({ range: flag.range, message: problem });
    }
    return findings;
  },
};

function problemWith(model: DockerfileModel, current: number, ref: string): string | undefined {
  const stages = model.stages;
  const byIndex = /^\d+$/.test(ref) ? Number(ref) : undefined;
  const target = byIndex !== undefined ? stages[byIndex] : model.stageByRef(ref);
  if (target?.index === current) return `COPY --from=${ref} names the stage it is in: a stage cannot copy from itself.`;
  if (target && target.index > current)
    return `COPY --from=${ref} names a later stage: copy only from stages defined above.`;
  if (target) return undefined;
  if (byIndex !== undefined) return `COPY --from=${ref}: there is no stage ${ref} (stages are numbered from 0).`;
  if (IMAGE_LIKE.test(ref)) return undefined;
  const known = stages.filter((s) => s.name).map((s) => s.name);
  const list = known.length ? ` Stages: ${known.join(', ')}.` : '';
  return `COPY --from=${ref} names no stage, so it pulls an image called ${ref}.${list} If an image is meant, give it a tag (${ref}:<version>).`;
}

function nameRange(stage: Stage): Range | undefined {
  const as = stage.from.args.findIndex((a) => a.value.toLowerCase() === 'as');
  return as > 0 ? stage.from.args[as + 1]?.range : undefined;
}
