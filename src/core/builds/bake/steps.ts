// A bake run's steps, each given back to the Dockerfile it came from. With more than one target,
// buildx names each step after its target (`[api base 2/3] RUN …`, `[web internal] load …`,
// `[web] exporting to image`); with one, it names them as a build does. A step BuildKit shares
// between targets (the same FROM) is printed once, under the first target to reach it: when that
// target's Dockerfile has no such instruction, the others' are tried.
import path from 'node:path';
import type { DockerfileModel } from '../../dockerfile/model';
import { isRemoteContext } from '../taskFields';
import type { BuildFailure, BuildStep } from '../progress';
import { locateStep, parseStepName } from '../progress/stepName';
import type { BakeTarget } from './definition';

/** The Dockerfile a target builds, absolute; undefined for an inline one or a remote context. */
export function targetDockerfile(target: BakeTarget, folder: string): string | undefined {
  if (target.inline || isRemoteContext(target.context)) return undefined;
  const context = path.resolve(folder, target.context);
  return path.resolve(context, target.dockerfile);
}

export interface BakeRun {
  /** The targets the run builds (a group's, resolved by --print). */
  targets: readonly BakeTarget[];
  /** Where bake ran: the bake file's folder. */
  folder: string;
  /** The Dockerfile model of a path, when it can be read. */
  model(dockerfile: string): DockerfileModel | undefined;
}

/** `[api base 2/3] RUN x` → target `api`, name `[base 2/3] RUN x`, for a run of several targets. */
function splitTarget(name: string, run: BakeRun): { target?: BakeTarget; name: string } {
  if (run.targets.length === 1) return { target: run.targets[0], name };
  const prefixed = /^\[(\S+)(?: ([^\]]*))?\]\s*([\s\S]*)$/.exec(name);
  const target = prefixed && run.targets.find((t) => t.name === prefixed[1]);
  if (!prefixed || !target) return { name };
  return { target, name: prefixed[2] ? `[${prefixed[2]}] ${prefixed[3]}` : prefixed[3] };
}

export interface LocatedStep {
  /** The Dockerfile's absolute path. */
  dockerfile: string;
  step: BuildStep;
}

/** The step as it reads in its own target's Dockerfile (a copy, with range and line), or undefined. */
function locate(step: BuildStep, run: BakeRun): LocatedStep | undefined {
  const { target, name } = splitTarget(step.name, run);
  if (!target) return undefined;
  const parsed = parseStepName(name);
  const own = targetDockerfile(target, run.folder);
  if (parsed.internal) return own ? { dockerfile: own, step: { ...step, ...parsed } } : undefined;
  const others = run.targets.filter((t) => t !== target).map((t) => targetDockerfile(t, run.folder));
  for (const dockerfile of [own, ...others]) {
    const model = dockerfile ? run.model(dockerfile) : undefined;
    const instr = model && locateStep(model, parsed);
    if (dockerfile && instr) {
      const located = { ...step, ...parsed, range: instr.range, line: instr.range.start.line };
      return { dockerfile, step: located };
    }
  }
  return undefined;
}

/** Each Dockerfile of the run with its instruction steps, on their lines; every target's
 * Dockerfile is there, with no steps when none was found. */
export function bakeSteps(steps: readonly BuildStep[], run: BakeRun): Map<string, BuildStep[]> {
  const byFile = new Map<string, BuildStep[]>();
  for (const target of run.targets) {
    const dockerfile = targetDockerfile(target, run.folder);
    if (dockerfile) byFile.set(dockerfile, []);
  }
  for (const step of steps) {
    if (step.internal) continue;
    const located = locate(step, run);
    if (located && !located.step.internal) byFile.get(located.dockerfile)?.push(located.step);
  }
  return byFile;
}

/** Where a failed bake run failed: the failing step's Dockerfile and line. With one target, a
 * failure without a step (a Dockerfile that does not parse) is that target's, at the line BuildKit gave. */
export function bakeFailure(
  failure: BuildFailure,
  run: BakeRun,
): { dockerfile: string; line?: number; failure: BuildFailure } | undefined {
  const located = failure.step && locate(failure.step, run);
  if (located) return { dockerfile: located.dockerfile, line: located.step.line ?? failure.line, failure };
  const only = run.targets.length === 1 ? targetDockerfile(run.targets[0], run.folder) : undefined;
  return only ? { dockerfile: only, line: failure.line, failure } : undefined;
}
