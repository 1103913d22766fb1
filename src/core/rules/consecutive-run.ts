import type { Rule } from '../rule';

export const consecutiveRun: Rule = {
  id: 'consecutive-run',
  aliases: ['DL3059'],
  severity: 'info',
  title: 'two or more consecutive RUN instructions that could be one layer',
  check: () => [], // TODO: implement
};
