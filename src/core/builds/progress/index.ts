// One entry point for the runner: a parser for the format the build command prints.
import type { DockerfileModel } from '../../dockerfile/model';
import type { ProgressFormat } from '../command';
import { LineSplitter, type LineParser } from './lines';
import { PlainProgressParser } from './plain';
import { PodmanProgressParser } from './podman';
import { RawJsonProgressParser } from './rawjson';
import { BuildProgress, type ProgressListener } from './steps';

export { BuildProgress, STEP_LOG_LINES, STEP_LOG_LINE_CHARS } from './steps';
export type { BuildFailure, BuildStep, ProgressEvent, ProgressListener, StepState } from './steps';
export { parseStepName, locateStep, stepInstructions } from './stepName';

export interface ProgressParser {
  /** A chunk of one stream's output: a line cut between chunks waits for the rest of its own stream. */
  push(chunk: string, stream?: 'stdout' | 'stderr'): void;
  end(exitCode?: number): void;
}

function lineParser(format: ProgressFormat, progress: BuildProgress): LineParser {
  if (format === 'rawjson') return new RawJsonProgressParser(progress);
  if (format === 'plain') return new PlainProgressParser(progress);
  if (format === 'podman') return new PodmanProgressParser(progress);
  return { line: () => {}, end: (exitCode) => progress.end(exitCode) };
}

/** A parser for `format`, reporting to `progress`; `none` keeps the steps empty. */
export function progressParser(format: ProgressFormat, progress: BuildProgress): ProgressParser {
  const parser = lineParser(format, progress);
  // podman prints steps on stdout and errors on stderr: one splitter for both would join a
  // stdout line's halves to a stderr line that came between them
  const splitters = new Map<string, LineSplitter>();
  return {
    push(chunk, stream = 'stderr') {
      let splitter = splitters.get(stream);
      if (!splitter) splitters.set(stream, (splitter = new LineSplitter((line) => parser.line(line))));
      splitter.push(chunk);
    },
    end(exitCode) {
      for (const splitter of splitters.values()) splitter.end();
      parser.end(exitCode);
    },
  };
}

/** Parses a whole recorded output at once (tests, and logs read back from disk). */
export function parseProgress(
  output: string,
  format: ProgressFormat,
  options: { dockerfile?: DockerfileModel; exitCode?: number; listener?: ProgressListener } = {},
): BuildProgress {
  const progress = new BuildProgress(options.listener, options.dockerfile);
  const parser = progressParser(format, progress);
  parser.push(output);
  parser.end(options.exitCode);
  return progress;
}
