import type { Rule } from '../rule';

export const dockerignoreMissing: Rule = {
  id: 'dockerignore-missing',
  aliases: [],
  severity: 'warning',
  title: 'build context (the Dockerfile\'s folder, or the task\'s context) has no .dockerignore and no <Dockerfile>.dockerignore',
  check: () => [], // TODO: implement
};
