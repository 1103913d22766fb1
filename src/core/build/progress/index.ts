// One entry point for the runner: a parser for the format the build command prints.
import type { DockerfileModel } from '../../dockerfile/model';
import type { ProgressFormat } from '../command';
import { PlainProgressParser } from './plain';
import { PodmanProgressParser } from './podman';
import { RawJsonProgressParser } from './rawjson';
import { BuildProgress, type ProgressListener } from './steps';

export { BuildProgress } from './steps';
export type { BuildFailure, BuildStep, ProgressEvent, ProgressListener, StepState } from './steps';
export { parseStepName, locateStep, stepInstructions } from './stepName';
export { PlainProgressParser, PodmanProgressParser, RawJsonProgressParser };

export interface ProgressParser {
  push(chunk: string): void;
  end(exitCode?: number): void;
}

/** A parser for `format`, reporting to `listener`; `none` keeps the steps empty. */
export function progressParser(format: ProgressFormat, progress: BuildProgress): ProgressParser {
  if (format === 'rawjson') return new RawJsonProgressParser(progress);
  if (format === 'plain') return new PlainProgressParser(progress);
  if (format === 'podman') return new PodmanProgressParser(progress);
  return { push: () => {}, end: (exitCode) => progress.end(exitCode) };
}

/** Parses a whole recorded output at once (tests, and logs read back from disk). */
export function parseProgress(output: string, format: ProgressFormat, options: { dockerfile?: DockerfileModel; exitCode?: number; listener?: ProgressListener } = {}): BuildProgress {
  const progress = new BuildProgress(options.listener, options.dockerfile);
  const parser = progressParser(format, progress);
  parser.push(output);
  parser.end(options.exitCode);
  return progress;
}
