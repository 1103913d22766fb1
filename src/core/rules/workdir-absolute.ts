import type { Rule } from '../rule';

export const workdirAbsolute: Rule = {
  id: 'workdir-absolute',
  aliases: ['DL3000', 'WorkdirRelativePath', 'DS-0009'],
  severity: 'warning',
  title: 'WORKDIR with a relative path',
  check: () => [], // TODO: implement
};
