import type { Rule } from '../rule';
import { aptInstallRuns, configValue, type Invocation } from './support/invocations';
import { insertAfterWord, runsPosixShell } from './support/runEdits';

const YES = new Set(['-y', '--yes', '--assume-yes']);

/** -y in any spelling apt-get accepts, a quiet level of 2 (which implies it), or the same settings given with -o. */
function assumesYes(install: Invocation): boolean {
  if (install.options.some((o) => YES.has(o) || /^-[a-z]*y[a-z]*$/.test(o)) || quietLevel(install) >= 2) return true;
  return /^(true|yes|1)$/i.test(configValue(install, ['-o', '--option'], 'APT::Get::Assume-Yes') ?? '');
}

/** `-qq`, `-q -q`, `--quiet --quiet`, `-q=2`, `--quiet=2` and `-o quiet=2` are all quiet level 2. */
function quietLevel(install: Invocation): number {
  let level = Number(configValue(install, ['-o', '--option'], 'quiet') ?? 0) || 0;
  for (const option of install.options) {
    const set = /^(?:-q|--quiet)=(\d+)$/.exec(option);
    if (set) level = Number(set[1]);
    else if (option === '--quiet') level++;
    else if (/^-[a-z]+$/.test(option)) level += option.split('q').length - 1;
  }
  return level;
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
