// A cache mount keeps a package manager's downloads between builds without putting them in a
// layer: installs get faster and images smaller than with any clean-up in the RUN.
import type { DockerfileModel, Instr } from '../dockerfile/model';
import { runScript, type ShellWord } from '../shell/script';
import { lazyFix } from '../lint/lazyFix';
import type { Rule } from '../rule';
import type { Finding, TextEdit } from '../types';
import { detectInstalls, mentionsInstall, type Install, type Manager } from './support/installs';
import { invocationOf } from './support/invocations';
import { continuationLineIndent, removeWord, runsOnWindows } from './support/runEdits';
import { hasCacheMount } from '../dockerfile/mounts';

interface Cache {
  targets: readonly string[];
  /** apt takes a lock on its folders: parallel builds must wait for each other. */
  locked?: boolean;
  /** Recognises a cache mount the author already has for this manager, wherever it points. */
  mounted: RegExp;
  /** Options that switch the cache off: with a mount they only waste it. */
  disablers?: readonly string[];
}

const CACHES: Partial<Record<Manager, Cache>> = {
  apt: { targets: ['/var/cache/apt', '/var/lib/apt'], locked: true, mounted: /\/var\/(cache|lib)\/apt/ },
  apk: { targets: ['/etc/apk/cache'], mounted: /apk/, disablers: ['--no-cache'] },
  npm: { targets: ['/root/.npm'], mounted: /npm/ },
  yarn: { targets: ['/usr/local/share/.cache/yarn'], mounted: /yarn/ },
  pnpm: { targets: ['/root/.local/share/pnpm/store'], mounted: /pnpm/ },
  pip: { targets: ['/root/.cache/pip'], mounted: /pip|^\/root\/\.cache$/, disablers: ['--no-cache-dir'] },
  poetry: { targets: ['/root/.cache/pypoetry'], mounted: /poetry|^\/root\/\.cache$/ },
  go: { targets: ['/go/pkg/mod', '/root/.cache/go-build'], mounted: /pkg\/mod|go-build|^\/go$/ },
  dotnet: { targets: ['/root/.nuget/packages'], mounted: /nuget/ },
  maven: { targets: ['/root/.m2'], mounted: /\.m2/ },
  gradle: { targets: ['/root/.gradle'], mounted: /gradle/ },
  cargo: { targets: ['/usr/local/cargo/registry'], mounted: /cargo/ },
  composer: { targets: ['/root/.cache/composer'], mounted: /composer/ },
};

/** `apk add --no-network` downloads nothing that a cache could keep. */
function offline(install: Install): boolean {
  return install.manager === 'apk' && !!invocationOf(install.command)?.options.includes('--no-network');
}

const SYNTAX = '# syntax=docker/dockerfile:1';

export const cacheMount: Rule = {
  id: 'cache-mount',
  aliases: {},
  defaultLevel: 'info',
  title: 'Install RUN without a cache mount',
  check({ dockerfile }) {
    const findings: Finding[] = [];
    for (const instr of dockerfile.instructions) {
      if (!mentionsInstall(instr) || runsOnWindows(dockerfile, instr)) continue;
      const script = runScript(dockerfile, instr);
      if (!script) continue;
      const missing = new Map<Manager, Install[]>();
      for (const install of detectInstalls(script)) {
        const cache = CACHES[install.manager];
        if (!cache || hasCacheMount(instr, (t) => cache.mounted.test(t)) || offline(install)) continue;
        missing.set(install.manager, [...(missing.get(install.manager) ?? []), install]);
      }
      if (!missing.size) continue;
      const managers = [...missing.keys()];
      const first = [...missing.values()][0][0];
      findings.push({
        range: first.command.range,
        message: `Mount a build cache for ${managers.join(', ')} (RUN --mount=type=cache) so that downloads are kept between builds and out of the image.`,
        fixes: [
          // not safe: it makes the Dockerfile need BuildKit and a frontend image, a choice for the user
          lazyFix(`Add a cache mount for ${managers.join(', ')}`, false, () => ({
            edits: mountEdits(dockerfile, instr, missing),
          })),
        ],
      });
    }
    return findings;
  },
};

function mountEdits(model: DockerfileModel, instr: Instr, missing: Map<Manager, Install[]>): TextEdit[] {
  const mounts: string[] = [];
  const removals: ShellWord[] = [];
  for (const [manager, installs] of missing) {
    const cache = CACHES[manager]!;
    for (const target of cache.targets)
      mounts.push(`--mount=type=cache,target=${target}${cache.locked ? ',sharing=locked' : ''}`);
    for (const install of installs) {
      const invocation = invocationOf(install.command);
      for (const o of invocation?.optionWords ?? [])
        if (cache.disablers?.includes(o.name) && o.value === undefined) removals.push(o.word);
    }
  }
  const next = ` ${model.escapeChar}${model.eol}${continuationLineIndent(model, instr)}`;
  // after RUN and its flags; when the command starts on a later line, the mounts stay on the RUN's line
  const flagsEnd = instr.flags.length ? instr.flags[instr.flags.length - 1].range.end : instr.keywordRange.end;
  const heredoc = /^\s*<</.test(instr.argsText);
  const insert =
    flagsEnd.line !== instr.argsStart.line
      ? { at: flagsEnd, text: ` ${mounts.join(next)}` }
      : { at: instr.argsStart, text: mounts.map((m) => m + (heredoc ? ' ' : next)).join('') };
  const edits: TextEdit[] = [{ range: { start: insert.at, end: insert.at }, newText: insert.text }];
  for (const word of removals) edits.push(removeWord(model, word));
  if (!model.directive('syntax'))
    edits.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      newText: SYNTAX + model.eol,
    });
  return edits;
}
