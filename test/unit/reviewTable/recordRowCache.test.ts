// The review table's row cache: only the rows in view are fetched, consecutive chunks by keyset,
// jumps by position, at most three requests at once, and a capped count grows as rows are seen.
import { describe, expect, it } from 'vitest';
import { CHUNK_ROWS, RecordRowCache, SETTLE_MS } from '../../../renderer/src/components/records/recordRowCache.ts';
import type { PageCursor, RecordRow } from '../../../shared/model/evidence.ts';

const TOTAL = 1_000_000;
/** Row i of a result, newest first: ids count down, times too. */
const rowAt = (i: number) => ({ id: TOTAL - i, timeMs: 1_700_000_000_000 - i * 1000 }) as RecordRow;

function source() {
  const calls: string[] = [];
  const pending: (() => void)[] = [];
  const answer = <T>(value: T) => new Promise<T>((resolve) => pending.push(() => resolve(value)));
  return {
    calls,
    /** Answers every request made so far. */
    flush: async () => {
      while (pending.length > 0) pending.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    },
    rows: {
      window: (offset: number, limit: number) => {
        calls.push(`window ${offset}`);
        return answer(Array.from({ length: Math.min(limit, TOTAL - offset) }, (_, k) => rowAt(offset + k)));
      },
      after: (cursor: PageCursor, limit: number) => {
        calls.push(`after ${cursor.id}`);
        const start = TOTAL - cursor.id + 1;
        return answer(Array.from({ length: Math.min(limit, TOTAL - start) }, (_, k) => rowAt(start + k)));
      },
    },
  };
}

const settled = () => new Promise((r) => setTimeout(r, SETTLE_MS + 20));

describe('RecordRowCache', () => {
  it('fetches what is in view, then the next chunk by keyset, and a far jump by position', async () => {
    const s = source();
    let changes = 0;
    const cache = new RecordRowCache(s.rows, () => changes++);
    cache.want(0, 30);
    expect(s.calls).toEqual(['window 0']);
    expect(cache.row(5)).toBeUndefined();
    await s.flush();
    expect(cache.row(5)).toEqual(rowAt(5));
    expect(changes).toBe(1);

    cache.want(CHUNK_ROWS - 10, CHUNK_ROWS + 20);
    await s.flush();
    expect(s.calls.at(-1)).toBe(`after ${rowAt(CHUNK_ROWS - 1).id}`);
    expect(cache.row(CHUNK_ROWS + 3)).toEqual(rowAt(CHUNK_ROWS + 3));

    cache.want(700_000, 700_030);
    await settled();
    await s.flush();
    expect(s.calls.at(-1)).toBe(`window ${Math.floor(700_000 / CHUNK_ROWS) * CHUNK_ROWS}`);
    expect(cache.row(700_010)).toEqual(rowAt(700_010));
  });

  it('keeps at most three requests in flight and drops wishes the view has left', async () => {
    const s = source();
    const cache = new RecordRowCache(s.rows, () => {});
    cache.want(0, 10 * CHUNK_ROWS);
    expect(s.calls).toHaveLength(3);
    // The user dragged on: only the new view's chunks are fetched after the three in flight.
    cache.want(500_000, 500_010);
    await s.flush();
    await settled();
    await s.flush();
    expect(s.calls.slice(3)).toEqual([`window ${500_000}`]);
  });

  it('fetches nothing for views the scrollbar flies past, only where it stops', async () => {
    const s = source();
    const cache = new RecordRowCache(s.rows, () => {});
    cache.want(0, 30);
    await s.flush();
    for (let row = 10_000; row < 900_000; row += 50_000) cache.want(row, row + 30);
    cache.want(950_000, 950_030);
    expect(s.calls).toEqual(['window 0']);
    await settled();
    expect(s.calls).toEqual(['window 0', `window ${950_000}`]);
  });

  it('knows more rows than a capped count once it has seen them', async () => {
    const s = source();
    const cache = new RecordRowCache(s.rows, () => {});
    cache.want(99_990, 99_999);
    await s.flush();
    // Chunk 499 is full, so at least one more chunk exists beyond it.
    expect(cache.knownRows()).toBe(100_000 + CHUNK_ROWS);
  });

  it('reports a failed request and recovers on the next', async () => {
    let fail = true;
    const cache = new RecordRowCache(
      {
        window: async (offset) => {
          if (fail) throw new Error('store busy');
          return [rowAt(offset)];
        },
        after: async () => [],
      },
      () => {},
    );
    cache.want(0, 1);
    await new Promise((r) => setTimeout(r, 0));
    expect(cache.error?.message).toBe('store busy');
    fail = false;
    cache.want(0, 1);
    await new Promise((r) => setTimeout(r, 0));
    expect(cache.error).toBeNull();
    expect(cache.row(0)).toEqual(rowAt(0));
  });
});
