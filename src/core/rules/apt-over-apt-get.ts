// `apt` is for people at a terminal: its output and interface may change between releases and it
// warns that it has no stable CLI. Scripts use apt-get (or apt-cache for queries).
import { runMentions } from '../shell/prefilter';
import { runScript } from '../shell/script';
import type { Rule } from '../rule';
import { runsPosixShell } from './support/runEdits';
import type { Finding, Fix } from '../types';
import { invocationOf } from './support/invocations';

/** apt subcommands that apt-get has under the same name; the others (search, show, list…) get no fix. */
const SAME_IN_APT_GET = new Set([
  'install',
  'remove',
  'purge',
  'update',
  'upgrade',
  'dist-upgrade',
  'autoremove',
  'autopurge',
  'clean',
  'autoclean',
  'build-dep',
  'source',
  'download',
  'check',
  'satisfy',
  'reinstall',
]);

export const aptOverAptGet: Rule = {
  id: 'apt-over-apt-get',
  aliases: { hadolint: ['DL3027'] },
  defaultLevel: 'warning',
  title: 'apt used instead of apt-get',
  check({ dockerfile }) {
    const findings: Finding[] = [];
    for (const instr of dockerfile.instructions) {
      if (!runMentions(instr, /\bapt\b(?!-)/)) continue;
      const script = runScript(dockerfile, instr);
      if (!script) continue;
      for (const command of script.commands) {
        const invocation = invocationOf(command);
        if (
          invocation?.program !== 'apt' ||
          (invocation.programWord.value !== 'apt' && !invocation.programWord.value?.endsWith('/apt'))
        )
          continue;
        const word = invocation.programWord;
        // under a SHELL that is not POSIX the word was found by reading the RUN as POSIX shell
        const fixes: Fix[] =
          SAME_IN_APT_GET.has(invocation.subcommand.value!) && runsPosixShell(dockerfile, instr)
            ? [
                {
                  title: 'Replace apt with apt-get',
                  safe: true,
                  edits: [{ range: word.range, newText: word.raw.replace(/apt$/, 'apt-get') }],
                },
              ]
            : [];
        findings.push({
          range: word.range,
          message: 'apt has no stable command-line interface for scripts; use apt-get (or apt-cache).',
          fixes,
        });
      }
    }
    return findings;
  },
};
