import { runMentions, runScript } from '../dockerfile/shell';
import type { Rule } from '../rule';
import type { Finding } from '../types';
import { aptInstalls, configValue, type Invocation } from './support/packageManagers';
import { insertAfterWord } from './support/runEdits';

const YES = new Set(['-y', '--yes', '-qq', '--assume-yes', '-qqy', '-yqq']);

/** -y in any spelling apt-get accepts, or the same setting given with -o. */
function assumesYes(install: Invocation): boolean {
  if (install.options.some((o) => YES.has(o) || /^-[a-z]*y[a-z]*$/.test(o))) return true;
  return /^(true|yes|1)$/i.test(configValue(install, ['-o', '--option'], 'APT::Get::Assume-Yes') ?? '');
}

export const aptGetYes: Rule = {
  id: 'apt-get-yes',
  aliases: ['DL3014', 'DS-0021'],
  severity: 'warning',
  title: 'apt-get install without -y',
  check({ dockerfile }) {
    const findings: Finding[] = [];
    for (const instr of dockerfile.instructions) {
      if (!runMentions(instr, /apt-get/)) continue;
      const script = runScript(dockerfile, instr);
      if (!script) continue;
      for (const install of aptInstalls(script)) {
        if (assumesYes(install)) continue;
        findings.push({
          range: install.command.range,
          message: 'apt-get install asks for confirmation and fails the build without -y.',
          fixes: [{ title: 'Add -y', safe: true, edits: [insertAfterWord(install.subcommand, '-y')] }],
        });
      }
    }
    return findings;
  },
};
