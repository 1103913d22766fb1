import type { Rule } from '../rule';

export const copyChown: Rule = {
  id: 'copy-chown',
  aliases: [],
  severity: 'info',
  title: 'COPY into a stage whose USER is non-root, without --chown/--chmod',
  check: () => [], // TODO: implement
};
