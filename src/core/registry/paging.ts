// Paged lists (`/v2/_catalog`, `/v2/<name>/tags/list`) behind one continuation token. Registries
// page with `n`/`last` and a `Link: <…?last=x&n=100>; rel="next"` header; registry 2.8 ignores `n`
// for tags and sends everything, unsorted. Both come out the same: pages of at most `pageSize`
// items in lexical order, the oversized answer kept briefly so "Load more" needs no new request.
// A registry's paging is not trusted to end: PageWalk stops a walk on a page already read, a page
// with nothing new, or past its caps, and says so in `truncated`.

export interface Page<T> {
  items: T[];
  /** Opaque continuation token for the next page; absent on the last page. */
  next?: string;
  /** Set when the list stops before its end, saying why in words fit to show (no `next` then). */
  truncated?: string;
}

export interface PageOptions {
  /** Items wanted per page (1-1000; registry 2.8 refuses more than 1000). Default 100. */
  pageSize?: number;
  /** `next` of the previous page. */
  cursor?: string;
  signal?: AbortSignal;
}

export const MAX_PAGE_SIZE = 1000;
/** Most pages one walk reads (a Link header that never ends once made 10,591 requests in 10 s). */
export const MAX_PAGES = 1000;
/** Most entries one walk keeps. */
export const MAX_ENTRIES = 100_000;
const BUFFER_MS = 60_000;

/** Why a walk stopped early, as the end of "Only part of … is listed: …". */
export const Truncation = {
  repeated: 'the registry pointed back to a page already read',
  stale: 'a page of the registry brought no new entries',
  unusable: "the registry's link to the next page is not usable",
  pages: (max: number) => `the list goes on past ${max} pages`,
  entries: (max: number) => `the list goes on past ${max} entries`,
} as const;

/** `Only part of repository app is listed: <reason>.` */
export function truncationMessage(what: string, reason: string): string {
  return `Only part of ${what} is listed: ${reason}.`;
}

/** A continuation token that can be sent back: not too long, and no control characters. */
export function isCursor(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return value.length <= 1024 && !/[\u0000-\u001f\u007f-\u009f]/.test(value);
}

/**
 * One walk through a paged list (every tag, or the catalog page by page as "Load more" asks):
 * it hands on each page's new entries and the cursor to go on with, and stops, saying why, on a
 * cursor already used (the same next link, or one pointing back to a page read before), on a page
 * that brings no new entry, and past `maxPages` pages or `maxEntries` entries.
 */
export class PageWalk {
  private readonly cursors = new Set<string>();
  private readonly seen = new Set<string>();
  private pages = 0;
  readonly maxPages: number;
  readonly maxEntries: number;

  /** `what` names the list in the truncation message: `repository app`, `the repository catalog`. */
  constructor(
    private readonly what: string,
    limits: { maxPages?: number; maxEntries?: number } = {},
  ) {
    this.maxPages = limits.maxPages ?? MAX_PAGES;
    this.maxEntries = limits.maxEntries ?? MAX_ENTRIES;
  }

  /** Entries kept so far. */
  get size(): number {
    return this.seen.size;
  }

  /**
   * Takes the page read with `cursor` (undefined for the first): its new entries, and the `next`
   * cursor to go on with, or `truncated` saying why the walk stops there (a page's own
   * `truncated` passes on as it is).
   */
  take(page: Page<string>, cursor: string | undefined): Page<string> {
    this.pages++;
    this.cursors.add(cursor ?? '');
    const fresh = page.items.filter((item) => !this.seen.has(item));
    const room = Math.max(0, this.maxEntries - this.seen.size);
    const items = fresh.slice(0, room);
    for (const item of items) this.seen.add(item);
    const stop = (reason: string): Page<string> => ({ items, truncated: truncationMessage(this.what, reason) });
    if (fresh.length > room) return stop(Truncation.entries(this.maxEntries));
    if (page.truncated) return { items, truncated: page.truncated };
    if (page.next === undefined) return { items };
    if (this.cursors.has(page.next)) return stop(Truncation.repeated);
    if (!fresh.length) return stop(Truncation.stale);
    if (this.pages >= this.maxPages) return stop(Truncation.pages(this.maxPages));
    if (this.seen.size >= this.maxEntries) return stop(Truncation.entries(this.maxEntries));
    return { items, next: page.next };
  }
}

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
