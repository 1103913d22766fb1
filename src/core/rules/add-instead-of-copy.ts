import type { Rule } from '../rule';

export const addInsteadOfCopy: Rule = {
  id: 'add-instead-of-copy',
  aliases: ['DL3020', 'DS-0005'],
  severity: 'warning',
  title: 'ADD of a local file or folder (not a URL, not a local tar archive to extract, not a git source)',
  check: () => [], // TODO: implement
};
