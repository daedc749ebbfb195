// The ordinary life of the tenant, one hour at a time: who works when (in their own time zone, on working days),
// from where (office, home, phone), with which apps, plus the automation account's schedule, the office scanner
// and the helpdesk. Generated from (seed, hour) alone, so any hour can be produced without the others.

import { APPS, LEGACY_CLIENT_APPS, USER_AGENTS } from '../apps.ts';
import type { Device } from '../model.ts';
import { hashGuid, hashUnit, type Rng, rngFor } from '../prng.ts';
import { DAY_MS, HOUR_MS, localClock, utcOffsetMinutes } from '../time.ts';
import type { Profile, World } from '../world.ts';
import { buildDirectoryChange } from './auditRecords.ts';
import type { ActivityContext } from './context.ts';
import { buildDirectoryAudit, directoryAuditId } from './directoryAudits.ts';
import { JsonOut } from './jsonOut.ts';
import { at, ipIn, type Whereabouts } from './places.ts';
import { emptyHour, type HourRecords, type Planner } from './planner.ts';
import { emitSignIn, runSession, type SessionKind, type Sink } from './sessions.ts';

// Sessions per person per hour by local hour, on working days and at weekends.
const WEEKDAY_RATE = [0.02, 0.01, 0.01, 0.01, 0.01, 0.03, 0.15, 0.6, 1.4, 1.4, 1.4, 1.4, 1.0, 1.4, 1.4, 1.4, 1.4, 0.9, 0.5, 0.3, 0.3, 0.25, 0.1, 0.05];
const WEEKEND_RATE = [0.02, 0.01, 0.01, 0.01, 0.01, 0.01, 0.02, 0.05, 0.12, 0.18, 0.18, 0.18, 0.18, 0.18, 0.18, 0.18, 0.18, 0.18, 0.18, 0.15, 0.15, 0.12, 0.05, 0.03];
/** Thinning by personal activity level (0.5..1.6) divides the mean by ~1.5; this restores it. */
const THINNING_COMPENSATION = 1.5;

function sinkInto(out: HourRecords, wantSignIns: boolean, wantAudit: boolean): Sink {
  return {
    wantSignIns,
    wantAudit,
    signIn: (ms, record) => {
      if (!wantSignIns) return;
      out.signIns.push(record);
      out.signInMs.push(ms);
    },
    audit: (ms, record) => {
      if (!wantAudit) return;
      out.auditRecords.push(record);
      out.auditMs.push(ms);
    },
    directory: (ms, record) => {
      out.directoryAudits.push(record);
      out.directoryMs.push(ms);
    },
  };
}

// A person's office and home whereabouts never change: built once per person (ambient generation is hot).
const officeCache = new WeakMap<Profile, Whereabouts>();
const homeCache = new WeakMap<Profile, Whereabouts>();

function whereIs(ctx: ActivityContext, rng: Rng, p: Profile, device: Device, admin: boolean, inOffice: boolean): Whereabouts {
  const officeWhere = (): Whereabouts => {
    let w = officeCache.get(p);
    if (!w) {
      const office = p.office ?? ctx.world.offices[0]!;
      w = at(office.city, office.network, office.egressIps[p.index & 3]!, true);
      officeCache.set(p, w);
    }
    return w;
  };
  const homeWhere = (): Whereabouts => {
    let w = homeCache.get(p);
    if (!w) {
      w = at(p.homeCity, p.homeNetwork, p.homeIp, false);
      homeCache.set(p, w);
    }
    return w;
  };
  // Administrators must use the VPN, which leaves through the office.
  if (admin) return officeWhere();
  if (device.kind === 'phone') {
    if (inOffice && rng.chance(0.7)) return officeWhere();
    if (!inOffice && rng.chance(0.6)) return homeWhere();
    return at(p.homeCity, p.mobileNetwork, ipIn(p.mobileNetwork, rng), false);
  }
  if (inOffice && device.kind === 'laptop') return officeWhere();
  return homeWhere();
}

function sessionKind(rng: Rng, p: Profile, device: Device, admin: boolean, exchangeAdmin: boolean): SessionKind {
  if (device.kind === 'phone') {
    if (p.usesActiveSync) return rng.chance(0.65) ? 'activeSync' : 'teamsMobile';
    return rng.chance(0.6) ? 'outlookMobile' : 'teamsMobile';
  }
  if (device.kind === 'personal') return 'browser';
  const r = rng.next();
  if (admin && r < 0.12) return 'adminPortal';
  if (exchangeAdmin && r < 0.17) return 'exoPowerShell';
  const s = rng.next();
  if (p.desktopMail === 'outlook') return s < 0.38 ? 'outlook' : s < 0.62 ? 'browser' : s < 0.9 ? 'teams' : 'onedrive';
  return s < 0.6 ? 'browser' : s < 0.9 ? 'teams' : 'onedrive';
}

function pickDevice(rng: Rng, p: Profile, working: boolean): { device: Device; slot: number } | null {
  const r = rng.next();
  const phoneShare = working ? 0.3 : 0.6;
  if (p.personal && r < 0.05) return { device: p.personal, slot: 2 };
  if (p.phone && r < 0.05 + phoneShare) return { device: p.phone, slot: 1 };
  if (p.laptop) return { device: p.laptop, slot: 0 };
  if (p.phone) return { device: p.phone, slot: 1 };
  return null;
}

/**
 * The two per-person values every candidate session reads, in flat arrays: most candidates are turned away on
 * them, and reading them from 10,000+ scattered user and profile objects was a cache miss each time (the hottest
 * lines of the hourly generator).
 */
interface PersonTable {
  activity: Float64Array;
  workStart: Float64Array;
  workEnd: Float64Array;
}

const personTables = new WeakMap<World, PersonTable>();

function personTableOf(world: World): PersonTable {
  let t = personTables.get(world);
  if (!t) {
    const n = world.users.length;
    t = { activity: new Float64Array(n), workStart: new Float64Array(n), workEnd: new Float64Array(n) };
    for (let i = 0; i < n; i++) {
      t.activity[i] = world.profiles[i]!.activity;
      t.workStart[i] = world.users[i]!.workingHours[0];
      t.workEnd[i] = world.users[i]!.workingHours[1];
    }
    personTables.set(world, t);
  }
  return t;
}

function peopleSessions(ctx: ActivityContext, planner: Planner, rng: Rng, t0: number, sink: Sink): void {
  const { world } = ctx;
  const people = personTableOf(world);
  const endMs = t0 + HOUR_MS;
  for (const zone of world.zones) {
    const clock = localClock(zone.timeZone, t0 + HOUR_MS / 2);
    const weekday = clock.weekday >= 1 && clock.weekday <= 5;
    const rate = (weekday ? WEEKDAY_RATE : WEEKEND_RATE)[clock.hour]!;
    const n = zone.people.length;
    const count = rng.poisson(n * rate * THINNING_COMPENSATION);
    const offsetMs = utcOffsetMinutes(zone.timeZone, t0) * 60_000;
    const localDay = Math.floor((t0 + offsetMs) / DAY_MS);
    for (let k = 0; k < count; k++) {
      const person = zone.people[rng.int(n)]!;
      if (rng.next() * 1.6 > people.activity[person]!) continue;
      const working = weekday && clock.hour >= people.workStart[person]! && clock.hour < people.workEnd[person]!;
      if (weekday && clock.hour >= 8 && clock.hour < 18 && !working && rng.chance(0.5)) continue;
      const ms = t0 + rng.int(HOUR_MS);
      if (planner.isAway(person, ms)) continue;
      const p = world.profiles[person]!;
      const user = world.users[person]!;
      const picked = pickDevice(rng, p, working);
      if (!picked) continue;
      const admin = user.kind === 'admin';
      const wfh = hashUnit(ctx.seedHash, person, localDay) < p.homeWorking;
      const inOffice = p.office !== null && working && !wfh;
      const where = whereIs(ctx, rng, p, picked.device, admin, inOffice);
      const kind = sessionKind(rng, p, picked.device, admin, user.directoryRoles.includes('Exchange Administrator'));
      // Teams and OneDrive sessions leave no audit records here: skip building their session id when only audit
      // records are wanted (hashGuid draws nothing, so this changes no other value).
      const silent = kind === 'teams' || kind === 'onedrive' || kind === 'teamsMobile';
      const sessionId = sink.wantSignIns || !silent ? hashGuid(ctx.seedHash, person, localDay, picked.slot) : '';
      runSession(ctx, sink, rng, user, kind, picked.device, where, ms, endMs, sessionId);
    }
  }
}

/** The automation service account: a scheduled job refreshes its token every hour from the automation host. */
function automation(ctx: ActivityContext, rng: Rng, t0: number, h: number, sink: Sink): void {
  const { world } = ctx;
  const i = world.core.automation;
  const user = world.users[i]!;
  const p = world.profiles[i]!;
  const office = world.offices[0]!;
  const where = at(office.city, office.network, world.automationHostIp, true);
  const device = p.laptop!;
  const day = Math.floor(t0 / DAY_MS);
  const sessionId = hashGuid(ctx.seedHash, i, day, 9);
  const ms = t0 + 60_000 + rng.int(120_000);
  emitSignIn(ctx, sink, rng, user, device, where, ms, { app: APPS.exoPowerShell, interactive: false, mfa: 'none', sessionId, userAgent: USER_AGENTS.powershell, additionalDetails: null });
  if (h % 6 === 0) emitSignIn(ctx, sink, rng, user, device, where, ms + 30_000, { app: APPS.graphCli, interactive: false, mfa: 'none', sessionId, userAgent: USER_AGENTS.powershell, additionalDetails: null });
}

/** The multifunction printer sends scans by SMTP AUTH from the office during working hours. */
function scanner(ctx: ActivityContext, rng: Rng, t0: number, sink: Sink): void {
  const { world } = ctx;
  const office = world.offices[0]!;
  const clock = localClock(office.city.timeZone, t0 + HOUR_MS / 2);
  if (clock.weekday < 1 || clock.weekday > 5 || clock.hour < 8 || clock.hour >= 18) return;
  const i = world.core.scanner;
  const user = world.users[i]!;
  const device: Device = { deviceId: '', displayName: '', operatingSystem: '', browser: '', isCompliant: false, isManaged: false, trustType: '', userAgent: '', kind: 'server' };
  const where = at(office.city, office.network, office.egressIps[0]!, true);
  const n = rng.poisson(1.5);
  for (let k = 0; k < n; k++) {
    emitSignIn(ctx, sink, rng, user, device, where, t0 + rng.int(HOUR_MS), {
      app: APPS.exchangeOnline, clientAppUsed: LEGACY_CLIENT_APPS.smtp, interactive: true, legacy: true, mfa: 'none', sessionId: rng.guid(), protocol: 'ropc', additionalDetails: null,
    });
  }
}

/** Helpdesk password resets and self-service resets (directory audits; no state change the emulator tracks). */
function helpdesk(ctx: ActivityContext, rng: Rng, t0: number, sink: Sink): void {
  const { world } = ctx;
  const office = world.offices[0]!;
  const clock = localClock(office.city.timeZone, t0 + HOUR_MS / 2);
  if (clock.weekday < 1 || clock.weekday > 5 || clock.hour < 9 || clock.hour >= 17) return;
  if (world.members.length === 0) return;
  const resets = rng.poisson(0.25 + world.members.length / 4000);
  for (let k = 0; k < resets; k++) {
    const admin = world.users[world.core.helpdesk[rng.int(world.core.helpdesk.length)]!]!;
    const target = world.users[world.members[rng.int(world.members.length)]!]!;
    const ms = t0 + rng.int(HOUR_MS);
    const correlationId = rng.guid();
    const ip = office.egressIps[rng.int(4)]!;
    sink.directory(ms, buildDirectoryAudit({
      ms, id: directoryAuditId(correlationId, `${rng.chars('0123456789ABCDEF', 5)}_${rng.range(10000000, 99999999)}`), correlationId,
      activity: 'Reset user password', category: 'UserManagement', operationType: 'Update', actor: admin, actorIp: ip,
      targets: [{ id: target.id, displayName: null, type: 'User', userPrincipalName: target.userPrincipalName }],
    }));
    sink.audit(ms, buildDirectoryChange(ctx, {
      ms, id: rng.guid(), operation: 'Reset user password.', actor: admin, objectId: target.userPrincipalName,
      target: { id: target.id, kind: 'User', upn: target.userPrincipalName }, modified: [], category: 'User', correlationId, clientIp: ip,
    }));
  }
  const self = rng.poisson(world.people.length / 60000);
  for (let k = 0; k < self; k++) {
    const user = world.users[world.members[rng.int(world.members.length)]!]!;
    const ms = t0 + rng.int(HOUR_MS);
    const correlationId = rng.guid();
    sink.directory(ms, buildDirectoryAudit({
      ms, id: `SSGM_${correlationId}_${rng.range(100000000, 999999999)}`, correlationId, activity: 'Reset password (self-service)',
      category: 'UserManagement', operationType: 'Update', loggedByService: 'Self-service Password Management', actor: user,
      targets: [{ id: user.id, displayName: user.displayName, type: 'User', userPrincipalName: user.userPrincipalName }],
      additionalDetails: [{ key: 'MethodsUsedForValidation', value: 'Mobile app notification' }],
    }));
  }
}

function runAmbientHour(ctx: ActivityContext, planner: Planner, h: number, sink: Sink): void {
  const t0 = planner.startMs + h * HOUR_MS;
  const rng = rngFor(ctx.world.options.seed, 'ambient', h);
  peopleSessions(ctx, planner, rng, t0, sink);
  automation(ctx, rngFor(ctx.world.options.seed, 'automation', h), t0, h, sink);
  scanner(ctx, rngFor(ctx.world.options.seed, 'scanner', h), t0, sink);
  helpdesk(ctx, rngFor(ctx.world.options.seed, 'helpdesk', h), t0, sink);
}

/**
 * The ambient records of hour h. `want` picks the kinds to build (sign-ins with directory audits, or audit records);
 * both choices make exactly the same random draws, so they describe the same events.
 */
export function generateAmbientHour(ctx: ActivityContext, planner: Planner, h: number, want: 'signIns' | 'audit'): HourRecords {
  const out = emptyHour();
  runAmbientHour(ctx, planner, h, sinkInto(out, want === 'signIns', want === 'audit'));
  return out;
}

/**
 * The ambient audit records of hour h as JSON: the same records, in the same order, as
 * generateAmbientHour(..., 'audit'), each exactly JSON.stringify of that object. Written into `out` (reset first),
 * which a caller may reuse hour after hour.
 */
export function generateAmbientHourJson(ctx: ActivityContext, planner: Planner, h: number, out: JsonOut = new JsonOut()): JsonOut {
  out.reset();
  runAmbientHour(ctx, planner, h, {
    wantSignIns: false,
    wantAudit: true,
    auditJson: out,
    signIn: () => {},
    // Kinds without a writer (helpdesk's directory changes: a few per hour) are built and stringified.
    audit: (ms, record) => out.record(ms, record),
    directory: () => {},
  });
  return out;
}
