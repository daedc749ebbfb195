// Who plays which part: picks distinct people for scenarios, near misses and benign changes, so one person's
// injected attack is never blurred by another injected event or a planned near miss.

import type { Rng } from './prng.ts';
import type { World } from './world.ts';

export class Casting {
  private readonly world: World;
  private readonly used = new Set<number>();

  constructor(world: World) {
    this.world = world;
  }

  isUsed(i: number): boolean {
    return this.used.has(i);
  }

  claim(i: number): number {
    this.used.add(i);
    return i;
  }

  /**
   * A distinct ordinary member (never users[2], the account printed for manual sign-in), optionally matching a
   * predicate. When the tenant is too small to give a fresh one, an already-used member is reused.
   */
  member(rng: Rng, predicate?: (i: number) => boolean): number {
    const pool = this.world.members;
    if (pool.length === 0) return this.claim(this.world.core.ordinary);
    const ok = (i: number): boolean => !this.used.has(i) && (!predicate || predicate(i));
    for (let tries = 0; tries < 200; tries++) {
      const i = pool[rng.int(pool.length)]!;
      if (ok(i)) return this.claim(i);
    }
    const free = pool.find(ok);
    if (free !== undefined) return this.claim(free);
    const any = predicate ? pool.find(predicate) : undefined;
    return any ?? pool[rng.int(pool.length)]!;
  }

  /** Up to n distinct members (fewer when the tenant is small). */
  members(rng: Rng, n: number, predicate?: (i: number) => boolean): number[] {
    const out: number[] = [];
    const seen = new Set<number>();
    const pool = this.world.members;
    for (let tries = 0; out.length < n && tries < n * 20; tries++) {
      if (pool.length === 0) break;
      const i = pool[rng.int(pool.length)]!;
      if (seen.has(i) || this.used.has(i) || (predicate && !predicate(i))) continue;
      seen.add(i);
      out.push(i);
    }
    for (const i of out) this.used.add(i);
    return out;
  }

  /** One of `pool` (e.g. the Exchange administrators), preferring one not used yet. */
  oneOf(rng: Rng, pool: readonly number[]): number {
    const fresh = pool.filter((i) => !this.used.has(i));
    const from = fresh.length > 0 ? fresh : pool;
    if (from.length === 0) throw new Error('Casting.oneOf: empty pool');
    return this.claim(from[rng.int(from.length)]!);
  }
}
