import type { Rule } from '../rule';

export const aptListsCleanup: Rule = {
  id: 'apt-lists-cleanup',
  aliases: ['DL3009'],
  severity: 'warning',
  title: 'apt-get install in a RUN that does not rm -rf /var/lib/apt/lists/*',
  check: () => [], // TODO: implement
};
