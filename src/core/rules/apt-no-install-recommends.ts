import type { Rule } from '../rule';
import { aptInstallRuns, configValue, hasOption, type Invocation } from './support/invocations';
import { insertAfterWord, runsPosixShell } from './support/runEdits';

export const aptNoInstallRecommends: Rule = {
  id: 'apt-no-install-recommends',
  aliases: { hadolint: ['DL3015'], trivy: ['DS-0029'] },
  defaultLevel: 'warning',
  title: 'apt-get install without --no-install-recommends',
  check({ dockerfile }) {
    return aptInstallRuns(dockerfile)
      .filter(({ install }) => !skipsRecommends(install))
      .map(({ run, install }) => ({
        range: install.command.range,
        message:
          'apt-get install also installs recommended packages the image does not need; add --no-install-recommends.',
        // under a SHELL that is not POSIX the words were found by reading the RUN as POSIX shell
        fixes: runsPosixShell(dockerfile, run)
          ? [
              {
                title: 'Add --no-install-recommends',
                safe: true,
                edits: [insertAfterWord(install.subcommand, '--no-install-recommends')],
              },
            ]
          : [],
      }));
  },
};

/** --no-install-recommends, or the same setting given with -o. */
function skipsRecommends(install: Invocation): boolean {
  if (hasOption(install, ['--no-install-recommends'])) return true;
  const setting = configValue(install, ['-o', '--option'], 'APT::Install-Recommends');
  return setting !== undefined && /^(false|no|0|off)$/i.test(setting);
}
