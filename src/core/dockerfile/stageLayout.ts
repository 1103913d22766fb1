// Where things go in a stage: the build steps, and the trailing instructions that only describe
// how the image runs (CMD, ENTRYPOINT, EXPOSE …), before which fixes insert USER or HEALTHCHECK.
import type { Instr, Stage } from './model';

const RUNTIME_ONLY = new Set([
  'CMD',
  'ENTRYPOINT',
  'EXPOSE',
  'HEALTHCHECK',
  'LABEL',
  'STOPSIGNAL',
  'VOLUME',
  'ONBUILD',
]);

/** The instructions after the last build step that only set how the image runs. */
export function trailingRuntimeBlock(stage: Stage): Instr[] {
  let i = stage.instructions.length;
  while (i > 1 && RUNTIME_ONLY.has(stage.instructions[i - 1].keyword)) i--;
  return stage.instructions.slice(i);
}

/** The instruction a new USER or HEALTHCHECK goes before: the first trailing CMD/ENTRYPOINT. */
export function beforeStart(stage: Stage): Instr | undefined {
  return trailingRuntimeBlock(stage).find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
}

/** The last instruction of the stage. */
export function lastInstruction(stage: Stage): Instr {
  return stage.instructions[stage.instructions.length - 1];
}
