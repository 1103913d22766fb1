// A build is data: what to build, independent of the engine that builds it. buildCommand() turns
// it into the command line of one engine; the VS Code task definition mirrors these fields.

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
