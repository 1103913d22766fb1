import type { Rule } from '../rule';

export const pinDigest: Rule = {
  id: 'pin-digest',
  aliases: [],
  severity: 'off',
  title: 'FROM an image by tag without @sha256:',
  check: () => [], // TODO: implement
};
