import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignedWindows, DAY_MS, HOUR_MS, splitWindow, toWholeSeconds } from '../../../main/core/collect/timeWindows.ts';

const T = Date.UTC(2026, 5, 1);

describe('collection windows', () => {
  it('cuts a range on whole UTC days or hours, so runs line up with each other and the coverage strip', () => {
    expect(alignedWindows(T + 5 * HOUR_MS, T + 2 * DAY_MS + HOUR_MS, DAY_MS)).toEqual([
      { startMs: T + 5 * HOUR_MS, endMs: T + DAY_MS },
      { startMs: T + DAY_MS, endMs: T + 2 * DAY_MS },
      { startMs: T + 2 * DAY_MS, endMs: T + 2 * DAY_MS + HOUR_MS },
    ]);
    expect(alignedWindows(T, T, HOUR_MS)).toEqual([]);
  });

  it('splits a window on hour marks while it spans several hours, then on whole seconds', () => {
    const day = splitWindow({ startMs: T, endMs: T + DAY_MS }, 57_000, 40_000)!;
    expect(day).toEqual([
      { startMs: T, endMs: T + 12 * HOUR_MS },
      { startMs: T + 12 * HOUR_MS, endMs: T + DAY_MS },
    ]);
    const hour = splitWindow({ startMs: T, endMs: T + HOUR_MS }, 130_000, 40_000)!;
    expect(hour).toHaveLength(4);
    for (const part of hour) expect(part.startMs % 1000).toBe(0);
    expect(splitWindow({ startMs: T, endMs: T + 1000 }, 60_000, 40_000)).toBeNull();
  });

  it('always splits into contiguous whole-second parts that cover the window exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 2, max: 40 * 24 * 3600 }),
        fc.integer({ min: 50_000, max: 2_000_000 }),
        (offsetSeconds, lengthSeconds, count) => {
          const window = { startMs: T + offsetSeconds * 1000, endMs: T + (offsetSeconds + lengthSeconds) * 1000 };
          const parts = splitWindow(window, count, 40_000)!;
          expect(parts.length).toBeGreaterThanOrEqual(2);
          expect(parts[0]!.startMs).toBe(window.startMs);
          expect(parts[parts.length - 1]!.endMs).toBe(window.endMs);
          for (let i = 0; i < parts.length; i++) {
            expect(parts[i]!.endMs).toBeGreaterThan(parts[i]!.startMs);
            expect(parts[i]!.startMs % 1000).toBe(0);
            if (i > 0) expect(parts[i]!.startMs).toBe(parts[i - 1]!.endMs);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('widens a window to whole seconds', () => {
    expect(toWholeSeconds({ startMs: T + 1500, endMs: T + 2500 })).toEqual({ startMs: T + 1000, endMs: T + 3000 });
  });
});
