import { runMentions, runScript } from '../dockerfile/shell';
import type { Rule } from '../rule';
import type { Finding } from '../types';
import { aptInstalls, configValue, hasOption } from './support/packageManagers';
import { insertAfterWord } from './support/runEdits';

export const aptNoInstallRecommends: Rule = {
  id: 'apt-no-install-recommends',
  aliases: ['DL3015', 'DS-0029'],
  severity: 'warning',
  title: 'apt-get install without --no-install-recommends',
  check({ dockerfile }) {
    const findings: Finding[] = [];
    for (const instr of dockerfile.instructions) {
      if (!runMentions(instr, /apt-get/)) continue;
      const script = runScript(dockerfile, instr);
      if (!script) continue;
      for (const install of aptInstalls(script)) {
        if (hasOption(install, ['--no-install-recommends'])) continue;
        const setting = configValue(install, ['-o', '--option'], 'APT::Install-Recommends');
        if (setting !== undefined && /^(false|no|0|off)$/i.test(setting)) continue;
        findings.push({
          range: install.command.range,
          message: 'apt-get install also installs recommended packages the image does not need; add --no-install-recommends.',
          fixes: [{ title: 'Add --no-install-recommends', safe: true, edits: [insertAfterWord(install.subcommand, '--no-install-recommends')] }],
        });
      }
    }
    return findings;
  },
};
