// A build is data: what to build, independent of the engine that builds it. buildCommand() turns
// it into the command line of one engine; the VS Code task definition mirrors these fields.
import { printable } from '../printable';

/** A secret for `RUN --mount=type=secret`: from a file, or from an environment variable. */
export type SecretSource = { id: string; src: string } | { id: string; env: string };

export type ProgressMode = 'auto' | 'plain' | 'tty' | 'quiet' | 'rawjson' | 'none';

export interface BuildSpec {
  /** Path of the Dockerfile; the engine's default (`<context>/Dockerfile`) when left out. */
  dockerfile?: string;
  /** The build context: a folder (or a URL the engine understands). */
  context: string;
  /** The stage to build (`--target`). */
  target?: string;
  tags?: string[];
  /** e.g. `linux/amd64`; more than one needs buildx (or podman with a manifest). */
  platforms?: string[];
  buildArgs?: Record<string, string>;
  labels?: Record<string, string>;
  secrets?: SecretSource[];
  /** `default`, or `id=path[,path]` (an agent socket or keys). */
  ssh?: string[];
  /** e.g. `type=registry,ref=host/app:cache`, or a plain image reference. */
  cacheFrom?: string[];
  cacheTo?: string[];
  /** e.g. `type=local,dest=out`. */
  outputs?: string[];
  push?: boolean;
  load?: boolean;
  /** `none`, `host` or `default`. */
  network?: string;
  noCache?: boolean;
  /** true: always pull the base images; false: never (podman) / only when missing (docker). */
  pull?: boolean;
  /** buildx builder instance (`--builder`). */
  builder?: string;
  /** buildx attestations: true, false or a value like `mode=max`. */
  provenance?: boolean | string;
  sbom?: boolean | string;
  metadataFile?: string;
  iidFile?: string;
  /** Progress output; `plain` when left out, since that is what the progress parser reads. */
  progress?: ProgressMode;
}

export type EngineKind = 'buildx' | 'docker' | 'podman';

/** A field is invalid, or the engine cannot do it: found before anything starts. */
export class BuildSpecError extends Error {
  override readonly name = 'BuildSpecError';
  constructor(
    readonly field: keyof BuildSpec,
    message: string,
    /** Set when the field is valid but this engine cannot do it. */
    readonly engine?: EngineKind,
  ) {
    super(message);
  }
}

/** A value in a message, in quotes: its controls and line breaks shown as `\u001b` (a message goes
 * to the build's terminal, and stays one line). */
export const quoted = (value: string): string => `'${printable(value)}'`;

/** The JSON type of a field's value, as the task schema in package.json gives it. */
export type FieldType = 'string' | 'strings' | 'record' | 'boolean' | 'boolean|string' | 'secrets' | 'progress';

/** Every BuildSpec field, once, with its type; the compiler sees that none is missing. The task
 * definition's schema in package.json lists the same fields and types (a unit test compares them). */
export const BUILD_SPEC_FIELDS: Readonly<Record<keyof BuildSpec, FieldType>> = {
  dockerfile: 'string',
  context: 'string',
  target: 'string',
  tags: 'strings',
  platforms: 'strings',
  buildArgs: 'record',
  labels: 'record',
  secrets: 'secrets',
  ssh: 'strings',
  cacheFrom: 'strings',
  cacheTo: 'strings',
  outputs: 'strings',
  push: 'boolean',
  load: 'boolean',
  network: 'string',
  noCache: 'boolean',
  pull: 'boolean',
  builder: 'string',
  provenance: 'boolean|string',
  sbom: 'boolean|string',
  metadataFile: 'string',
  iidFile: 'string',
  progress: 'progress',
};

export const PROGRESS_MODES: readonly ProgressMode[] = ['auto', 'plain', 'tty', 'quiet', 'rawjson', 'none'];

/** What a value is, as a person reading tasks.json names it (never the value: it may be long). */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why `value` is not of `type`, or undefined when it is (for any task type's fields). */
export function typeProblem(type: FieldType, value: unknown): string | undefined {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? undefined : `should be a string, not ${kindOf(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `should be true or false, not ${kindOf(value)}`;
    case 'boolean|string':
      return typeof value === 'boolean' || typeof value === 'string'
        ? undefined
        : `should be true, false or a string, not ${kindOf(value)}`;
    case 'progress':
      return typeof value === 'string' && (PROGRESS_MODES as readonly string[]).includes(value)
        ? undefined
        : `should be one of ${PROGRESS_MODES.join(', ')}`;
    case 'strings': {
      if (!Array.isArray(value)) return `should be a list of strings, not ${kindOf(value)}`;
      const at = value.findIndex((v) => typeof v !== 'string');
      return at < 0 ? undefined : `should be a list of strings; item ${at + 1} is ${kindOf(value[at])}`;
    }
    case 'record': {
      if (!isRecord(value)) return `should be an object of names to strings, not ${kindOf(value)}`;
      const key = Object.keys(value).find((k) => typeof value[k] !== 'string');
      return key === undefined
        ? undefined
        : `should be an object of names to strings; ${quoted(key)} is ${kindOf(value[key])}`;
    }
    case 'secrets': {
      if (!Array.isArray(value)) return `should be a list of { id, src } or { id, env } objects, not ${kindOf(value)}`;
      for (const [i, secret] of value.entries()) {
        if (!isRecord(secret))
          return `should be a list of { id, src } or { id, env } objects; item ${i + 1} is ${kindOf(secret)}`;
        if (secret.id === undefined) return `item ${i + 1} has no id`;
        const wrong = ['id', 'src', 'env'].find((key) => secret[key] !== undefined && typeof secret[key] !== 'string');
        if (wrong) return `item ${i + 1}'s ${wrong} should be a string, not ${kindOf(secret[wrong])}`;
      }
      return undefined;
    }
  }
}

/**
 * Refuses a field whose value is not of its type, naming it: tasks.json is edited by hand and
 * VS Code does not enforce the schema, so a string `tags`, a number in `platforms` or a `null`
 * comes through. A field left out (undefined) is fine; fields that are not BuildSpec's are not looked at.
 */
export function checkFieldTypes(spec: object): void {
  const fields = spec as Readonly<Record<string, unknown>>;
  for (const [field, type] of Object.entries(BUILD_SPEC_FIELDS) as [keyof BuildSpec, FieldType][]) {
    if (!Object.hasOwn(fields, field) || fields[field] === undefined) continue;
    const problem = typeProblem(type, fields[field]);
    if (problem) throw new BuildSpecError(field, `The build's '${field}' ${problem}.`);
  }
}
