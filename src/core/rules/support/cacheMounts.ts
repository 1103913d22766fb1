// The build cache each package manager keeps, and the fix that mounts it: cache-mount offers it,
// and the rules that keep a manager's cache out of the layer offer it beside their own fix, so
// that one concern on one command is one finding with both ways out.
import type { DockerfileModel, Instr } from '../../dockerfile/model';
import { mountsOutOfLayer } from '../../dockerfile/mounts';
import { lazyFix } from '../../lint/lazyFix';
import { memoOn } from '../../memo';
import type { SimpleCommand } from '../../shell/script';
import type { Fix, TextEdit } from '../../types';
import type { Manager } from './installs';
import { continuationLineIndent, runsOnWindows } from './runEdits';

interface Cache {
  targets: readonly string[];
  /** apt takes a lock on its folders: parallel builds must wait for each other. */
  locked?: boolean;
  /** Recognises a mount the author already has for this manager, wherever it points. */
  mounted: RegExp;
}

const CACHES: Partial<Record<Manager, Cache>> = {
  apt: { targets: ['/var/cache/apt', '/var/lib/apt'], locked: true, mounted: /\/var\/(cache|lib)\/apt/ },
  apk: { targets: ['/etc/apk/cache'], mounted: /apk/ },
  npm: { targets: ['/root/.npm'], mounted: /npm/ },
  yarn: { targets: ['/usr/local/share/.cache/yarn'], mounted: /yarn/ },
  pnpm: { targets: ['/root/.local/share/pnpm/store'], mounted: /pnpm/ },
  pip: { targets: ['/root/.cache/pip'], mounted: /pip|^\/root\/\.cache$/ },
  poetry: { targets: ['/root/.cache/pypoetry'], mounted: /poetry|^\/root\/\.cache$/ },
  go: { targets: ['/go/pkg/mod', '/root/.cache/go-build'], mounted: /pkg\/mod|go-build|^\/go$/ },
  dotnet: { targets: ['/root/.nuget/packages'], mounted: /nuget/ },
  maven: { targets: ['/root/.m2'], mounted: /\.m2/ },
  gradle: { targets: ['/root/.gradle'], mounted: /gradle/ },
  cargo: { targets: ['/usr/local/cargo/registry'], mounted: /cargo/ },
  composer: { targets: ['/root/.cache/composer'], mounted: /composer/ },
};

/**
 * What a RUN does with the cache of the install commands a cleanup rule judges: leaves it in the
 * layer, switches it off (`--no-cache-dir`, `--no-cache`: a mount would undo that), cleans it
 * after the install, or mounts a cache or tmpfs over it.
 */
export type CacheVerdict = 'left' | 'disabled' | 'cleaned' | 'mounted';

/** A cleanup rule's verdicts on a RUN's install commands, by command. */
export type CacheJudge = (model: DockerfileModel, instr: Instr) => ReadonlyMap<SimpleCommand, CacheVerdict>;

/**
 * The judge, with each RUN's verdicts kept: cache-mount asks for every install RUN, and the judge's
 * own rule asks again. A judge that reads the RUN alone (`run`) keeps them on the RUN, which the
 * editor's lint session carries into the next model when an edit leaves it as it was; one that
 * reads the stage around the RUN (`stage`: an ENV that turns a cache off) keeps them on the model.
 */
export function keptVerdicts(name: string, judge: CacheJudge, reads: 'run' | 'stage'): CacheJudge {
  const key = Symbol(`dockwright.${name}`);
  if (reads === 'run') return (model, instr) => memoOn(instr, key, () => judge(model, instr));
  return (model, instr) => {
    const kept = memoOn(model, key, () => new Map<Instr, ReturnType<CacheJudge>>());
    let verdicts = kept.get(instr);
    if (!verdicts) kept.set(instr, (verdicts = judge(model, instr)));
    return verdicts;
  };
}

export const hasCacheFor = (manager: Manager) => CACHES[manager] !== undefined;

/** The RUN already mounts a cache or tmpfs for the manager. */
export function mountsCacheFor(instr: Instr, manager: Manager): boolean {
  const cache = CACHES[manager];
  return !!cache && mountsOutOfLayer(instr, (t) => cache.mounted.test(t));
}

/** `mount a cache at /root/.cache/pip`, for messages. */
export function mountAdvice(manager: Manager): string {
  const targets = CACHES[manager]?.targets ?? [];
  return `mount ${targets.length > 1 ? 'caches' : 'a cache'} at ${targets.join(' and ')}`;
}

/**
 * Adds the managers' cache mounts that the RUN lacks, and the syntax line when missing. Not safe:
 * it makes the Dockerfile need BuildKit and a frontend image, a choice for the user. Undefined on
 * Windows images, whose caches live elsewhere, and when there is nothing to mount.
 */
export function cacheMountFix(model: DockerfileModel, instr: Instr, managers: readonly Manager[]): Fix | undefined {
  const known = managers.filter(hasCacheFor);
  const mounts = known.flatMap((manager) => {
    const cache = CACHES[manager]!;
    return unmountedTargets(instr, cache).map(
      (target) => `--mount=type=cache,target=${target}${cache.locked ? ',sharing=locked' : ''}`,
    );
  });
  if (!mounts.length || runsOnWindows(model, instr)) return undefined;
  return lazyFix(`Add a cache mount for ${known.join(', ')}`, false, () => ({
    edits: mountEdits(model, instr, mounts),
  }));
}

/**
 * Whether cacheMountFix has a mount to add for the manager, on a RUN of an image that is not
 * Windows (the caller knows): the question without making the fix.
 */
export function canMountCache(instr: Instr, manager: Manager): boolean {
  const cache = CACHES[manager];
  return !!cache && unmountedTargets(instr, cache).length > 0;
}

function unmountedTargets(instr: Instr, cache: Cache): readonly string[] {
  return cache.targets.filter((target) => !mountsOutOfLayer(instr, (t) => t === target));
}

const SYNTAX = '# syntax=docker/dockerfile:1';

function mountEdits(model: DockerfileModel, instr: Instr, mounts: readonly string[]): TextEdit[] {
  const next = ` ${model.escapeChar}${model.eol}${continuationLineIndent(model, instr)}`;
  // after RUN and its flags; when the command starts on a later line, the mounts stay on the RUN's line
  const flagsEnd = instr.flags.length ? instr.flags[instr.flags.length - 1].range.end : instr.keywordRange.end;
  const heredoc = /^\s*<</.test(instr.argsText);
  const insert =
    flagsEnd.line !== instr.argsStart.line
      ? { at: flagsEnd, text: ` ${mounts.join(next)}` }
      : { at: instr.argsStart, text: mounts.map((m) => m + (heredoc ? ' ' : next)).join('') };
  const edits: TextEdit[] = [{ range: { start: insert.at, end: insert.at }, newText: insert.text }];
  if (!model.directive('syntax'))
    edits.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      newText: SYNTAX + model.eol,
    });
  return edits;
}
