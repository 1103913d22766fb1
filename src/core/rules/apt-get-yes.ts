import type { Rule } from '../rule';
import { aptInstallsIn, configValue, type Invocation } from './support/invocations';
import { insertAfterWord } from './support/runEdits';

const YES = new Set(['-y', '--yes', '-qq', '--assume-yes', '-qqy', '-yqq']);

/** -y in any spelling apt-get accepts, or the same setting given with -o. */
function assumesYes(install: Invocation): boolean {
  if (install.options.some((o) => YES.has(o) || /^-[a-z]*y[a-z]*$/.test(o))) return true;
  return /^(true|yes|1)$/i.test(configValue(install, ['-o', '--option'], 'APT::Get::Assume-Yes') ?? '');
}

export const aptGetYes: Rule = {
  id: 'apt-get-yes',
  aliases: { hadolint: ['DL3014'], trivy: ['DS-0021'] },
  defaultLevel: 'warning',
  title: 'apt-get install without -y',
  check({ dockerfile }) {
    return aptInstallsIn(dockerfile)
      .filter((install) => !assumesYes(install))
      .map((install) => ({
        range: install.command.range,
        message: 'apt-get install asks for confirmation and fails the build without -y.',
        fixes: [{ title: 'Add -y', safe: true, edits: [insertAfterWord(install.subcommand, '-y')] }],
      }));
  },
};
