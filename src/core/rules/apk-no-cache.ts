import type { DockerfileModel, Instr } from '../dockerfile/model';
import { runMentions } from '../shell/prefilter';
import { runScript, type SimpleCommand } from '../shell/script';
import type { Rule } from '../rule';
import type { Finding } from '../types';
import { reachesImage } from './support/baseImage';
import { cacheMountFix, mountAdvice, type CacheVerdict, keptVerdicts } from './support/cacheMounts';
import { hasOption, invocationOf, invocations } from './support/invocations';
import { insertAfterWord, runsPosixShell } from './support/runEdits';
import { mountsOutOfLayer } from '../dockerfile/mounts';

/** A cache or tmpfs mount keeps apk's downloads out of the layer, so --no-cache is not needed. */
const mountsApkCache = (instr: Instr) =>
  mountsOutOfLayer(instr, (t) => /^\/(etc\/apk\/cache|var\/cache\/apk|var\/cache)$/.test(t));

/** What each `apk add` of the RUN does with apk's package index and downloads. */
function readApkCacheVerdicts(model: DockerfileModel, instr: Instr): ReadonlyMap<SimpleCommand, CacheVerdict> {
  const verdicts = new Map<SimpleCommand, CacheVerdict>();
  const script = runMentions(instr, /\bapk\b/) ? runScript(model, instr) : undefined;
  if (!script) return verdicts;
  const mounted = mountsApkCache(instr);
  for (const add of invocations(script, ['apk'], ['add'])) {
    // --no-network installs from the local cache only: nothing is downloaded
    const off = hasOption(add, ['--no-cache', '--no-network']);
    verdicts.set(add.command, off ? 'disabled' : mounted ? 'mounted' : 'left');
  }
  return verdicts;
}

export const apkCacheVerdicts = keptVerdicts('apkCacheVerdicts', readApkCacheVerdicts, 'run');

export const apkNoCache: Rule = {
  id: 'apk-no-cache',
  aliases: { hadolint: ['DL3019'], trivy: ['DS-0025'] },
  defaultLevel: 'warning',
  title: 'apk add without --no-cache',
  check({ dockerfile, target }) {
    const findings: Finding[] = [];
    for (const instr of dockerfile.instructions) {
      if (!runMentions(instr, /\bapk\b/) || !reachesImage(dockerfile, instr, target)) continue;
      for (const [command, verdict] of apkCacheVerdicts(dockerfile, instr)) {
        if (verdict !== 'left') continue;
        const add = invocationOf(command)!;
        const mount = cacheMountFix(dockerfile, instr, ['apk']);
        findings.push({
          range: command.range,
          message: `apk add keeps the package index in the layer: add --no-cache${mount ? `, or ${mountAdvice('apk')} to keep it between builds` : ''}.`,
          fixes: [
            // under a SHELL that is not POSIX the words were found by reading the RUN as POSIX shell
            ...(runsPosixShell(dockerfile, instr)
              ? [{ title: 'Add --no-cache', safe: true, edits: [insertAfterWord(add.subcommand, '--no-cache')] }]
              : []),
            ...(mount ? [mount] : []),
          ],
        });
      }
    }
    return findings;
  },
};
