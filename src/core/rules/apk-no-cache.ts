import type { Instr } from '../dockerfile/model';
import { runMentions } from '../shell/prefilter';
import { runScript } from '../shell/script';
import type { Rule } from '../rule';
import type { Finding } from '../types';
import { hasOption, invocations } from './support/invocations';
import { insertAfterWord, runsPosixShell } from './support/runEdits';
import { hasCacheMount } from '../dockerfile/mounts';

/** A cache mount keeps apk's downloads out of the layer, so --no-cache is not needed. */
const mountsApkCache = (instr: Instr) =>
  hasCacheMount(instr, (t) => /^\/(etc\/apk\/cache|var\/cache\/apk|var\/cache)$/.test(t));

export const apkNoCache: Rule = {
  id: 'apk-no-cache',
  aliases: { hadolint: ['DL3019'], trivy: ['DS-0025'] },
  defaultLevel: 'warning',
  title: 'apk add without --no-cache',
  check({ dockerfile }) {
    const findings: Finding[] = [];
    for (const instr of dockerfile.instructions) {
      if (!runMentions(instr, /\bapk\b/) || mountsApkCache(instr)) continue;
      const script = runScript(dockerfile, instr);
      if (!script) continue;
      for (const add of invocations(script, ['apk'], ['add'])) {
        // --no-network installs from the local cache only: nothing is downloaded
        if (hasOption(add, ['--no-cache', '--no-network'])) continue;
        findings.push({
          range: add.command.range,
          message: 'apk add keeps the package index in the layer; add --no-cache.',
          // under a SHELL that is not POSIX the words were found by reading the RUN as POSIX shell
          fixes: runsPosixShell(dockerfile, instr)
            ? [{ title: 'Add --no-cache', safe: true, edits: [insertAfterWord(add.subcommand, '--no-cache')] }]
            : [],
        });
      }
    }
    return findings;
  },
};
