// A `buildx` task's fields (tasks.json) as a BuildSpec, every path in it made absolute: relative
// ones from the workspace folder, as VS Code takes a task's paths, and `~` from the home folder,
// which the engine would not expand. Paths inside the engine's own values count too (an output's
// `dest=`, a local cache's `src=`/`dest=`, an ssh key), so nothing is left for the engine to take
// relative to wherever it happens to run.
import path from 'node:path';
import { absolutePath } from '../paths';
import { BUILD_SPEC_FIELDS, checkFieldTypes, type BuildSpec } from './spec';

/** A context the engine fetches itself: a URL, or a Git remote as docker writes one. */
export function isRemoteContext(context: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/)/i.test(context);
}

/** A file or folder the engine writes or reads; `-` is its standard output. */
const destination = (folder: string, value: string) => (value === '-' ? value : absolutePath(folder, value));

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
    .map((p) => absolutePath(folder, p))
    .join(',')}`;
}

/**
 * The BuildSpec a task asks for: its known fields only (VS Code may hand over more), with every
 * path absolute. The context defaults to the Dockerfile's folder, else the workspace folder; with
 * a remote context the Dockerfile is a path inside it, as the engine reads it. A field of the wrong
 * type (tasks.json is written by hand) is a BuildSpecError naming it.
 */
export function specFromTaskFields(fields: Readonly<Record<string, unknown>>, folder: string): BuildSpec {
  const known = Object.fromEntries(
    Object.entries(fields).filter(([key]) => Object.hasOwn(BUILD_SPEC_FIELDS, key)),
  ) as Partial<BuildSpec>;
  // before any path is made absolute: a number where a path goes would be a TypeError there
  checkFieldTypes(known);
  const local = (p: string | undefined) => (p === undefined ? undefined : absolutePath(folder, p));
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
    secrets: each(known.secrets, (s) => ('src' in s ? { id: s.id, src: absolutePath(folder, s.src) } : s)),
    outputs: each(known.outputs, (o) => outputValue(folder, o)),
    cacheFrom: each(known.cacheFrom, (c) => withAbsoluteValues(folder, c, ['src'])),
    cacheTo: each(known.cacheTo, (c) => withAbsoluteValues(folder, c, ['dest'])),
    ssh: each(known.ssh, (s) => sshValue(folder, s)),
  };
}

/**
 * The context (and target) that the first task of `type` naming `dockerfile` and a context gives
 * it, both made absolute from `folder`; for the context rules. tasks.json is written by hand and
 * read as it is: a list that is not one, or an entry of the wrong shape, is passed over.
 */
export function taskBuildContext(
  tasks: unknown,
  type: string,
  folder: string,
  dockerfile: string,
): { context: string; target?: string } | undefined {
  if (!Array.isArray(tasks)) return undefined;
  for (const task of tasks as unknown[]) {
    if (typeof task !== 'object' || task === null) continue;
    const { type: taskType, dockerfile: file, context, target } = task as Record<string, unknown>;
    if (taskType !== type || typeof file !== 'string' || typeof context !== 'string' || !file || !context) continue;
    if (path.resolve(folder, file) !== dockerfile) continue;
    return { context: path.resolve(folder, context), target: typeof target === 'string' ? target : undefined };
  }
  return undefined;
}
