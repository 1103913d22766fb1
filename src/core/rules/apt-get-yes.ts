import type { Rule } from '../rule';
import { aptInstallRuns, configValue, type Invocation } from './support/invocations';
import { insertAfterWord, runsPosixShell } from './support/runEdits';

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
    return aptInstallRuns(dockerfile)
      .filter(({ install }) => !assumesYes(install))
      .map(({ run, install }) => ({
        range: install.command.range,
        message: 'apt-get install asks for confirmation and fails the build without -y.',
        // under a SHELL that is not POSIX the words were found by reading the RUN as POSIX shell
        fixes: runsPosixShell(dockerfile, run)
          ? [{ title: 'Add -y', safe: true, edits: [insertAfterWord(install.subcommand, '-y')] }]
          : [],
      }));
  },
};
