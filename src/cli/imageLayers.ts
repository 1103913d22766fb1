// `dockwright image layers <image>`: where an image's bytes are, per Dockerfile instruction, and the
// bytes its layers hide; with budgets, so that CI can hold an image's size.
import fs from 'node:fs';
import path from 'node:path';
import { detectEngine, EngineNotFoundError, type EngineSetting } from '../core/builds/engine';
import { parseDockerfile, type DockerfileModel } from '../core/dockerfile/model';
import {
  attributeWaste,
  BYTE_SIZE_UNITS,
  EngineUnavailableError,
  formatBytes,
  ImageArchiveError,
  ImageCommandError,
  ImageNotFoundError,
  mapHistory,
  parseByteSize,
  readImageArchive,
  readImageFacts,
  rootBaseImage,
  UnreadableOutputError,
} from '../core/images';
import { printable } from '../core/printable';
import { EXIT } from './exitCodes';
import { formatLayersJson, formatLayersText, type LayersReport } from './imageLayersReport';
import type { CliEnvironment } from './main';
import { oneOf, parseCliArgs, UsageError } from './options';

export const IMAGE_LAYERS_HELP = `Usage: dockwright image layers <image> [options]

Shows where a local image's bytes are: the size each Dockerfile instruction's
layer adds (the base image's on its FROM line), and the wasted bytes: files a
layer adds that a later layer removes or overwrites, with the layers that added
and hid them. The image is read from the engine (docker or podman; DOCKER_HOST
is honoured): its history for the sizes, \`image save\` for the wasted bytes.

Options:
  --dockerfile <path>        the Dockerfile the image was built from: sizes per line
  --target <stage>           the stage that was built (default: the last one)
  --format <text|json>       output format (default: text)
  --max-size <size>          exit 1 when the image's layers add up to more
  --max-wasted <size>        exit 1 when its wasted bytes add up to more
  --no-wasted                skip the wasted bytes (no \`image save\`: quicker)
  --engine <auto|docker|buildx|podman>
                             the engine holding the image (default: auto, docker)
  -h, --help                 show this help

Sizes are bytes, or a number with a unit: ${BYTE_SIZE_UNITS},
e.g. 200MB or 1.5GiB.
Exit codes: 0 within the budgets, 1 over a budget, 2 a usage error, an image
that is not there or an engine that does not answer.`;

export interface ImageLayersOptions {
  image: string;
  dockerfile?: string;
  target?: string;
  format: 'text' | 'json';
  maxSize?: number;
  maxWasted?: number;
  wasted: boolean;
  engine: EngineSetting;
}

function byteSize(value: string | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  const bytes = parseByteSize(value);
  if (bytes === undefined) throw new UsageError(`${what} '${value}' is not a size: try 200MB or 1.5GiB`);
  return bytes;
}

/** The arguments after `image`; undefined for help. */
export function parseImageArgs(argv: string[]): ImageLayersOptions | undefined {
  const parsed = parseCliArgs(argv, {
    dockerfile: { type: 'string' },
    target: { type: 'string' },
    format: { type: 'string' },
    'max-size': { type: 'string' },
    'max-wasted': { type: 'string' },
    'no-wasted': { type: 'boolean' },
    engine: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const { values, positionals } = parsed;
  const [command, image, ...extra] = positionals;
  if (values.help || command === 'help') return undefined;
  if (command !== 'layers')
    throw new UsageError(
      command
        ? `unknown command 'image ${command}': try \`dockwright image layers <image>\` or \`dockwright image verify <image>\``
        : 'no command given: try `dockwright image layers <image>`',
    );
  if (!image) throw new UsageError('no image given: try `dockwright image layers <image>`');
  if (extra.length) throw new UsageError(`one image at a time: '${extra[0]}' is one too many`);
  if (values.target !== undefined && values.dockerfile === undefined)
    throw new UsageError('--target needs --dockerfile: it names a stage of that Dockerfile');
  if (values['no-wasted'] && values['max-wasted'] !== undefined)
    throw new UsageError('--max-wasted needs the wasted bytes: leave out --no-wasted');
  return {
    image,
    dockerfile: values.dockerfile,
    target: values.target,
    format: oneOf(values.format ?? 'text', ['text', 'json'] as const, '--format'),
    maxSize: byteSize(values['max-size'], '--max-size'),
    maxWasted: byteSize(values['max-wasted'], '--max-wasted'),
    wasted: !values['no-wasted'],
    engine: oneOf(values.engine ?? 'auto', ['auto', 'docker', 'buildx', 'podman'] as const, '--engine'),
  };
}

function readDockerfile(file: string, target: string | undefined): DockerfileModel {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(
      `cannot read the Dockerfile ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  const model = parseDockerfile(text);
  if (!model.stages.length) throw new UsageError(`${file} has no FROM: is it a Dockerfile?`);
  if (target && !model.finalStage(target))
    throw new UsageError(`--target '${target}': ${file} has no stage of that name`);
  return model;
}

const KNOWN_FAILURES = [
  ImageNotFoundError,
  EngineUnavailableError,
  EngineNotFoundError,
  ImageCommandError,
  ImageArchiveError,
  UnreadableOutputError,
];

async function report(options: ImageLayersOptions, cwd: string, env: NodeJS.ProcessEnv): Promise<LayersReport> {
  const file = options.dockerfile && path.resolve(cwd, options.dockerfile);
  const model = file ? readDockerfile(file, options.target) : undefined;
  // the image is not built here: any docker CLI reads it, so auto skips the buildx probe
  const engine = await detectEngine({ engine: options.engine === 'auto' ? 'docker' : options.engine, env });
  const baseImage = model && rootBaseImage(model, options.target);
  const facts = await readImageFacts(engine, options.image, { baseImage });
  const mapping = model
    ? mapHistory(model, facts.history, { target: options.target, baseOnBuild: facts.baseOnBuild })
    : undefined;
  const waste = options.wasted ? attributeWaste(await readImageArchive(engine, options.image), mapping) : undefined;
  return {
    image: options.image,
    engine: engine.kind,
    facts,
    dockerfile: file,
    model,
    target: options.target,
    mapping,
    waste,
  };
}

/** `dockwright image …`: the arguments after `image`. */
export async function runImageCommand(argv: string[], environment: CliEnvironment): Promise<number> {
  const stdout = environment.stdout ?? process.stdout;
  const stderr = environment.stderr ?? process.stderr;
  const complain = (message: string) => stderr.write(`dockwright: ${printable(message)}\n`);
  let options;
  try {
    options = parseImageArgs(argv);
    if (!options) return (stdout.write(IMAGE_LAYERS_HELP + '\n'), EXIT.clean);
    const layers = await report(options, environment.cwd, environment.env ?? process.env);
    stdout.write(
      options.format === 'json' ? formatLayersJson(layers, environment.cwd) : formatLayersText(layers, environment.cwd),
    );
    if (layers.mapping && !layers.mapping.mapped) complain(`the sizes are not shown by line: ${layers.mapping.reason}`);
    const total = layers.facts.history.reduce((sum, e) => sum + e.size, 0);
    const over = [
      options.maxSize !== undefined && total > options.maxSize
        ? `the image's layers add up to ${formatBytes(total)}, over --max-size ${formatBytes(options.maxSize)}`
        : undefined,
      options.maxWasted !== undefined && layers.waste && layers.waste.total > options.maxWasted
        ? `its wasted bytes add up to ${formatBytes(layers.waste.total)}, over --max-wasted ${formatBytes(options.maxWasted)}`
        : undefined,
    ].filter((m) => m !== undefined);
    for (const m of over) complain(m);
    return over.length ? EXIT.findings : EXIT.clean;
  } catch (error) {
    if (error instanceof UsageError) {
      complain(error.message);
      stderr.write('Run `dockwright image layers --help` for the options.\n');
      return EXIT.trouble;
    }
    if (KNOWN_FAILURES.some((kind) => error instanceof kind)) {
      complain((error as Error).message);
      return EXIT.trouble;
    }
    throw error;
  }
}
