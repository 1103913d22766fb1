import type { Rule } from '../rule';

export const aptNoInstallRecommends: Rule = {
  id: 'apt-no-install-recommends',
  aliases: ['DL3015', 'DS-0029'],
  severity: 'warning',
  title: 'apt-get install without --no-install-recommends',
  check: () => [], // TODO: implement
};
