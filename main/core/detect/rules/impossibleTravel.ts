import type { DerivedFinding, SignInRule } from '../engine/ruleTypes.ts';
import type { SignInEvent } from '../engine/signInEvent.ts';
import { minutesBetween, utc } from '../findings/explain.ts';
import { HOUR, MINUTE } from './support/episodes.ts';
import { describeDevice, distanceKm, where } from './support/signInCodes.ts';

const parameters = {
  /** Faster than an airliner's cruise door to door is impossible. */
  maxSpeedKmh: 1000,
  /** Closer than this, IP geolocation error alone explains it. */
  minDistanceKm: 500,
  /** Two sign-ins further apart than this are not compared. */
  maxGapMs: 24 * HOUR,
  /** A floor for the time between sign-ins, so two near-simultaneous ones do not give an infinite speed. */
  minGapMs: MINUTE,
};

interface Point {
  event: SignInEvent;
  lat: number;
  lon: number;
}

/**
 * Impossible travel: consecutive successful sign-ins of one account from places too far apart for
 * the time between them. Uses the coordinates Entra recorded for each sign-in (no coordinates, no
 * judgement). Near misses: a business trip by plane (slower than the threshold), nearby cities and
 * mobile networks geolocated a little off (minimum distance), both ends inside the trusted networks.
 */
export const impossibleTravel: SignInRule<typeof parameters> = {
  kind: 'signin',
  id: 'impossible-travel',
  title: 'Impossible travel',
  severity: 'high',
  technique: 'T1078.004',
  looksAt: 'Successful sign-ins with coordinates, consecutive per account.',
  parameters,
  explanation:
    '{user} signed in from {fromPlace} at {fromTime} and {gap} later from {toPlace} at {toTime}: {distanceKm} km apart, {speedKmh} km/h, faster than any flight. The second sign-in used {device} ({app}).{moreHops}',
  lookbackMs: 24 * HOUR,
  scope: 'account',
  start(ctx) {
    const last = new Map<string, Point>();
    const out: DerivedFinding[] = [];
    const open = new Map<string, DerivedFinding>();
    return {
      observe(e) {
        if (e.result !== 'success' || !e.user || e.latitude === null || e.longitude === null) return;
        if (e.latitude === 0 && e.longitude === 0) return; // "no location" in some exports
        // The account's last place, updated in place: an object per sign-in, kept until the account's next one
        // (hours), cost more in collections than the comparison itself.
        const here = { lat: e.latitude, lon: e.longitude };
        const mine = last.get(e.user);
        if (!mine) {
          last.set(e.user, { event: e, lat: here.lat, lon: here.lon });
          return;
        }
        const before = { event: mine.event, lat: mine.lat, lon: mine.lon };
        mine.event = e;
        mine.lat = here.lat;
        mine.lon = here.lon;
        const gapMs = e.timeMs - before.event.timeMs;
        if (gapMs > parameters.maxGapMs) return;
        const km = distanceKm(before.lat, before.lon, here.lat, here.lon);
        if (km < parameters.minDistanceKm) return;
        if (ctx.isTrusted(before.event.ip) && ctx.isTrusted(e.ip)) return;
        const speed = km / (Math.max(gapMs, parameters.minGapMs) / HOUR);
        if (speed <= parameters.maxSpeedKmh) return;
        const current = open.get(e.user);
        if (current && before.event.timeMs - (current.lastMs ?? 0) <= 2 * HOUR) {
          // Later impossible hops of the same episode join it (a stolen session keeps bouncing).
          if (current.evidence[current.evidence.length - 1] !== before.event.id) current.evidence.push(before.event.id);
          current.evidence.push(e.id);
          current.lastMs = e.timeMs;
          const hops = Number(current.facts['hops']) + 1;
          current.facts['hops'] = hops;
          current.facts['moreHops'] = ` ${hops - 1} more impossible hop${hops === 2 ? '' : 's'} followed, until ${utc(e.timeMs)}.`;
          return;
        }
        const finding: DerivedFinding = {
          subjectKey: `user:${e.user}`,
          severity: 'high',
          title: `Impossible travel for ${e.user}: ${Math.round(km)} km in ${minutesBetween(before.event.timeMs, e.timeMs)}`,
          facts: {
            user: e.user,
            fromPlace: where(before.event),
            fromTime: utc(before.event.timeMs),
            toPlace: where(e),
            toTime: utc(e.timeMs),
            gap: minutesBetween(before.event.timeMs, e.timeMs),
            distanceKm: Math.round(km),
            speedKmh: Math.round(speed),
            device: describeDevice(e),
            app: e.app ?? 'unknown app',
            ips: [before.event.ip, e.ip],
            hops: 1,
            moreHops: '',
          },
          user: e.user,
          actor: null,
          ip: e.ip,
          firstMs: before.event.timeMs,
          lastMs: e.timeMs,
          evidence: [before.event.id, e.id],
        };
        open.set(e.user, finding);
        out.push(finding);
      },
      finish: () => out,
    };
  },
};
