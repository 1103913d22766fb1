import type { Rule } from '../rule';

export const exposeSsh: Rule = {
  id: 'expose-ssh',
  aliases: ['DS-0004'],
  severity: 'warning',
  title: 'EXPOSE 22',
  check: () => [], // TODO: implement
};
