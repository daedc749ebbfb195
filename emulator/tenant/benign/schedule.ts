// Picking times for planned benign events: a random working-hour moment in a given time zone, inside the history.

import type { Rng } from '../prng.ts';
import { DAY_MS, HOUR_MS, localClock } from '../time.ts';

/** A moment on a working day between local 09:00 and 17:00 in `timeZone`, or null when the history has none. */
export function workingMoment(rng: Rng, timeZone: string, startMs: number, endMs: number): number | null {
  for (let tries = 0; tries < 40; tries++) {
    const day = Math.floor(startMs / DAY_MS) + rng.int(Math.max(1, Math.ceil((endMs - startMs) / DAY_MS)));
    const ms = day * DAY_MS + rng.int(DAY_MS);
    if (ms < startMs + HOUR_MS || ms >= endMs - HOUR_MS) continue;
    const c = localClock(timeZone, ms);
    if (c.weekday >= 1 && c.weekday <= 5 && c.hour >= 9 && c.hour < 17) return ms;
  }
  return null;
}
