import type { Rule } from '../rule';

export const healthcheckMissing: Rule = {
  id: 'healthcheck-missing',
  aliases: ['DL3057', 'DS-0026'],
  severity: 'info',
  title: 'final stage of a service image (it EXPOSEs a port) has no HEALTHCHECK',
  check: () => [], // TODO: implement
};
