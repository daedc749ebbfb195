import type { PageCursor, RecordRow } from '../../../../shared/model/evidence.ts';

/** How the cache asks main for rows: by position, or after a known row (keyset, cheap at any depth). */
export interface RowSource {
  window(offset: number, limit: number): Promise<RecordRow[]>;
  after(cursor: PageCursor, limit: number): Promise<RecordRow[]>;
}

/** Rows per request. */
export const CHUNK_ROWS = 200;
/** Chunks kept (40,000 rows); the ones farthest from the view are dropped first. */
const MAX_CHUNKS = 200;
/** Requests in flight at once; while the user drags the scrollbar, only the latest view is fetched. */
const MAX_IN_FLIGHT = 3;
/**
 * A view that jumped (not next to the last one) is fetched once it has stayed put this long: while
 * the scrollbar is dragged, the rows flying past are never fetched, parsed or drawn.
 */
export const SETTLE_MS = 60;

/**
 * The rows of one result (one filter) for a virtualized table: fetched in chunks as the view reaches
 * them, never all at once. A chunk that follows a loaded one is fetched by keyset (the rows after the
 * last known row), which costs the same at row 9,000,000 as at row 200; a chunk reached by a jump
 * is fetched by position.
 */
export class RecordRowCache {
  private readonly chunks = new Map<number, RecordRow[]>();
  private readonly inFlight = new Set<number>();
  private queue: number[] = [];
  private center = 0;
  private lastView: { from: number; to: number } | null = null;
  private settle: ReturnType<typeof setTimeout> | null = null;
  private readonly source: RowSource;
  private readonly onChange: () => void;
  error: Error | null = null;

  constructor(source: RowSource, onChange: () => void) {
    this.source = source;
    this.onChange = onChange;
  }

  row(index: number): RecordRow | undefined {
    return this.chunks.get(Math.floor(index / CHUNK_ROWS))?.[index % CHUNK_ROWS];
  }

  /** Rows known to exist: the end of the farthest loaded chunk, plus one chunk if that one was full. */
  knownRows(): number {
    let known = 0;
    for (const [chunk, rows] of this.chunks) known = Math.max(known, chunk * CHUNK_ROWS + rows.length + (rows.length === CHUNK_ROWS ? CHUNK_ROWS : 0));
    return known;
  }

  /** The view shows rows first..last: fetch the chunks it needs, nearest the middle first; drop older wishes. */
  want(first: number, last: number): void {
    if (last < first) return;
    const from = Math.floor(first / CHUNK_ROWS);
    const to = Math.floor(last / CHUNK_ROWS);
    this.center = (from + to) / 2;
    this.queue = [];
    for (let c = from; c <= to; c++) if (!this.chunks.has(c) && !this.inFlight.has(c)) this.queue.push(c);
    this.queue.sort((a, b) => Math.abs(a - this.center) - Math.abs(b - this.center));
    const previous = this.lastView;
    this.lastView = { from, to };
    if (this.settle !== null) clearTimeout(this.settle);
    this.settle = null;
    const scrolledOn = previous === null || (from <= previous.to + 1 && to >= previous.from - 1);
    if (scrolledOn || this.queue.length === 0) this.pump();
    else
      this.settle = setTimeout(() => {
        this.settle = null;
        this.pump();
      }, SETTLE_MS);
  }

  private pump(): void {
    while (this.inFlight.size < MAX_IN_FLIGHT && this.queue.length > 0) void this.fetch(this.queue.shift()!);
  }

  private async fetch(chunk: number): Promise<void> {
    this.inFlight.add(chunk);
    try {
      const previous = this.chunks.get(chunk - 1);
      const last = previous && previous.length === CHUNK_ROWS ? previous[CHUNK_ROWS - 1] : undefined;
      const rows = last ? await this.source.after({ timeMs: last.timeMs, id: last.id }, CHUNK_ROWS) : await this.source.window(chunk * CHUNK_ROWS, CHUNK_ROWS);
      this.chunks.set(chunk, rows);
      this.evict();
      this.error = null;
    } catch (error) {
      this.error = error instanceof Error ? error : new Error(String(error));
    } finally {
      this.inFlight.delete(chunk);
    }
    this.onChange();
    this.pump();
  }

  private evict(): void {
    if (this.chunks.size <= MAX_CHUNKS) return;
    const farthest = [...this.chunks.keys()].sort((a, b) => Math.abs(b - this.center) - Math.abs(a - this.center));
    for (const chunk of farthest.slice(0, this.chunks.size - MAX_CHUNKS)) this.chunks.delete(chunk);
  }
}
