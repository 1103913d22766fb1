import type { Rule } from '../rule';

export const apkNoCache: Rule = {
  id: 'apk-no-cache',
  aliases: ['DL3019', 'DS-0025'],
  severity: 'warning',
  title: 'apk add without --no-cache',
  check: () => [], // TODO: implement
};
