// A `buildx` task's fields (tasks.json) as a BuildSpec, every path in it made absolute: relative
// ones from the workspace folder, as VS Code takes a task's paths, and `~` from the home folder,
// which the engine would not expand. Paths inside the engine's own values count too (an output's
// `dest=`, a local cache's `src=`/`dest=`, an ssh key), so nothing is left for the engine to take
// relative to wherever it happens to run.
import os from 'node:os';
import path from 'node:path';
import type { BuildSpec } from './spec';

/** Every BuildSpec field, once; the compiler sees that none is missing. The task definition's
 * schema in package.json lists the same fields (a unit test compares them). */
export const BUILD_SPEC_FIELDS: Readonly<Record<keyof BuildSpec, true>> = {
  dockerfile: true,
  context: true,
  target: true,
  tags: true,
  platforms: true,
  buildArgs: true,
  labels: true,
  secrets: true,
  ssh: true,
  cacheFrom: true,
  cacheTo: true,
  outputs: true,
  push: true,
  load: true,
  network: true,
  noCache: true,
  pull: true,
  builder: true,
  provenance: true,
  sbom: true,
  metadataFile: true,
  iidFile: true,
  progress: true,
};

/** A context the engine fetches itself: a URL, or a Git remote as docker writes one. */
export function isRemoteContext(context: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/)/i.test(context);
}

function absolute(folder: string, value: string): string {
  if (value === '~' || /^~[\\/]/.test(value)) return path.join(os.homedir(), value.slice(1));
  return path.resolve(folder, value);
}

/** A file or folder the engine writes or reads; `-` is its standard output. */
const destination = (folder: string, value: string) => (value === '-' ? value : absolute(folder, value));

/** `key=value,key=value` with the values of `keys` made absolute (keys in any case, as buildx
 * reads them). */
function withAbsoluteValues(folder: string, value: string, keys: readonly string[]): string {
  return value
    .split(',')
    .map((part) => {
      const at = part.indexOf('=');
      return at > 0 && keys.includes(part.slice(0, at).toLowerCase())
        ? `${part.slice(0, at + 1)}${destination(folder, part.slice(at + 1))}`
        : part;
    })
    .join(',');
}

/** `-o out` is a local folder, `-o -` the standard output, and anything with `=` the long form. */
const outputValue = (folder: string, value: string) =>
  value.includes('=') ? withAbsoluteValues(folder, value, ['dest']) : destination(folder, value);

/** `default`, `id` (the agent) or `id=path[,path]` (sockets or keys). */
function sshValue(folder: string, value: string): string {
  const at = value.indexOf('=');
  if (at < 0) return value;
  return `${value.slice(0, at + 1)}${value
    .slice(at + 1)
    .split(',')
    .map((p) => absolute(folder, p))
    .join(',')}`;
}

/**
 * The BuildSpec a task asks for: its known fields only (VS Code may hand over more), with every
 * path absolute. The context defaults to the Dockerfile's folder, else the workspace folder; with
 * a remote context the Dockerfile is a path inside it, as the engine reads it.
 */
export function specFromTaskFields(fields: Partial<BuildSpec>, folder: string): BuildSpec {
  const known = Object.fromEntries(
    Object.entries(fields).filter(([key]) => Object.hasOwn(BUILD_SPEC_FIELDS, key)),
  ) as Partial<BuildSpec>;
  const local = (p: string | undefined) => (p === undefined ? undefined : absolute(folder, p));
  const remote = known.context !== undefined && isRemoteContext(known.context) ? known.context : undefined;
  const dockerfile = remote ? known.dockerfile : local(known.dockerfile);
  const context = remote ?? local(known.context) ?? (dockerfile ? path.dirname(dockerfile) : folder);
  const each = <T>(values: T[] | undefined, map: (value: T) => T) => values?.map(map);
  return {
    ...known,
    dockerfile,
    context,
    metadataFile: local(known.metadataFile),
    iidFile: local(known.iidFile),
    secrets: each(known.secrets, (s) => ('src' in s ? { id: s.id, src: absolute(folder, s.src) } : s)),
    outputs: each(known.outputs, (o) => outputValue(folder, o)),
    cacheFrom: each(known.cacheFrom, (c) => withAbsoluteValues(folder, c, ['src'])),
    cacheTo: each(known.cacheTo, (c) => withAbsoluteValues(folder, c, ['dest'])),
    ssh: each(known.ssh, (s) => sshValue(folder, s)),
  };
}
