// Paged lists (`/v2/_catalog`, `/v2/<name>/tags/list`) behind one continuation token. Registries
// page with `n`/`last` and a `Link: <…?last=x&n=100>; rel="next"` header; registry 2.8 ignores `n`
// for tags and sends everything, unsorted. Both come out the same: pages of at most `pageSize`
// items in lexical order, the oversized answer kept briefly so "Load more" needs no new request.

export interface Page<T> {
  items: T[];
  /** Opaque continuation token for the next page; absent on the last page. */
  next?: string;
}

export interface PageOptions {
  /** Items wanted per page (1-1000; registry 2.8 refuses more than 1000). Default 100. */
  pageSize?: number;
  /** `next` of the previous page. */
  cursor?: string;
  signal?: AbortSignal;
}

export const MAX_PAGE_SIZE = 1000;
const BUFFER_MS = 60_000;

/** The `last` parameter of the `rel="next"` target of a Link header. */
export function nextLast(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (!m || !/\brel\s*=\s*"?next"?/i.test(m[2])) continue;
    const last = new URL(m[1], 'http://registry.invalid').searchParams.get('last');
    if (last !== null) return last;
  }
  return undefined;
}

export function clampPageSize(pageSize: number | undefined): number {
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(pageSize ?? 100)));
}

interface Buffered {
  items: string[];
  at: number;
}

/** Whole lists from registries that ignored `n`, kept for the following pages. */
export class PageBuffer {
  private readonly lists = new Map<string, Buffered>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Items after `cursor` from a buffered whole list, or undefined when none is fresh. */
  after(key: string, cursor: string): string[] | undefined {
    const buffered = this.lists.get(key);
    if (!buffered || this.now() - buffered.at > BUFFER_MS) {
      this.lists.delete(key);
      return undefined;
    }
    return buffered.items.filter((item) => item > cursor);
  }

  keep(key: string, items: string[]): void {
    this.lists.set(key, { items, at: this.now() });
  }

  clear(): void {
    this.lists.clear();
  }
}

/**
 * One page from an answer: when the registry sent more than asked, it ignored `n` (and maybe
 * `last`), so the items are sorted, cut after the cursor and sliced here.
 */
export function pageFrom(
  items: string[],
  link: string | null,
  pageSize: number,
  cursor: string | undefined,
): { page: Page<string>; whole?: string[] } {
  if (items.length <= pageSize) {
    const next = nextLast(link);
    if (next !== undefined) return { page: { items, next } };
    // A whole list in one answer: sorted like a paged one (registry 2.8 sends tags unsorted).
    return { page: { items: cursor === undefined ? [...items].sort(byCodeUnit) : items } };
  }
  const whole = [...items].sort(byCodeUnit);
  const rest = cursor === undefined ? whole : whole.filter((item) => item > cursor);
  return { page: slice(rest, pageSize), whole };
}

export function slice(rest: string[], pageSize: number): Page<string> {
  const items = rest.slice(0, pageSize);
  return rest.length > pageSize ? { items, next: items[items.length - 1] } : { items };
}

/** Go's sort.Strings order, which registries use for `last`. */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
