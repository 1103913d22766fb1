// A bake run: `docker buildx bake` of a target or group, through the same plan and runner as a
// build. Before anything starts, buildx reads the bake file (--print): a file it cannot read
// stops the run with its own message, and the printed targets say which Dockerfile each step's
// note and the failure mark go to.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BakeRun, BakeSpec } from '../../core/builds';
import type { DockerfileModel } from '../../core/dockerfile/model';
import { chosenBuilder, readModel, runPlanned, type BuildPlan, type BuildServices } from './session';

export interface BakeRequest {
  bake: BakeSpec;
}

async function planBake({ bake: spec }: BakeRequest, services: BuildServices): Promise<BuildPlan> {
  const core = await services.loadCore();
  const engine = await services.engines.engine();
  const command = core.bakeCommand(spec, engine);
  const builder = await chosenBuilder(services, engine, spec.builder);
  const target = spec.target ?? 'default';
  const printed = await core.printBake(engine, spec.file, [target]);
  const models = new Map<string, DockerfileModel | undefined>();
  const run: BakeRun = {
    targets: printed.targets,
    folder: core.bakeFolder(spec.file),
    model: (file) => {
      if (!models.has(file)) models.set(file, readModel(core, vscode.Uri.file(file)));
      return models.get(file);
    },
  };
  return {
    name: `${path.basename(spec.file)} ${target}`,
    action: 'build',
    commands: [builder ? core.onBuilder(command, builder) : command],
    cwd: command.cwd,
    marks: (result) => {
      const failed = result.failure && core.bakeFailure(result.failure, run);
      return [...core.bakeSteps(result.progress.steps, run)].map(([file, steps]) => ({
        uri: vscode.Uri.file(file),
        notes: core.stepNotes(steps),
        failure:
          failed?.dockerfile === file ? { line: failed.line, message: core.failureMessage(failed.failure) } : undefined,
        lineCount: run.model(file)?.lines.length,
      }));
    },
  };
}

/** Runs a bake request; resolves to its exit code. */
export function runBake(
  request: BakeRequest,
  services: BuildServices,
  write: (text: string) => void,
  signal: AbortSignal,
): Promise<number> {
  return runPlanned(() => planBake(request, services), services, write, signal);
}
