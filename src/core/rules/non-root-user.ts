import type { Rule } from '../rule';

export const nonRootUser: Rule = {
  id: 'non-root-user',
  aliases: ['DL3002', 'DS-0002'],
  severity: 'warning',
  title: 'final stage ends as root: no USER, or last USER is root/0',
  check: () => [], // TODO: implement
};
