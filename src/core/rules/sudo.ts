import type { Rule } from '../rule';

export const sudo: Rule = {
  id: 'sudo',
  aliases: ['DL3004', 'DS-0010'],
  severity: 'error',
  title: 'sudo in RUN',
  check: () => [], // TODO: implement
};
