import type { Rule } from '../rule';

export const jsonArgs: Rule = {
  id: 'json-args',
  aliases: ['DL3025', 'JSONArgsRecommended'],
  severity: 'warning',
  title: 'CMD or ENTRYPOINT in shell form',
  check: () => [], // TODO: implement
};
