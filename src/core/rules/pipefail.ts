import type { Rule } from '../rule';

export const pipefail: Rule = {
  id: 'pipefail',
  aliases: ['DL4006'],
  severity: 'warning',
  title: 'RUN with a pipe and no set -o pipefail in the command, nor a SHELL with -o pipefail',
  check: () => [], // TODO: implement
};
