import type { Rule } from '../rule';

export const packageCacheCleanup: Rule = {
  id: 'package-cache-cleanup',
  aliases: ['DL3032', 'DL3040', 'DL3060', 'DS-0015', 'DS-0019'],
  severity: 'warning',
  title: 'yum/dnf/microdnf install without … clean all, yarn install without yarn cache clean in the same RUN',
  check: () => [], // TODO: implement
};
