// The builders `docker buildx ls` lists (buildx instances, and each docker context as a builder
// of the docker driver), to pick one for a build (`--builder`), and the check that a named one
// exists before a build starts. buildx 0.13 prints one JSON object a line with `--format json`
// (each builder twice, in 0.13.1); older buildx has only its table, read by the header's columns.
import { printable } from '../printable';
import type { EngineCommand } from './command';
import type { Engine } from './engine';
import { parseBuilderInspect } from './builderCheck';
import { buildxMessage, queryEngine, type QueryOptions } from './query';
import { quoted } from './spec';

export interface Builder {
  name: string;
  /** docker, docker-container, kubernetes, remote. */
  driver?: string;
  /** Its first node's status: running, inactive, stopped, error. */
  status?: string;
  /** Why buildx could not reach it. */
  error?: string;
  platforms: string[];
  /** buildx's current builder (the table marks it; the JSON does not say). */
  current?: boolean;
}

/** A builder name as `docker buildx ls` lists them (buildx instances and docker contexts). */
export const BUILDER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/;

/** The builder a build names is not one buildx knows (or buildx cannot be asked). */
export class BuilderError extends Error {
  override readonly name = 'BuilderError';
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const plain = (value: unknown): string | undefined =>
  typeof value === 'string' && value && printable(value) === value ? value : undefined;

function fromJson(entry: Record<string, unknown>): Builder | undefined {
  const name = plain(entry.Name);
  if (!name || !BUILDER_NAME.test(name)) return undefined;
  const nodes = Array.isArray(entry.Nodes) ? entry.Nodes.filter(isObject) : [];
  const platforms = nodes.flatMap((n) => (Array.isArray(n.Platforms) ? n.Platforms : [])).map(plain);
  const error = typeof entry.Err === 'string' && entry.Err ? printable(entry.Err) : undefined;
  return {
    name,
    ...(plain(entry.Driver) ? { driver: plain(entry.Driver) } : {}),
    ...(plain(nodes[0]?.Status) ? { status: plain(nodes[0]?.Status) } : {}),
    ...(error ? { error, status: 'error' } : {}),
    platforms: [...new Set(platforms.filter((p): p is string => p !== undefined))],
  };
}

/** The table: a builder's line starts in the first column, its nodes' lines are indented. */
function fromTable(lines: string[]): Builder[] {
  const header = lines.findIndex((l) => l.startsWith('NAME'));
  if (header < 0) return [];
  const columns = ['DRIVER', 'STATUS', 'BUILDKIT', 'PLATFORMS'].map((c) => lines[header].indexOf(c));
  const cell = (line: string, i: number) =>
    columns[i] < 0 ? '' : line.slice(columns[i], columns[i + 1] > 0 ? columns[i + 1] : undefined).trim();
  const builders: Builder[] = [];
  for (const line of lines.slice(header + 1)) {
    if (!line.trim()) continue;
    const last = builders.at(-1);
    if (/^\s/.test(line)) {
      // a node: its status and platforms are the builder's
      if (last && !last.status && cell(line, 1)) last.status = cell(line, 1);
      if (last) last.platforms.push(...cell(line, 3).split(/,\s*/).filter(Boolean));
      continue;
    }
    const [first] = line.split(/\s+/, 1);
    const name = first.replace(/\*$/, '');
    if (!BUILDER_NAME.test(name) || printable(line) !== line) continue;
    const driver = cell(line, 0).split(/\s+/, 1)[0];
    builders.push({
      name,
      ...(driver ? { driver } : {}),
      ...(cell(line, 1) ? { status: cell(line, 1) } : {}),
      platforms: [],
      ...(first.endsWith('*') ? { current: true } : {}),
    });
  }
  return builders;
}

/** `docker buildx ls` output, JSON lines or the table, as builders, each once. */
export function parseBuilderList(stdout: string): Builder[] {
  const lines = stdout.split(/\r?\n/);
  const json = lines.filter((l) => l.trim().startsWith('{'));
  const parsed = json.length
    ? json.flatMap((line) => {
        try {
          const entry: unknown = JSON.parse(line);
          return isObject(entry) ? [fromJson(entry)] : [];
        } catch {
          return [];
        }
      })
    : fromTable(lines);
  const byName = new Map<string, Builder>();
  for (const builder of parsed) if (builder && !byName.has(builder.name)) byName.set(builder.name, builder);
  return [...byName.values()];
}

/** The builders buildx lists; throws BuilderError with buildx's message when it cannot list them. */
export async function listBuilders(engine: Engine, options: QueryOptions = {}): Promise<Builder[]> {
  if (engine.kind !== 'buildx') throw new BuilderError(`Builders are buildx's: the ${engine.kind} engine has none.`);
  let result = await queryEngine(engine, ['buildx', 'ls', '--format', 'json'], options);
  // buildx before 0.13 has no --format: its table says the same
  if (!result.ok && /unknown flag: --format/.test(result.stderr))
    result = await queryEngine(engine, ['buildx', 'ls'], options);
  if (!result.ok) throw new BuilderError(`'docker buildx ls' failed: ${buildxMessage(result.stderr).message}`);
  return parseBuilderList(result.stdout);
}

/** A builder a build may use, as `buildx inspect` describes it. */
export interface UsableBuilder {
  name: string;
  driver?: string;
}

/** Refuses a builder buildx does not know, with its own words, before a build names it. */
export async function checkBuilder(engine: Engine, name: string, options: QueryOptions = {}): Promise<UsableBuilder> {
  if (!BUILDER_NAME.test(name)) throw new BuilderError(`${quoted(name)} is not a builder name.`);
  const result = await queryEngine(engine, ['buildx', 'inspect', '--', name], options);
  if (!result.ok)
    throw new BuilderError(
      `Builder ${quoted(name)} cannot be used: ${buildxMessage(result.stderr).message}. 'docker buildx ls' lists the builders there are.`,
    );
  const driver = parseBuilderInspect(result.stdout)?.driver;
  return { name, ...(driver && printable(driver) === driver ? { driver } : {}) };
}

/**
 * The command run on `builder`. A builder of the docker driver is a docker context, and buildx
 * refuses it by --builder unless it is the current one ("use `docker --context=X buildx`"): the
 * docker CLI's own --context picks it, ahead of DOCKER_HOST. Any other builder is buildx's
 * --builder, after the subcommand (`buildx build`, `buildx bake`).
 */
export function onBuilder<C extends EngineCommand>(command: C, builder: UsableBuilder): C {
  const args =
    builder.driver === 'docker'
      ? ['--context', builder.name, ...command.args]
      : [...command.args.slice(0, 2), '--builder', builder.name, ...command.args.slice(2)];
  return { ...command, args };
}
