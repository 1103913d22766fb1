import type { Rule } from '../rule';

export const copyIgnoredFile: Rule = {
  id: 'copy-ignored-file',
  aliases: ['CopyIgnoredFile'],
  severity: 'warning',
  title: 'COPY/ADD of a source that .dockerignore excludes (Docker\'s matching rules)',
  check: () => [], // TODO: implement
};
