// What the buildx builder can do, asked before a build that needs it: buildx's docker driver on
// the classic image store (Docker Desktop and docker-ce before the containerd store) cannot build
// several platforms, export a cache, attach attestations or write an OCI archive. Asked only when
// the spec uses one of these or names a builder, so a plain build starts no extra process.
import { loadExeca } from './execa';
import type { Engine } from './engine';
import { BuildSpecError, quoted, type BuildSpec } from './spec';

export interface BuilderFeatures {
  /** The builder's name as buildx reports it. */
  name: string;
  /** docker, docker-container, kubernetes or remote. */
  driver: string;
  /** The docker driver on an engine with the containerd image store. */
  containerdStore: boolean;
}

/** The driver and endpoint lines of `docker buildx inspect`: buildx 0.13 has no JSON for it. */
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

const PROBE_TIMEOUT_MS = 15_000;

async function dockerOutput(engine: Engine, args: string[]): Promise<{ ok: boolean; text: string }> {
  const { execa } = await loadExeca();
  const result = await execa(engine.command, args, {
    env: engine.env,
    reject: false,
    timeout: PROBE_TIMEOUT_MS,
    stdin: 'ignore',
    maxBuffer: 1024 * 1024,
  });
  return { ok: result.exitCode === 0, text: String(result.exitCode === 0 ? result.stdout : result.stderr).trim() };
}

/** Asks buildx about `builder` (the current one when left out); an unknown builder is a BuildSpecError. */
export async function builderFeatures(engine: Engine, builder?: string): Promise<BuilderFeatures> {
  const inspect = await dockerOutput(engine, ['buildx', 'inspect', ...(builder ? [builder] : [])]);
  const parsed = inspect.ok ? parseBuilderInspect(inspect.text) : undefined;
  if (!parsed) {
    const why = inspect.text.replace(/^ERROR:\s*/, '').split('\n')[0] || 'no answer';
    throw new BuildSpecError(
      'builder',
      builder
        ? `The builder ${quoted(builder)} cannot be used: ${why}. 'docker buildx ls' lists the builders.`
        : `buildx cannot tell which builder to use: ${why}.`,
    );
  }
  if (parsed.driver !== 'docker') return { name: parsed.name, driver: parsed.driver, containerdStore: false };
  // the docker driver's endpoint is a docker context; the current engine when the builder is the current one
  const context = builder && parsed.endpoint && parsed.endpoint !== 'default' ? ['--context', parsed.endpoint] : [];
  const info = await dockerOutput(engine, [...context, 'info', '--format', '{{json .DriverStatus}}']);
  return { name: parsed.name, driver: parsed.driver, containerdStore: info.ok && usesContainerdStore(info.text) };
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
  spec.builder !== undefined ||
  (spec.platforms?.length ?? 0) > 1 ||
  (spec.cacheTo?.length ?? 0) > 0 ||
  asksForAttestation(spec.provenance) ||
  asksForAttestation(spec.sbom) ||
  (spec.outputs ?? []).some((value) => outputType(value) === 'oci');

/**
 * Refuses, before anything starts, a buildx build its builder cannot do, naming the field and the
 * way out; the same words buildx would print, minus the half-started build. Other engines'
 * limits are buildCommand's (they are known without asking).
 */
export async function checkBuilder(spec: BuildSpec, engine: Engine): Promise<void> {
  if (engine.kind !== 'buildx' || !needsFeatures(spec)) return;
  const features = await builderFeatures(engine, spec.builder);
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
