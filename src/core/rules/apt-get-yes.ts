import { runMentions, runScript } from '../dockerfile/shell';
import type { Rule } from '../rule';
import type { Finding } from '../types';
import { aptInstalls } from './support/packageManagers';

const YES = new Set(['-y', '--yes', '-qq', '--assume-yes', '-qqy', '-yqq']);

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
        if (install.options.some((o) => YES.has(o) || /^-[a-z]*y[a-z]*$/.test(o))) continue;
        findings.push({
          range: install.command.range,
          message: 'apt-get install asks for confirmation and fails the build without -y.',
          fixes: [{ title: 'Add -y', safe: true, edits: [{ range: { start: install.subcommand.range.end, end: install.subcommand.range.end }, newText: ' -y' }] }],
        });
      }
    }
    return findings;
  },
};
