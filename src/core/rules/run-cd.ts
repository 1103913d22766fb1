import type { Rule } from '../rule';

export const runCd: Rule = {
  id: 'run-cd',
  aliases: ['DL3003', 'DS-0013'],
  severity: 'warning',
  title: 'cd in RUN used to set the directory for following commands',
  check: () => [], // TODO: implement
};
