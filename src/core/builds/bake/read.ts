// A bake file as buildx reads it: `docker buildx bake --file F --print NAME…`, run in the file's
// folder (bake takes contexts relative to where it runs), its JSON checked by parseBakePrint.
// A file buildx cannot read is a BakeFileError carrying buildx's own message.
import path from 'node:path';
import { readRegularFile } from '../../files';
import type { Engine } from '../engine';
import { buildxMessage, queryEngine, type QueryOptions } from '../query';
import { quoted } from '../spec';
import { parseBakePrint, type BakeDefinition, type BakeTarget } from './definition';
import { bakeBlockNames, bakeFormat } from './names';

/** A bake file larger than this is not read: a real one is a few KiB. */
export const MAX_BAKE_FILE_BYTES = 1024 * 1024;
/** Groups printed one by one (each is a docker process) past which the rest are left out. */
export const MAX_BAKE_GROUPS = 32;

export interface BakeFile {
  /** Absolute path of the file. */
  file: string;
  targets: BakeTarget[];
  /** Each group with the targets building it builds (its groups' targets too), as buildx resolves it. */
  groups: { name: string; targets: string[] }[];
}

/** buildx could not read the file (or there is no buildx): `message` is one line, `details` all
 * buildx printed about it (the excerpt of the file with the line marked). */
export class BakeFileError extends Error {
  override readonly name = 'BakeFileError';
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

/** The folder bake runs in for a file: its own, so that its relative contexts mean what they say. */
export const bakeFolder = (file: string): string => path.dirname(file);

export function requireBuildx(engine: Engine): void {
  if (engine.kind !== 'buildx')
    throw new BakeFileError(
      `Bake needs buildx, and the ${engine.kind} engine builds here: install the buildx plugin, or set dockwright.build.engine to auto or buildx.`,
    );
}

/** `bake --print` of `names` (none: bake's default). Throws BakeFileError with buildx's message. */
export async function printBake(
  engine: Engine,
  file: string,
  names: readonly string[],
  options: QueryOptions = {},
): Promise<BakeDefinition> {
  requireBuildx(engine);
  // the file by its name, in its folder: buildx's messages then say `docker-bake.hcl:4`
  const args = ['buildx', 'bake', '--file', path.basename(file), '--print', '--', ...names];
  const result = await queryEngine(engine, args, { cwd: bakeFolder(file), ...options });
  if (!result.ok) {
    const { message, details } = buildxMessage(result.stderr);
    throw new BakeFileError(`buildx could not read ${quoted(path.basename(file))}: ${message}`, details);
  }
  return parseBakePrint(result.stdout);
}

/** The name buildx says it does not know, in a --print's error. */
const UNKNOWN_NAME = /failed to find target (\S+)$/;

/**
 * Every target of the file and what each group builds. The names come from the file's text
 * (bakeBlockNames); one that buildx does not know is left out, any other error is the file's.
 */
export async function readBakeFile(engine: Engine, file: string, options: QueryOptions = {}): Promise<BakeFile> {
  requireBuildx(engine);
  const read = readRegularFile(file, MAX_BAKE_FILE_BYTES);
  if ('error' in read) throw new BakeFileError(`${quoted(path.basename(file))}: ${read.error}`);
  const names = bakeBlockNames(read.bytes.toString('utf8'), bakeFormat(file));
  const targets = await printKnown(engine, file, names.targets, options);
  const groups = await Promise.all(
    names.groups.slice(0, MAX_BAKE_GROUPS).map(async (group) => {
      const printed = await printKnown(engine, file, [group], options);
      return printed && { name: group, targets: printed.targets.map((t) => t.name) };
    }),
  );
  return {
    file,
    targets: targets?.targets ?? [],
    groups: groups.filter((g): g is BakeFile['groups'][number] => g !== undefined),
  };
}

/** --print of the names buildx knows; undefined when it knows none of them. */
async function printKnown(
  engine: Engine,
  file: string,
  names: string[],
  options: QueryOptions,
): Promise<BakeDefinition | undefined> {
  let asked = names;
  for (;;) {
    try {
      return await printBake(engine, file, asked, options);
    } catch (error) {
      const unknown = error instanceof BakeFileError ? UNKNOWN_NAME.exec(error.message)?.[1] : undefined;
      if (unknown === undefined || !asked.includes(unknown)) throw error;
      asked = asked.filter((n) => n !== unknown);
      if (!asked.length) return undefined;
    }
  }
}
