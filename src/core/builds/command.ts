// BuildSpec → the argument array of one engine. Everything an engine cannot do is refused here,
// with a BuildSpecError naming the field, so that nothing starts half-way.
import { REPOSITORY_PATH } from '../dockerfile/imageRef';
import {
  BuildSpecError,
  checkFieldTypes,
  quoted,
  type BuildSpec,
  type EngineKind,
  type ProgressMode,
  type SecretSource,
} from './spec';
import type { Engine } from './engine';

/** How the runner should read the command's progress output (podman's comes on stdout and stderr). */
export type ProgressFormat = 'plain' | 'rawjson' | 'podman' | 'none';

export interface EngineCommand {
  command: string;
  args: string[];
  /** Added to the caller's environment (DOCKER_HOST and friends are passed on, never dropped). */
  env: Record<string, string>;
}

export interface BuildCommand extends EngineCommand {
  progress: ProgressFormat;
}

// A loose Docker reference check: the engine has the last word, but a tag with a space or capital
// letters in its path is refused before the build rather than after it.
const REFERENCE = new RegExp(
  `^(?:[a-zA-Z0-9.-]+(?::\\d+)?\\/)?${REPOSITORY_PATH}(?::\\w[\\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`,
);
const PLATFORM = /^[a-z0-9_]+(?:\/[a-z0-9_]+){1,2}$/i;

function unsupported(field: keyof BuildSpec, engine: EngineKind, why: string): BuildSpecError {
  return new BuildSpecError(field, `The ${engine} engine cannot do '${field}': ${why}.`, engine);
}

function validate(spec: BuildSpec): void {
  // a spec from tasks.json or another extension may not be what its type says
  checkFieldTypes(spec);
  if (typeof spec.context !== 'string' || !spec.context.trim())
    throw new BuildSpecError('context', 'The build context is empty: give a folder.');
  for (const tag of spec.tags ?? []) {
    if (!REFERENCE.test(tag))
      throw new BuildSpecError(
        'tags',
        `${quoted(tag)} is not a valid image reference (name[:tag], lower-case, no spaces).`,
      );
  }
  for (const platform of spec.platforms ?? []) {
    if (!PLATFORM.test(platform))
      throw new BuildSpecError('platforms', `${quoted(platform)} is not a platform like linux/amd64.`);
  }
  for (const field of ['buildArgs', 'labels'] as const) {
    for (const key of Object.keys(spec[field] ?? {})) {
      if (!key || key.includes('=') || /\s/.test(key))
        throw new BuildSpecError(
          field,
          `${quoted(key)} is not a valid ${field === 'labels' ? 'label' : 'build argument'} name.`,
        );
    }
  }
  for (const secret of spec.secrets ?? []) validateSecret(secret);
  if (spec.push && !spec.tags?.length) throw new BuildSpecError('push', 'Pushing needs at least one tag.');
  if (spec.load && (spec.platforms?.length ?? 0) > 1) {
    throw new BuildSpecError(
      'load',
      'An image with several platforms cannot be loaded into the engine: push it, or build one platform.',
    );
  }
}

function validateSecret(secret: SecretSource): void {
  const value = 'src' in secret ? secret.src : secret.env;
  if (!secret.id || /[,=\s]/.test(secret.id))
    throw new BuildSpecError(
      'secrets',
      `Secret id ${quoted(secret.id ?? '')} must be a word without commas, '=' or spaces.`,
    );
  if ('src' in secret === 'env' in secret)
    throw new BuildSpecError(
      'secrets',
      `Secret ${quoted(secret.id)} needs exactly one of src (a file) or env (a variable).`,
    );
  if (!value || value.includes(','))
    throw new BuildSpecError('secrets', `Secret ${quoted(secret.id)} has an empty value or one with a comma.`);
}

function secretFlag(secret: SecretSource): string {
  return 'src' in secret ? `id=${secret.id},src=${secret.src}` : `id=${secret.id},env=${secret.env}`;
}

const entries = (record: Record<string, string> | undefined): string[] =>
  Object.entries(record ?? {}).map(([k, v]) => `${k}=${v}`);
const repeat = (flag: string, values: string[] | undefined): string[] => (values ?? []).flatMap((v) => [flag, v]);
const attestation = (flag: string, value: boolean | string | undefined): string[] =>
  value === undefined ? [] : [`${flag}=${value}`];

/** Refuses the fields an engine other than buildx cannot do. */
function checkEngine(spec: BuildSpec, engine: EngineKind): void {
  if (engine === 'buildx') return;
  const buildxOnly = ['builder', 'provenance', 'sbom', 'metadataFile'] as const;
  for (const field of buildxOnly) if (spec[field] !== undefined) throw unsupported(field, engine, 'it needs buildx');
  if (spec.push) throw unsupported('push', engine, 'build first, then push each tag (buildAndPushCommands does this)');
  if ((spec.platforms?.length ?? 0) > 1)
    throw unsupported('platforms', engine, 'building several platforms at once needs buildx');
  if (engine === 'docker' && spec.cacheTo?.length) throw unsupported('cacheTo', engine, 'exporting cache needs buildx');
  // docker build (20.10) reads each --cache-from as an image reference; podman takes one repository
  for (const value of spec.cacheFrom ?? []) {
    if (registryCacheRef(value) === undefined)
      throw unsupported(
        'cacheFrom',
        engine,
        `${quoted(value)} is not a registry cache; only buildx reads other cache types`,
      );
  }
  if (engine === 'podman') {
    for (const field of ['cacheFrom', 'cacheTo'] as const)
      if ((spec[field]?.length ?? 0) > 1) throw unsupported(field, engine, 'podman takes one cache repository');
    // cacheFrom was checked above, for docker too
    if (spec.cacheTo?.length && registryCacheRef(spec.cacheTo[0]) === undefined)
      throw unsupported('cacheTo', engine, 'podman takes only a registry repository as cache');
  }
}

/** `type=registry,ref=host/app` or a plain reference → the image reference; undefined for other cache types. */
function registryCacheRef(value: string): string | undefined {
  if (!value.includes('=')) return value;
  const fields = new Map(value.split(',').map((f) => f.split('=', 2) as [string, string]));
  return fields.get('type') === 'registry' ? fields.get('ref') : undefined;
}

function progressArgs(mode: ProgressMode, engine: EngineKind): { args: string[]; format: ProgressFormat } {
  const format: ProgressFormat =
    mode === 'rawjson' ? 'rawjson' : mode === 'plain' || mode === 'auto' ? 'plain' : 'none';
  if (engine === 'buildx') return { args: [`--progress=${mode}`], format };
  if (mode === 'quiet') return { args: ['--quiet'], format: 'none' };
  if (engine === 'docker' && (mode === 'auto' || mode === 'plain' || mode === 'tty'))
    return { args: [`--progress=${mode}`], format };
  // podman prints its own step lines and has no --progress flag
  if (engine === 'podman' && (mode === 'auto' || mode === 'plain')) return { args: [], format: 'podman' };
  throw unsupported('progress', engine, `progress '${mode}' needs buildx`);
}

/** The command line that builds `spec` with `engine`; throws BuildSpecError before anything runs. */
export function buildCommand(spec: BuildSpec, engine: Engine): BuildCommand {
  validate(spec);
  checkEngine(spec, engine.kind);
  const kind = engine.kind;
  const progress = progressArgs(spec.progress ?? 'plain', kind);
  const args = kind === 'buildx' ? ['buildx', 'build'] : ['build'];
  if (spec.dockerfile) args.push('--file', notAnOption(spec.dockerfile));
  if (spec.target) args.push('--target', spec.target);
  args.push(...repeat('--tag', spec.tags));
  if (spec.platforms?.length) args.push('--platform', spec.platforms.join(','));
  args.push(...repeat('--build-arg', entries(spec.buildArgs)));
  args.push(...repeat('--label', entries(spec.labels)));
  args.push(...repeat('--secret', spec.secrets?.map(secretFlag)));
  args.push(...repeat('--ssh', spec.ssh));
  const cacheValues = (values: string[] | undefined) =>
    kind === 'buildx' ? values : values?.map((v) => registryCacheRef(v)!);
  args.push(...repeat('--cache-from', cacheValues(spec.cacheFrom)));
  args.push(...repeat('--cache-to', cacheValues(spec.cacheTo)));
  args.push(...repeat('--output', spec.outputs));
  // docker and podman always load the image into the engine, so `load` only means something to buildx.
  if (kind === 'buildx' && spec.push) args.push('--push');
  if (kind === 'buildx' && spec.load) args.push('--load');
  if (spec.network) args.push('--network', spec.network);
  if (spec.noCache) args.push('--no-cache');
  if (spec.pull !== undefined) args.push(...pullArgs(spec.pull, kind));
  if (spec.builder) args.push('--builder', spec.builder);
  args.push(...attestation('--provenance', spec.provenance), ...attestation('--sbom', spec.sbom));
  if (spec.metadataFile) args.push('--metadata-file', spec.metadataFile);
  if (spec.iidFile) args.push('--iidfile', spec.iidFile);
  args.push(...progress.args, notAnOption(spec.context));
  return { ...engineCommand(engine, args), progress: progress.format };
}

/**
 * A path as an argument that cannot be read as anything else: the context is the one positional
 * argument, so `-x` there would be an option, and `-` (there or after --file) is the standard
 * input, which a build here never has. `./-x` is the same path. A flag's value is safe as it is:
 * the engines' parser takes the next argument whatever it starts with.
 */
function notAnOption(p: string): string {
  return p.startsWith('-') ? `./${p}` : p;
}

function pullArgs(pull: boolean, engine: EngineKind): string[] {
  if (engine === 'podman') return [`--pull=${pull ? 'always' : 'never'}`];
  return pull ? ['--pull'] : [];
}

function engineCommand(engine: Engine, args: string[]): EngineCommand {
  const env = { ...engine.env };
  // The classic `docker build` uses BuildKit only when asked; the progress parser needs BuildKit's output.
  if (engine.kind === 'docker') env.DOCKER_BUILDKIT = '1';
  return { command: engine.command, args, env };
}

/**
 * `docker push` / `podman push` of one tag. podman prints no digest; given `digestFile`, it writes
 * the digest it pushed there (docker prints it, and has no such flag).
 */
export function pushCommand(tag: string, engine: Engine, digestFile?: string): EngineCommand {
  if (typeof tag !== 'string' || !REFERENCE.test(tag))
    throw new BuildSpecError(
      'tags',
      `${quoted(String(tag))} is not a valid image reference (name[:tag], lower-case, no spaces).`,
    );
  const digest = engine.kind === 'podman' && digestFile ? ['--digestfile', notAnOption(digestFile)] : [];
  return engineCommand(engine, ['push', ...digest, tag]);
}

/**
 * Build and push: one buildx command with --push, or a build followed by a push of each tag
 * (podman writing each tag's digest to `digestFiles`' file for it, when given).
 */
export function buildAndPushCommands(
  spec: BuildSpec,
  engine: Engine,
  digestFiles?: ReadonlyMap<string, string>,
): EngineCommand[] {
  if (!spec.tags?.length) throw new BuildSpecError('push', 'Pushing needs at least one tag.');
  if (engine.kind === 'buildx') return [buildCommand({ ...spec, push: true }, engine)];
  return [
    buildCommand({ ...spec, push: false }, engine),
    ...spec.tags.map((tag) => pushCommand(tag, engine, digestFiles?.get(tag))),
  ];
}
