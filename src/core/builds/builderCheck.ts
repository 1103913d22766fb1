// What the buildx builder can do, asked before a build that needs it: buildx's docker driver on
// the classic image store (Docker 20.10, and docker-ce or Desktop without the containerd store)
// cannot build several platforms, export a cache, attach attestations or write an OCI archive.
// Asked only when the spec uses one of these, so a plain build starts no extra process. Whether a
// named builder exists at all is checkBuilder's (builders.ts), which runs first.
import type { Engine } from './engine';
import { buildxMessage, queryEngine } from './query';
import { BuildSpecError, quoted, type BuildSpec } from './spec';
import type { UsableBuilder } from './builders';

export interface BuilderFeatures {
  /** The builder's name as buildx reports it. */
  name: string;
  /** docker, docker-container, kubernetes or remote. */
  driver: string;
  /** The docker driver on an engine with the containerd image store. */
  containerdStore: boolean;
}

/** The name, driver and endpoint lines of `docker buildx inspect`: buildx 0.13 has no JSON for it. */
export function parseBuilderInspect(text: string): { name: string; driver: string; endpoint?: string } | undefined {
  const field = (key: string) => new RegExp(`^${key}:[ \\t]*(\\S.*?)\\s*$`, 'm').exec(text)?.[1];
  const name = field('Name');
  const driver = field('Driver');
  return name && driver ? { name, driver, endpoint: field('Endpoint') } : undefined;
}

/** `docker info`'s DriverStatus, as `{{json .DriverStatus}}` prints it, names the containerd snapshotter. */
export function usesContainerdStore(driverStatusJson: string): boolean {
  try {
    const status = JSON.parse(driverStatusJson) as unknown;
    return (
      Array.isArray(status) &&
      status.some(
        (pair) => Array.isArray(pair) && pair[0] === 'driver-type' && pair[1] === 'io.containerd.snapshotter.v1',
      )
    );
  } catch {
    return false;
  }
}

/** Asks about `builder` (checked by checkBuilder), or about buildx's current builder when there is none. */
export async function builderFeatures(engine: Engine, builder?: UsableBuilder): Promise<BuilderFeatures> {
  let name = builder?.name;
  let driver = builder?.driver;
  if (!builder) {
    const inspect = await queryEngine(engine, ['buildx', 'inspect']);
    const parsed = inspect.ok ? parseBuilderInspect(inspect.stdout) : undefined;
    if (!parsed)
      throw new BuildSpecError(
        'builder',
        `buildx cannot tell which builder to use: ${buildxMessage(inspect.stderr).message}.`,
      );
    ({ name, driver } = parsed);
  }
  if (driver !== 'docker') return { name: name!, driver: driver ?? 'unknown', containerdStore: false };
  // a docker driver's builder is a docker context (onBuilder runs it with --context)
  const context = builder ? ['--context', builder.name] : [];
  const info = await queryEngine(engine, [...context, 'info', '--format', '{{json .DriverStatus}}']);
  return { name: name!, driver, containerdStore: info.ok && usesContainerdStore(info.stdout) };
}

const cacheType = (value: string) => /(?:^|,)type=([^,]*)/.exec(value)?.[1] ?? 'registry';
const outputType = (value: string) => /(?:^|,)type=([^,]*)/.exec(value)?.[1] ?? (value.includes('=') ? '' : 'local');
const asksForAttestation = (value: boolean | string | undefined) =>
  value !== undefined && value !== false && value !== 'false' && !/(?:^|,)disabled=true(?:,|$)/.test(String(value));

/** The fields of `spec` that `features` cannot do, with why; empty when it can do them all. */
export function unsupportedByBuilder(spec: BuildSpec, features: BuilderFeatures): [keyof BuildSpec, string][] {
  // every driver but the docker one on the classic store runs BuildKit with its own content store
  if (features.driver !== 'docker' || features.containerdStore) return [];
  const found: [keyof BuildSpec, string][] = [];
  if ((spec.platforms?.length ?? 0) > 1) found.push(['platforms', 'a multi-platform build']);
  const exported = (spec.cacheTo ?? []).filter((value) => cacheType(value) !== 'inline');
  if (exported.length) found.push(['cacheTo', `a cache export (${exported.map(quoted).join(', ')})`]);
  if (asksForAttestation(spec.provenance)) found.push(['provenance', 'provenance attestations']);
  if (asksForAttestation(spec.sbom)) found.push(['sbom', 'SBOM attestations']);
  if ((spec.outputs ?? []).some((value) => outputType(value) === 'oci'))
    found.push(['outputs', 'an OCI archive output']);
  return found;
}

const needsFeatures = (spec: BuildSpec): boolean =>
  (spec.platforms?.length ?? 0) > 1 ||
  (spec.cacheTo?.length ?? 0) > 0 ||
  asksForAttestation(spec.provenance) ||
  asksForAttestation(spec.sbom) ||
  (spec.outputs ?? []).some((value) => outputType(value) === 'oci');

/**
 * Refuses, before anything starts, a buildx build its builder cannot do, naming the field and the
 * way out: what buildx would print, minus the half-started build. Other engines' limits are
 * buildCommand's (they are known without asking).
 */
export async function checkBuilderFeatures(spec: BuildSpec, engine: Engine, builder?: UsableBuilder): Promise<void> {
  if (engine.kind !== 'buildx' || !needsFeatures(spec)) return;
  const features = await builderFeatures(engine, builder);
  const [first, ...rest] = unsupportedByBuilder(spec, features);
  if (!first) return;
  const what = [first, ...rest].map(([, why]) => why).join(', ');
  throw new BuildSpecError(
    first[0],
    `The builder ${quoted(features.name)} (docker driver, classic image store) cannot do ${what}. ` +
      "Turn on the containerd image store in Docker's settings, or choose a builder of another driver " +
      "('docker buildx create --driver docker-container').",
    'buildx',
  );
}
