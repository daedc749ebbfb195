// Benign activity that looks a little like an attack, planned so it can be listed: business trips by plane (fast
// but possible travel), a week's holiday abroad on the phone (a new country, known device, MFA as usual), a
// mistyped password, a phone hopping between home Wi-Fi and mobile data within one session.

import { APPS } from '../apps.ts';
import { OUTCOMES } from '../errors.ts';
import { at, ipIn, type Whereabouts } from '../activity/places.ts';
import type { Sink } from '../activity/sessions.ts';
import { runSession } from '../activity/sessions.ts';
import { COUNTRIES, distanceKm, HOME_COUNTRIES, TRAVEL_COUNTRIES, type City } from '../geography.ts';
import type { AuditRecord, DirectoryAudit, NearMiss, SignIn } from '../model.ts';
import { type Rng, rngFor } from '../prng.ts';
import { type Env, plannedSignIn, homeWhere } from '../scenarios/kit.ts';
import { DAY_MS, HOUR_MS, isoZ, utcOffsetMinutes } from '../time.ts';
import { workingMoment } from './schedule.ts';

class Collector implements Sink {
  readonly wantSignIns = true;
  readonly wantAudit = true;
  readonly ids: string[] = [];
  readonly times: number[] = [];
  private readonly env: Env;

  constructor(env: Env) {
    this.env = env;
  }

  signIn(ms: number, r: SignIn): void {
    this.env.planner.addSignIn(ms, r);
    this.ids.push(r.id);
    this.times.push(ms);
  }

  audit(ms: number, r: AuditRecord): void {
    this.env.planner.addAuditRecord(ms, r);
    this.ids.push(r.Id);
    this.times.push(ms);
  }

  directory(ms: number, r: DirectoryAudit): void {
    this.env.planner.addDirectoryAudit(ms, r);
    this.ids.push(r.id);
    this.times.push(ms);
  }
}

/** Local hour `hour` on the day of `ms` in `timeZone`, as UTC milliseconds. */
function localTime(timeZone: string, dayMs: number, hour: number): number {
  const offset = utcOffsetMinutes(timeZone, dayMs) * 60_000;
  return Math.floor((dayMs + offset) / DAY_MS) * DAY_MS + hour * HOUR_MS - offset;
}

interface Trip {
  person: number;
  destination: City;
  departMs: number;
  arriveMs: number;
  returnMs: number;
  backMs: number;
}

function planTrip(env: Env, rng: Rng, person: number, destination: City, stayDays: number): Trip | null {
  const { world } = env.ctx;
  const home = world.profiles[person]!.homeCity;
  const flightMs = ((distanceKm(home, destination) / 800) + 1) * HOUR_MS;
  const totalMs = 2 * flightMs + stayDays * DAY_MS + 8 * HOUR_MS;
  const latestStart = world.endMs - totalMs - 2 * HOUR_MS;
  if (latestStart <= world.startMs + 6 * HOUR_MS) return null;
  const base = world.startMs + 6 * HOUR_MS + rng.int(latestStart - world.startMs - 6 * HOUR_MS);
  const departMs = localTime(home.timeZone, base, 7) + rng.int(2 * HOUR_MS);
  const arriveMs = departMs + flightMs;
  const returnMs = localTime(destination.timeZone, arriveMs + stayDays * DAY_MS, 16);
  const backMs = returnMs + flightMs;
  if (departMs < world.startMs + 3 * HOUR_MS || backMs + 3 * HOUR_MS >= world.endMs) return null;
  return { person, destination, departMs, arriveMs, returnMs, backMs };
}

function tripSessions(env: Env, rng: Rng, trip: Trip, phoneOnly: boolean): Collector {
  const { world } = env.ctx;
  const c = new Collector(env);
  const p = world.profiles[trip.person]!;
  const user = world.users[trip.person]!;
  const network = rng.pick(trip.destination.residential);
  const hotel: Whereabouts = at(trip.destination, network, ipIn(network, rng), false);
  const home = homeWhere(env, trip.person);
  const device = phoneOnly ? (p.phone ?? p.laptop!) : (p.laptop ?? p.phone!);
  const sessionAt = (where: Whereabouts, ms: number): void => {
    const kind = device.kind === 'phone' ? (rng.chance(0.6) ? 'outlookMobile' : 'teamsMobile') : rng.chance(0.5) ? 'browser' : 'outlook';
    runSession(env.ctx, c, rng, user, kind, device, where, ms, ms + 30 * 60_000, rng.guid());
  };
  // Last session at home before leaving, first one on arrival, a few a day while away, home again after.
  sessionAt(home, trip.departMs - 2 * HOUR_MS);
  sessionAt(hotel, trip.arriveMs + HOUR_MS + rng.int(HOUR_MS));
  for (let day = trip.arriveMs + DAY_MS; day < trip.returnMs - 2 * HOUR_MS; day += DAY_MS) {
    const n = phoneOnly ? rng.range(1, 3) : rng.range(2, 4);
    for (let k = 0; k < n; k++) {
      const ms = localTime(trip.destination.timeZone, day, 9 + rng.int(10)) + rng.int(HOUR_MS);
      if (ms > trip.arriveMs + 2 * HOUR_MS && ms < trip.returnMs - 2 * HOUR_MS) sessionAt(hotel, ms);
    }
  }
  sessionAt(hotel, trip.returnMs - 2 * HOUR_MS);
  sessionAt(home, trip.backMs + HOUR_MS + rng.int(HOUR_MS));
  env.planner.setAway(trip.person, { fromMs: trip.departMs - 3 * HOUR_MS, toMs: trip.backMs + 3 * HOUR_MS });
  return c;
}

function nearMiss(resembles: NearMiss['resembles'], summary: string, upn: string, c: Collector): NearMiss | null {
  if (c.ids.length === 0) return null;
  const sorted = c.times.slice().sort((a, b) => a - b);
  return { resembles, summary, upn, start: isoZ(sorted[0]!), end: isoZ(sorted[sorted.length - 1]!), recordIds: c.ids.slice() };
}

export function planNearMisses(env: Env): NearMiss[] {
  const { world } = env.ctx;
  const rng = rngFor(world.options.seed, 'near-misses');
  const out: NearMiss[] = [];
  const candidates = (): number => env.casting.member(rng, (i) => world.profiles[i]!.laptop !== null && world.profiles[i]!.phone !== null);
  if (world.members.length < 4) return out;

  // Business trips by plane to a far office country.
  const trips = world.options.days >= 3 ? Math.min(10, 1 + Math.floor(world.members.length / 1000)) : 0;
  for (let k = 0; k < trips; k++) {
    const person = candidates();
    const home = world.profiles[person]!.homeCity;
    // Medium and long haul, but not the antipodes: the speed between sign-ins stays at airliner level (≈250-550 km/h).
    const far = HOME_COUNTRIES.flatMap((code) => COUNTRIES.get(code)!.cities).filter((c) => c.country !== home.country && distanceKm(home, c) > 1500 && distanceKm(home, c) < 9000);
    if (far.length === 0) continue;
    const destination = rng.pick(far);
    const trip = planTrip(env, rng, person, destination, Math.min(3, Math.max(1, world.options.days - 2)));
    if (!trip) continue;
    const c = tripSessions(env, rng, trip, false);
    const km = Math.round(distanceKm(home, destination));
    const hours = (trip.arriveMs + HOUR_MS - (trip.departMs - 2 * HOUR_MS)) / HOUR_MS;
    const m = nearMiss('impossible-travel', `Business trip by plane ${home.name} → ${destination.name} (${km} km; about ${Math.round(km / hours)} km/h between sign-ins) and back, on the usual laptop.`, world.users[person]!.userPrincipalName, c);
    if (m) out.push(m);
  }

  // A week's holiday abroad, reading mail on the phone.
  const holidays = world.options.days >= 10 ? Math.min(10, 1 + Math.floor(world.members.length / 800)) : 0;
  for (let k = 0; k < holidays; k++) {
    const person = candidates();
    const home = world.profiles[person]!.homeCity;
    const options = TRAVEL_COUNTRIES.filter((c) => c !== home.country).flatMap((code) => COUNTRIES.get(code)!.cities);
    const destination = rng.pick(options);
    const trip = planTrip(env, rng, person, destination, 7);
    if (!trip) continue;
    const c = tripSessions(env, rng, trip, true);
    const m = nearMiss('new-country', `Holiday week in ${destination.name}, ${destination.country}: mail on the usual registered phone, MFA as usual.`, world.users[person]!.userPrincipalName, c);
    if (m) out.push(m);
  }

  // One mistyped password, corrected a minute later.
  const typo = candidates();
  const typoUser = world.users[typo]!;
  const typoMs = workingMoment(rng, typoUser.timeZone, world.startMs, world.endMs);
  if (typoMs !== null) {
    const where = homeWhere(env, typo);
    const device = world.profiles[typo]!.laptop!;
    const c = new Collector(env);
    const sessionId = rng.guid();
    const first = plannedSignIn(env, null, rng, typoUser, device, where, typoMs, { app: APPS.officeHome, interactive: true, outcome: OUTCOMES.badPassword, mfa: 'none', sessionId, additionalDetails: null });
    const second = plannedSignIn(env, null, rng, typoUser, device, where, typoMs + 40_000, { app: APPS.officeHome, interactive: true, mfa: 'push', sessionId });
    c.ids.push(first.id, second.id);
    c.times.push(typoMs, typoMs + 40_000);
    const m = nearMiss('brute-force', 'One mistyped password (50126), right on the second try from the usual place and laptop.', typoUser.userPrincipalName, c);
    if (m) out.push(m);
  }

  // A phone session that moves from home Wi-Fi to mobile data.
  const roamer = env.casting.member(rng, (i) => world.profiles[i]!.phone !== null);
  const ru = world.users[roamer]!;
  const rp = world.profiles[roamer]!;
  const roamMs = workingMoment(rng, ru.timeZone, world.startMs, world.endMs);
  if (roamMs !== null && rp.phone) {
    const c = new Collector(env);
    const sessionId = rng.guid();
    const wifi = homeWhere(env, roamer);
    const mobile = at(rp.homeCity, rp.mobileNetwork, ipIn(rp.mobileNetwork, rng), false);
    runSession(env.ctx, c, rng, ru, 'outlookMobile', rp.phone, wifi, roamMs, roamMs + 20 * 60_000, sessionId);
    runSession(env.ctx, c, rng, ru, 'outlookMobile', rp.phone, mobile, roamMs + 25 * 60_000, roamMs + 45 * 60_000, sessionId);
    env.planner.setAway(roamer, { fromMs: roamMs - HOUR_MS, toMs: roamMs + 2 * HOUR_MS });
    const m = nearMiss('token-replay', `One phone session (${sessionId}) seen from home Wi-Fi ${wifi.ip} and then mobile data ${mobile.ip}, same device and app.`, ru.userPrincipalName, c);
    if (m) out.push(m);
  }
  return out;
}
