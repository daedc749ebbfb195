import type { MailboxFilter, MailboxRow } from '../../../../shared/model/adminInventory.ts';

export const PAGE_ROWS = 200;
/** Pages asked of main at once: while the scrollbar is dragged, pages the list has already left are not fetched. */
const MAX_IN_FLIGHT = 2;
/** Pages kept; beyond that, those farthest from the screen are dropped (fetched again if scrolled back to). */
const MAX_PAGES = 150;

type FetchPage = (filter: MailboxFilter, offset: number, limit: number) => Promise<{ total: number; rows: MailboxRow[]; snapshot: { id: number } | null }>;

/**
 * The rows of the mailbox list that have been fetched, page by page, for one filter. The list says which
 * rows it is about to show; pages come from main on demand (never the whole list at once), at most two at
 * a time, nearest to what is on screen first, and a page the list scrolled away from before its turn is
 * not asked for at all. A new filter (or snapshot) means a new cache.
 */
export class MailboxPages {
  readonly filter: MailboxFilter;
  total: number | null = null;
  /** Bumps whenever pages arrive: components that show rows subscribe to it (useSyncExternalStore). */
  version = 0;
  private readonly pages = new Map<number, MailboxRow[]>();
  private readonly inFlight = new Set<number>();
  private wanted: [number, number] = [0, -1];
  private readonly fetchPage: FetchPage;
  private readonly failed: (error: Error) => void;
  private readonly listeners = new Set<() => void>();
  private disposed = false;

  constructor(filter: MailboxFilter, fetchPage: FetchPage, failed: (error: Error) => void) {
    this.filter = filter;
    this.fetchPage = fetchPage;
    this.failed = failed;
  }

  /** For useSyncExternalStore: only what shows rows or the count re-renders when a page arrives. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getVersion = (): number => this.version;

  row(index: number): MailboxRow | undefined {
    return this.pages.get(Math.floor(index / PAGE_ROWS))?.[index % PAGE_ROWS];
  }

  /** The list shows (or is about to show) rows first..last, inclusive. (Bound: the list passes it on.) */
  readonly want = (first: number, last: number): void => {
    const from = Math.max(0, Math.floor(first / PAGE_ROWS));
    this.wanted = [from, Math.max(from, Math.floor(Math.max(first, last) / PAGE_ROWS))];
    this.pump();
  };

  dispose(): void {
    this.disposed = true;
  }

  private evictFarPages(): void {
    if (this.pages.size <= MAX_PAGES) return;
    const [from, to] = this.wanted;
    const distance = (page: number) => (page < from ? from - page : page > to ? page - to : 0);
    const farthest = [...this.pages.keys()].sort((a, b) => distance(b) - distance(a));
    for (const page of farthest.slice(0, this.pages.size - MAX_PAGES)) this.pages.delete(page);
  }

  /** Starts fetches for wanted pages that are neither here nor on their way, while there is room. */
  private pump(): void {
    const [from, to] = this.wanted;
    for (let page = from; page <= to && this.inFlight.size < MAX_IN_FLIGHT; page++) {
      if (this.pages.has(page) || this.inFlight.has(page)) continue;
      if (this.total !== null && page * PAGE_ROWS >= this.total) break;
      this.inFlight.add(page);
      this.fetchPage(this.filter, page * PAGE_ROWS, PAGE_ROWS)
        .then((result) => {
          this.inFlight.delete(page);
          if (this.disposed) return;
          this.total = result.total;
          this.pages.set(page, result.rows);
          this.evictFarPages();
          this.version += 1;
          for (const listener of this.listeners) listener();
          this.pump();
        })
        .catch((error: unknown) => {
          this.inFlight.delete(page);
          if (!this.disposed) this.failed(error as Error);
        });
    }
  }
}
