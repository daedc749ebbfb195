// The seeded streams: reproducible, independent per key, well spread, and ids in the right shape.

import { describe, expect, it } from 'vitest';
import { guidFrom, hashGuid, Rng, rngFor, tokenFrom } from '../prng.ts';

const GUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('prng', () => {
  it('repeats a stream for the same key and differs for another key', () => {
    const a = rngFor('seed', 'hour', 5);
    const b = rngFor('seed', 'hour', 5);
    const c = rngFor('seed', 'hour', 6);
    const take = (r: Rng): number[] => Array.from({ length: 50 }, () => r.u32());
    const ta = take(a);
    expect(take(b)).toEqual(ta);
    expect(take(c)).not.toEqual(ta);
    expect(new Rng(42).u32()).toBe(new Rng(42).u32());
  });

  it('draws uniformly enough for sampling (mean and buckets of 100,000 draws)', () => {
    const r = rngFor('uniform');
    const buckets = new Array<number>(10).fill(0);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      sum += x;
      buckets[Math.floor(x * 10)]!++;
    }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
    for (const n of buckets) expect(Math.abs(n - 10_000)).toBeLessThan(500);
    const p = Array.from({ length: 20_000 }, () => r.poisson(3));
    expect(p.reduce((s, x) => s + x, 0) / p.length).toBeCloseTo(3, 1);
  });

  it('makes version-4 GUIDs, hex, tokens and derived ids of the right shape, without collisions', () => {
    const r = rngFor('ids');
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const g = r.guid();
      expect(g).toMatch(GUID_V4);
      seen.add(g);
      seen.add(guidFrom(r.u32(), r.u32(), 7));
    }
    expect(seen.size).toBe(40_000);
    expect(r.hex(5)).toMatch(/^[0-9a-f]{10}$/);
    expect(tokenFrom(1, 2, 3)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(hashGuid(1, 2, 3, 4)).toBe(hashGuid(1, 2, 3, 4));
    expect(hashGuid(1, 2, 3, 4)).not.toBe(hashGuid(1, 2, 3, 5));
    expect(hashGuid(9, 8, 7, 6)).toMatch(GUID_V4);
  });
});
