import type { DockerfileModel } from './dockerfile/model';
import type { Finding, Fix, Level } from './types';

/**
 * A read-only view of the build context (the folder sent to the builder).
 * Paths are relative to the context root, with `/` separators.
 */
export interface ContextView {
  /** The file's text, or undefined when it does not exist or is not a file. */
  readFile(path: string): string | undefined;
  exists(path: string): boolean;
  /** Names (not paths) of the entries of a folder; empty when it does not exist. */
  list(dir: string): readonly string[];
  /** The Dockerfile's path relative to the context, when it lies inside it (for `<Dockerfile>.dockerignore`). */
  readonly dockerfilePath?: string;
}

/** Registry answers that the pin fixes need. Implemented by core/registry; absent offline. */
export interface ImageResolver {
  /** Tags that exist for the image (a Docker reference without tag), newest first. */
  listTags(image: string, signal?: AbortSignal): Promise<string[]>;
  /** The current digest of image:tag: the index digest for multi-platform images. */
  digest(imageWithTag: string, signal?: AbortSignal): Promise<string | undefined>;
  /** Why the last look-up of the image came back empty when a registry failed (unreachable, denied …). */
  failure?(image: string): string | undefined;
}

export interface RuleContext {
  dockerfile: DockerfileModel;
  /** The build context; context rules are silent without one. */
  context?: ContextView;
  /** The build target, when the build names one: it picks the final stage. */
  target?: string;
  /** `trustedRegistries` from `.hadolint.yaml`, when given. */
  trustedRegistries?: string[];
}

/** The linters whose ids for the same check a rule answers to, in the order they are listed. */
export const PEERS = ['hadolint', 'buildkit', 'trivy'] as const;
export type Peer = (typeof PEERS)[number];

/**
 * The same check's ids in each peer: hadolint's `DLxxxx` (and ShellCheck's `SCxxxx`, which hadolint
 * reports), BuildKit's build checks (CamelCase names such as `UndefinedVar`), Trivy's `DS-xxxx`.
 */
export type RuleAliases = { readonly [P in Peer]?: readonly string[] };

export interface Rule {
  id: string;
  /** The same check's ids in hadolint, BuildKit's build checks and Trivy: settings and ignore comments accept them. */
  aliases: RuleAliases;
  /** The level it reports at unless configured otherwise; `off` rules run only when configured on. */
  defaultLevel: Level;
  /** One line for docs, SARIF and the editor. */
  title: string;
  check(ctx: RuleContext): Finding[];
  /** Fixes that need registry data; asked for only when a user looks at the finding. */
  resolveFixes?(ctx: RuleContext, finding: Finding, resolver: ImageResolver, signal?: AbortSignal): Promise<Fix[]>;
}

/** Every alias of a rule: hadolint's, then BuildKit's, then Trivy's. */
export function aliasesOf(rule: Pick<Rule, 'aliases'>): string[] {
  return PEERS.flatMap((peer) => rule.aliases[peer] ?? []);
}
