// A `bake` task: a target (or group) of a bake file, built by `docker buildx bake` with plain
// progress (bake 0.13 has no rawjson), so that the runner and its progress parser are the build's.
import path from 'node:path';
import { absolutePath } from '../../paths';
import { BUILDER_NAME } from '../builders';
import type { BuildCommand } from '../command';
import type { Engine } from '../engine';
import { quoted, typeProblem, type FieldType } from '../spec';
import { BAKE_NAME } from './definition';
import { bakeFolder, requireBuildx } from './read';

export interface BakeSpec {
  /** The bake file (HCL or JSON); absolute once read from a task. */
  file: string;
  /** The target or group to build; bake's `default` when left out. */
  target?: string;
  /** buildx builder (the session checks it and puts it on the command: see onBuilder). */
  builder?: string;
  noCache?: boolean;
  /** Always pull the base images (`--pull`). */
  pull?: boolean;
  /** Overrides, `pattern.key=value` (`--set`), e.g. `*.platform=linux/arm64`. */
  set?: string[];
}

/** Every BakeSpec field with its type; the `bake` task schema in package.json lists the same. */
export const BAKE_SPEC_FIELDS: Readonly<Record<keyof BakeSpec, FieldType>> = {
  file: 'string',
  target: 'string',
  builder: 'string',
  noCache: 'boolean',
  pull: 'boolean',
  set: 'strings',
};

/** A bake task field is missing or wrong: found before anything starts. */
export class BakeSpecError extends Error {
  override readonly name = 'BakeSpecError';
  constructor(
    readonly field: keyof BakeSpec,
    message: string,
  ) {
    super(message);
  }
}

/** A bake task's fields (tasks.json, checked: it is written by hand) as a BakeSpec, the file made
 * absolute from the workspace folder, `~` from the home folder. */
export function bakeSpecFromTaskFields(fields: Readonly<Record<string, unknown>>, folder: string): BakeSpec {
  const spec: Record<string, unknown> = {};
  for (const [field, type] of Object.entries(BAKE_SPEC_FIELDS) as [keyof BakeSpec, FieldType][]) {
    const value = fields[field];
    if (value === undefined) continue;
    const problem = typeProblem(type, value);
    if (problem) throw new BakeSpecError(field, `The bake task's '${field}' ${problem}.`);
    spec[field] = value;
  }
  if (typeof spec.file !== 'string' || !spec.file.trim())
    throw new BakeSpecError('file', "A bake task needs 'file': the bake file, relative to the workspace folder.");
  return { ...(spec as Partial<BakeSpec>), file: absolutePath(folder, spec.file) };
}

function validate(spec: BakeSpec): void {
  if (spec.target !== undefined && !BAKE_NAME.test(spec.target))
    throw new BakeSpecError('target', `${quoted(spec.target)} is not a bake target name (letters, digits, _ and -).`);
  if (spec.builder !== undefined && !BUILDER_NAME.test(spec.builder))
    throw new BakeSpecError('builder', `${quoted(spec.builder)} is not a builder name.`);
  for (const value of spec.set ?? [])
    if (!/^[^=\s-][^=]*\.[^=.]+=/.test(value))
      throw new BakeSpecError('set', `${quoted(value)} is not an override like 'pattern.key=value'.`);
}

/** `docker buildx bake --file F --progress=plain … -- TARGET`, run in the file's folder (its
 * builder is added by onBuilder, once checked). */
export function bakeCommand(spec: BakeSpec, engine: Engine): BuildCommand & { cwd: string } {
  validate(spec);
  requireBuildx(engine);
  const args = ['buildx', 'bake', '--file', path.basename(spec.file), '--progress=plain'];
  if (spec.noCache) args.push('--no-cache');
  if (spec.pull) args.push('--pull');
  for (const value of spec.set ?? []) args.push('--set', value);
  args.push('--', spec.target ?? 'default');
  return { command: engine.command, args, env: { ...engine.env }, progress: 'plain', cwd: bakeFolder(spec.file) };
}
