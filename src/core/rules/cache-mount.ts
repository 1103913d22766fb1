import type { Rule } from '../rule';

export const cacheMount: Rule = {
  id: 'cache-mount',
  aliases: [],
  severity: 'info',
  title: 'install RUN without --mount=type=cache for that manager\'s cache',
  check: () => [], // TODO: implement
};
