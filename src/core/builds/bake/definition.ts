// What `docker buildx bake --print` prints: the engine's own reading of a bake file (HCL, JSON),
// variables, inheritance and defaults resolved, as JSON. It comes from another program and names
// files of the workspace, so it is checked before use: a name buildx itself would refuse, or a
// field of another type than buildx writes, refuses the whole answer, and no value with a
// control character gets through to a tree label or a terminal.
import { printable } from '../../printable';
import { quoted } from '../spec';

/** buildx's own rule for target and group names (bake.go, validateTargetName). */
export const BAKE_NAME = /^[a-zA-Z0-9_-]+$/;

export interface BakeTarget {
  name: string;
  /** As printed: relative to the folder bake ran in, or a URL. */
  context: string;
  /** As printed: relative to the context (buildx joins them), or absolute. */
  dockerfile: string;
  /** The Dockerfile is `dockerfile-inline`: there is no file to put notes on. */
  inline: boolean;
  /** The stage it builds (`target` in the bake file). */
  stage?: string;
  tags: string[];
  platforms: string[];
}

export interface BakeDefinition {
  targets: BakeTarget[];
  /** Each group's members, as printed (targets or other groups). */
  groups: { name: string; targets: string[] }[];
}

/** buildx printed something that is not a bake definition: nothing of it is used. */
export class BakeDefinitionError extends Error {
  override readonly name = 'BakeDefinitionError';
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string with nothing a terminal would act on (printable leaves it as it is). */
const isPlainString = (value: unknown): value is string => typeof value === 'string' && printable(value) === value;

function checkedName(name: string, kind: 'target' | 'group'): string {
  if (!BAKE_NAME.test(name)) throw new BakeDefinitionError(`buildx printed a ${kind} named ${quoted(name)}.`);
  return name;
}

/** An object's entries, or none when it is left out; anything else is refused. */
function entries(value: unknown, what: string): [string, unknown][] {
  if (value === undefined) return [];
  if (!isObject(value)) throw new BakeDefinitionError(`buildx printed ${what} that is not an object.`);
  return Object.entries(value);
}

function stringField(fields: Record<string, unknown>, key: string, where: string): string | undefined {
  const value = fields[key];
  if (value === undefined || value === null) return undefined;
  if (!isPlainString(value))
    throw new BakeDefinitionError(`buildx printed ${where}'s '${key}' as ${describe(value)}, not a plain string.`);
  return value;
}

function stringsField(fields: Record<string, unknown>, key: string, where: string): string[] {
  const value = fields[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every(isPlainString))
    throw new BakeDefinitionError(
      `buildx printed ${where}'s '${key}' as ${describe(value)}, not a list of plain strings.`,
    );
  return value;
}

/** What a value is, never the value itself: it may be long, or hold controls. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return isPlainString(value) ? 'a string' : 'a string with control characters';
  return value === null ? 'null' : `a ${typeof value}`;
}

function target(name: string, value: unknown): BakeTarget {
  const where = `target ${quoted(name)}`;
  if (!isObject(value)) throw new BakeDefinitionError(`buildx printed ${where} as ${describe(value)}.`);
  const stage = stringField(value, 'target', where);
  return {
    name: checkedName(name, 'target'),
    context: stringField(value, 'context', where) ?? '.',
    dockerfile: stringField(value, 'dockerfile', where) ?? 'Dockerfile',
    inline: stringField(value, 'dockerfile-inline', where) !== undefined,
    ...(stage ? { stage } : {}),
    tags: stringsField(value, 'tags', where),
    platforms: stringsField(value, 'platforms', where),
  };
}

/** The JSON `bake --print` wrote on stdout, checked; throws BakeDefinitionError. */
export function parseBakePrint(json: string): BakeDefinition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new BakeDefinitionError('buildx printed something that is not JSON.');
  }
  if (!isObject(parsed)) throw new BakeDefinitionError('buildx printed JSON that is not an object.');
  const groups = entries(parsed.group, 'its groups').map(([name, value]) => {
    const where = `group ${quoted(name)}`;
    if (!isObject(value)) throw new BakeDefinitionError(`buildx printed ${where} as ${describe(value)}.`);
    const members = stringsField(value, 'targets', where).map((t) => checkedName(t, 'target'));
    return { name: checkedName(name, 'group'), targets: members };
  });
  const targets = entries(parsed.target, 'its targets').map(([name, value]) => target(name, value));
  return { targets, groups };
}
