// Work counted by structure rather than by the clock: how often a rule reads an instruction or a
// stage out of the model's lists. A rule that goes over the stage again for each instruction
// reads the square of its length; tests compare two sizes (no timed tests).
import { DockerfileModel, type Instr, type Stage } from '../../src/core/dockerfile/model';
import type { Rule } from '../../src/core/rule';

export interface Work {
  reads: number;
  findings: number;
  instructions: number;
}

/** Runs the rule's check on the text (fixes worked out too), counting reads of the model's lists. */
export function instructionReads(rule: Rule, text: string): Work {
  const model = new DockerfileModel(text);
  let reads = 0;
  const counted = <T>(list: T[]): T[] =>
    new Proxy(list, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
  const instructions = model.instructions.length;
  Object.defineProperty(model, 'instructions', { value: counted<Instr>(model.instructions) });
  for (const stage of model.stages) stage.instructions = counted(stage.instructions);
  Object.defineProperty(model, 'stages', { value: counted<Stage>(model.stages) });
  const found = rule.check({ dockerfile: model });
  for (const f of found) for (const fix of f.fixes ?? []) void fix.edits;
  return { reads, findings: found.length, instructions };
}
