import type { Rule } from '../rule';

export const pipNoCacheDir: Rule = {
  id: 'pip-no-cache-dir',
  aliases: ['DL3042'],
  severity: 'warning',
  title: 'pip install without --no-cache-dir (and no PIP_NO_CACHE_DIR env)',
  check: () => [], // TODO: implement
};
