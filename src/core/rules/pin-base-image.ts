import type { Rule } from '../rule';

export const pinBaseImage: Rule = {
  id: 'pin-base-image',
  aliases: ['DL3006', 'DL3007', 'DS-0001'],
  severity: 'warning',
  title: 'FROM an image with no tag, or the tag latest',
  check: () => [], // TODO: implement
};
