import type { Rule } from '../rule';

export const aptUpdateAlone: Rule = {
  id: 'apt-update-alone',
  aliases: ['DS-0017'],
  severity: 'warning',
  title: 'apt-get update (or apk update, yum/dnf makecache) in a RUN with no install in the same RUN',
  check: () => [], // TODO: implement
};
