// Tags newest first without asking the registry for each tag's date: versions descend by their
// numbers (20.11.1 before 20.11.0 before 20.9 before 20), a pre-release (-rc1, -beta.2) comes just
// below its release, variants (-slim, -alpine) of one version sit together, and tags that are no
// version (latest, edge, sha-1a2b3c) come last, alphabetically.

export interface TagVersion {
  numbers: number[];
  /** What follows the numbers, without the leading `-`/`_`/`.`: `slim`, `rc1`, `alpine3.20`. */
  suffix: string;
  prerelease: boolean;
}

const PRERELEASE = /^(?:alpha|beta|rc|pre|preview|dev|nightly|snapshot|canary|b|a)(?:[.-]?\d+)*(?:$|[.-])/i;

/** `v1.2.3-rc1` → numbers [1,2,3], suffix `rc1`, prerelease; undefined for tags that are no version. */
export function tagVersion(tag: string): TagVersion | undefined {
  const m = /^v?(\d+(?:\.\d+)*)(?:[-_.+]?(.*))?$/i.exec(tag);
  if (!m) return undefined;
  const numbers = m[1].split('.').map(Number);
  if (numbers.some((n) => !Number.isSafeInteger(n))) return undefined;
  const suffix = m[2] ?? '';
  return { numbers, suffix, prerelease: PRERELEASE.test(suffix) };
}

/** The variant a rule keeps when it offers tags: `20-slim` → `slim`, `3.12.1-alpine3.20` → `alpine`. */
export function variantSuffix(tag: string): string {
  const version = tagVersion(tag);
  if (!version || version.prerelease) return '';
  return version.suffix.replace(/[\d.]+$/, '');
}

export function compareTagsNewestFirst(a: string, b: string): number {
  const va = tagVersion(a);
  const vb = tagVersion(b);
  if (!va || !vb) return va ? -1 : vb ? 1 : a < b ? -1 : a > b ? 1 : 0;
  const length = Math.max(va.numbers.length, vb.numbers.length);
  for (let i = 0; i < length; i++) {
    const x = va.numbers[i];
    const y = vb.numbers[i];
    // 20.11 before 20: the more precise tag first when one is a prefix of the other.
    if (x === undefined || y === undefined) return x === undefined ? 1 : -1;
    if (x !== y) return y - x;
  }
  if (va.prerelease !== vb.prerelease) return va.prerelease ? 1 : -1;
  if (va.prerelease) return comparePrereleases(va.suffix, vb.suffix) || (a < b ? -1 : a > b ? 1 : 0);
  if (va.suffix !== vb.suffix) return va.suffix === '' ? -1 : vb.suffix === '' ? 1 : va.suffix < vb.suffix ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const PRERELEASE_ORDER = ['dev', 'snapshot', 'nightly', 'canary', 'a', 'alpha', 'b', 'beta', 'pre', 'preview', 'rc'];

/** rc2 before rc1 before beta3 before alpha. */
function comparePrereleases(a: string, b: string): number {
  const rank = (s: string) => PRERELEASE_ORDER.indexOf(/^[a-z]+/i.exec(s)?.[0].toLowerCase() ?? '');
  const numbers = (s: string) => (s.match(/\d+/g) ?? []).map(Number);
  if (rank(a) !== rank(b)) return rank(b) - rank(a);
  const na = numbers(a);
  const nb = numbers(b);
  for (let i = 0; i < Math.max(na.length, nb.length); i++) {
    if ((na[i] ?? -1) !== (nb[i] ?? -1)) return (nb[i] ?? -1) - (na[i] ?? -1);
  }
  return 0;
}

/** A new array, newest and semver-aware first. */
export function sortTagsNewestFirst(tags: readonly string[]): string[] {
  return [...tags].sort(compareTagsNewestFirst);
}
