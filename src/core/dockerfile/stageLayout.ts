// Where things go in a stage: the build steps, and the trailing instructions that only describe
// how the image runs (CMD, ENTRYPOINT, EXPOSE …), before which fixes insert USER or HEALTHCHECK.
import { memoOn } from '../memo';
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

const BY_KEYWORD = Symbol('dockwright.instructionsByKeyword');

/**
 * The stage's instructions of one keyword, in order. Kept on the stage: rules ask for the SHELL or
 * USER in force at each RUN, and a scan of the stage each time made them quadratic.
 */
export function instructionsOf(stage: Stage, keyword: string): readonly Instr[] {
  // only the keywords asked for (USER, SHELL …): the stage is new with each edit's model
  const byKeyword = memoOn(stage, BY_KEYWORD, () => new Map<string, readonly Instr[]>());
  let list = byKeyword.get(keyword);
  if (!list) byKeyword.set(keyword, (list = stage.instructions.filter((i) => i.keyword === keyword)));
  return list;
}

/** The last of `list` (in document order) whose index is below `index`. */
export function lastBefore(list: readonly Instr[], index: number): Instr | undefined {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].index < index) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? list[lo - 1] : undefined;
}
