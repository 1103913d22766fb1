import type { Rule } from '../rule';

export const aptOverAptGet: Rule = {
  id: 'apt-over-apt-get',
  aliases: ['DL3027'],
  severity: 'warning',
  title: 'apt used in RUN',
  check: () => [], // TODO: implement
};
