// A cache mount keeps a package manager's downloads between builds without putting them in a
// layer: installs get faster and images smaller than with any clean-up in the RUN.
import type { DockerfileModel, Instr } from '../dockerfile/model';
import { runScript, type SimpleCommand } from '../shell/script';
import type { Rule } from '../rule';
import type { Finding } from '../types';
import { reachesImage } from './support/baseImage';
import { cacheMountFix, canMountCache, mountsCacheFor, type CacheJudge } from './support/cacheMounts';
import { detectInstalls, mentionsInstall, type Manager } from './support/installs';
import { runsOnWindows } from './support/runEdits';
import { aptListsVerdicts } from './apt-lists-cleanup';
import { apkCacheVerdicts } from './apk-no-cache';
import { pipCacheVerdicts } from './pip-no-cache-dir';
import { packageCacheVerdicts } from './package-cache-cleanup';

/** The rules that keep a manager's cache out of the layer: where they report, they offer the mount. */
const JUDGES: readonly CacheJudge[] = [aptListsVerdicts, apkCacheVerdicts, pipCacheVerdicts, packageCacheVerdicts];

export const cacheMount: Rule = {
  id: 'cache-mount',
  aliases: {},
  defaultLevel: 'info',
  title: 'Install RUN without a cache mount',
  check({ dockerfile, target }) {
    const findings: Finding[] = [];
    for (const instr of dockerfile.instructions) {
      if (!mentionsInstall(instr)) continue;
      const { managers, first } = missingMounts(dockerfile, instr, () => reachesImage(dockerfile, instr, target));
      if (!first) continue;
      findings.push({
        range: first.range,
        message: `Mount a build cache for ${managers.join(', ')} (RUN --mount=type=cache) so that downloads are kept between builds and out of the image.`,
        fixes: [cacheMountFix(dockerfile, instr, managers)!],
      });
    }
    return findings;
  },
};

/**
 * The managers whose cache this rule asks the RUN to mount, and the first install of them: in a
 * stage whose layers reach the image or not, as `reaches` says. prefer-multi-stage asks too, for
 * the RUNs it moves into a build stage.
 */
export function missingMounts(
  model: DockerfileModel,
  instr: Instr,
  reaches: () => boolean,
): { managers: Manager[]; first?: SimpleCommand } {
  const managers: Manager[] = [];
  if (!mentionsInstall(instr) || runsOnWindows(model, instr)) return { managers };
  const script = runScript(model, instr);
  if (!script) return { managers };
  const speaks = speaksFor(model, instr, reaches);
  let first: SimpleCommand | undefined;
  for (const install of detectInstalls(script)) {
    if (managers.includes(install.manager) || mountsCacheFor(instr, install.manager)) continue;
    if (!speaks(install.command)) continue;
    if (!canMountCache(instr, install.manager)) continue;
    managers.push(install.manager);
    first ??= install.command;
  }
  return { managers, first };
}

/**
 * Whether cache-mount is the voice for an install command. In a stage whose layers reach the image,
 * a manager a cleanup rule knows is that rule's concern: where the cache is left in the layer its
 * finding offers the mount as a second fix, and once the RUN cleans the cache (that rule's fix) or
 * switches it off (`--no-cache-dir`), the concern is met and a mount suggestion would be a finding
 * the fix left behind. In a stage only copied from (the cleanup rules are silent there), and for
 * managers no cleanup rule knows (npm, go, maven …), the mount is cache-mount's to suggest.
 */
function speaksFor(model: DockerfileModel, instr: Instr, reaches: () => boolean) {
  let verdicts: ReadonlyMap<SimpleCommand, string>[] | undefined;
  return (command: SimpleCommand): boolean => {
    verdicts ??= JUDGES.map((judge) => judge(model, instr));
    const verdict = verdicts.map((v) => v.get(command)).find((v) => v !== undefined);
    if (verdict === undefined) return true;
    if (verdict === 'disabled' || verdict === 'mounted') return false;
    return !reaches();
  };
}
