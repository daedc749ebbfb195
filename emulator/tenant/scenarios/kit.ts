// Shared tools for scenario injectors: the environment they work in, a label under construction, planned
// sign-ins / cmdlets / directory changes that land both in the activity and in the label's evidence, and the
// places attackers connect from.

import { APPS } from '../apps.ts';
import { buildDirectoryChange, buildExchangeAdmin, type DirectoryChangeSpec } from '../activity/auditRecords.ts';
import type { ActivityContext } from '../activity/context.ts';
import { buildDirectoryAudit, directoryAuditId, type DirectoryAuditSpec } from '../activity/directoryAudits.ts';
import { at, hostilePlace, ipIn, type Whereabouts } from '../activity/places.ts';
import type { Planner } from '../activity/planner.ts';
import { emitSignIn, type SignInOptions, type Sink } from '../activity/sessions.ts';
import type { Casting } from '../casting.ts';
import { country, HOSTILE_PLACES, HOSTING_PLACES, type HostilePlace } from '../geography.ts';
import type { Device, Evidence, Label, NameValue, ScenarioName, SignIn, TenantState, User } from '../model.ts';
import type { Rng } from '../prng.ts';

export interface Env {
  ctx: ActivityContext;
  planner: Planner;
  state: TenantState;
  casting: Casting;
}

export class LabelDraft {
  readonly scenario: ScenarioName;
  variant: string | null = null;
  summary = '';
  readonly actorUpns = new Set<string>();
  readonly actorIps = new Set<string>();
  readonly actorApps = new Set<string>();
  readonly targetUpns = new Set<string>();
  readonly targetObjects = new Set<string>();
  readonly techniques: string[] = [];
  readonly evidence: Evidence[] = [];
  readonly stateChanges: { path: string; before: unknown; after: unknown }[] = [];

  constructor(scenario: ScenarioName) {
    this.scenario = scenario;
  }

  change(path: string, before: unknown, after: unknown): void {
    this.stateChanges.push({ path, before, after });
  }

  build(id: string, trustedNetworks: string[]): Label {
    if (this.evidence.length === 0) throw new Error(`scenario ${this.scenario} produced no evidence`);
    const times = this.evidence.map((e) => e.time).sort();
    return {
      id,
      scenario: this.scenario,
      variant: this.variant,
      summary: this.summary,
      start: times[0]!,
      end: times[times.length - 1]!,
      actors: { upns: [...this.actorUpns], ips: [...this.actorIps], apps: [...this.actorApps] },
      targets: { upns: [...this.targetUpns], objects: [...this.targetObjects] },
      trustedNetworks: trustedNetworks.slice(),
      techniques: this.techniques.slice(),
      recordIds: this.evidence.map((e) => e.id),
      evidence: this.evidence.slice().sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0)),
      stateChanges: this.stateChanges,
    };
  }
}

/** A sink that plans records and, when a label is given, records them as its evidence. */
export function plannedSink(planner: Planner, label: LabelDraft | null): Sink {
  return {
    wantSignIns: true,
    wantAudit: true,
    signIn: (ms, r) => {
      const e = planner.addSignIn(ms, r);
      label?.evidence.push(e);
    },
    audit: (ms, r) => {
      const e = planner.addAuditRecord(ms, r);
      label?.evidence.push(e);
    },
    directory: (ms, r) => {
      const e = planner.addDirectoryAudit(ms, r);
      label?.evidence.push(e);
    },
  };
}

export function plannedSignIn(env: Env, label: LabelDraft | null, rng: Rng, user: User, device: Device, where: Whereabouts, ms: number, o: SignInOptions): SignIn {
  const { signIn } = emitSignIn(env.ctx, plannedSink(env.planner, label), rng, user, device, where, ms, o);
  if (!signIn) throw new Error('a planned sink always builds sign-ins');
  return signIn;
}

/** An Exchange cmdlet as the unified audit log records it (RecordType 1). */
export function plannedCmdlet(env: Env, label: LabelDraft | null, rng: Rng, actor: User, cmdlet: string, objectId: string, parameters: NameValue[], ip: string, ms: number, via: 'powershell' | 'owa' = 'powershell'): void {
  const record = buildExchangeAdmin(env.ctx, {
    ms,
    id: exchangeRecordId(rng),
    actor,
    cmdlet,
    objectId,
    parameters,
    ip,
    port: rng.range(1024, 65535),
    sessionId: rng.guid(),
    server: rng.pick(env.ctx.exchangeServers),
    appId: via === 'powershell' ? APPS.exoPowerShell.appId : '',
    ...(via === 'owa' ? { appPoolName: 'MSExchangeOwaServerNetCore' } : {}),
  });
  const e = env.planner.addAuditRecord(ms, record);
  label?.evidence.push(e);
}

/** A directory change seen twice: as a Graph directoryAudit and as a unified audit record (RecordType 8). */
export function plannedDirectoryChange(
  env: Env,
  label: LabelDraft | null,
  rng: Rng,
  audit: Omit<DirectoryAuditSpec, 'id' | 'correlationId'>,
  ual: Omit<DirectoryChangeSpec, 'id' | 'correlationId' | 'ms'> | null,
): string {
  const correlationId = rng.guid();
  const da = buildDirectoryAudit({ ...audit, id: directoryAuditId(correlationId, `${rng.chars('0123456789ABCDEF', 5)}_${rng.range(10000000, 99999999)}`), correlationId });
  const e1 = env.planner.addDirectoryAudit(audit.ms, da);
  label?.evidence.push(e1);
  if (ual) {
    const r = buildDirectoryChange(env.ctx, { ...ual, ms: audit.ms, id: rng.guid(), correlationId });
    const e2 = env.planner.addAuditRecord(audit.ms, r);
    label?.evidence.push(e2);
  }
  return correlationId;
}

/** Exchange admin record ids have a sequential tail ('…-08dc…'), unlike v4 GUIDs. */
export function exchangeRecordId(rng: Rng): string {
  const g = rng.guid();
  return `${g.slice(0, 24)}08dc${g.slice(28)}`;
}

/** A place abroad, in a country nobody in the tenant lives in. */
export function hostileAbroad(rng: Rng, env: Env): { where: Whereabouts; place: HostilePlace } {
  const homes = new Set(env.ctx.world.people.map((i) => env.ctx.world.users[i]!.countryCode));
  const candidates = HOSTILE_PLACES.filter((p) => !homes.has(p.country));
  const place = rng.pick(candidates.length > 0 ? candidates : HOSTILE_PLACES);
  return { where: { ip: ipIn(place.network, rng), place: hostilePlace(place), trusted: false }, place };
}

/** A rented server (VPS) in the given country when one is available there; otherwise a residential proxy there. */
export function serverInCountry(rng: Rng, countryCode: string, avoidCity: string): Whereabouts {
  const vps = HOSTING_PLACES.filter((p) => p.country === countryCode);
  if (vps.length > 0) {
    const p = rng.pick(vps);
    return { ip: ipIn(p.network, rng), place: hostilePlace(p), trusted: false };
  }
  return proxyInCountry(rng, countryCode, avoidCity);
}

/** A residential proxy exit in the given country, in another city than `avoidCity` when the country has one. */
export function proxyInCountry(rng: Rng, countryCode: string, avoidCity: string): Whereabouts {
  const c = country(countryCode);
  const cities = c.cities.filter((x) => x.name !== avoidCity);
  const city = rng.pick(cities.length > 0 ? cities : c.cities);
  const network = rng.pick(city.residential);
  return at(city, network, ipIn(network, rng), false);
}

/** A residential proxy exit in the same city as the victim, on another ISP than theirs when there is one. */
export function proxyInCity(rng: Rng, cityName: string, countryCode: string, avoidNetwork: string): Whereabouts {
  const c = country(countryCode);
  const city = c.cities.find((x) => x.name === cityName) ?? c.cities[0]!;
  const others = city.residential.filter((n) => n.name !== avoidNetwork);
  const network = rng.pick(others.length > 0 ? others : city.residential);
  return at(city, network, ipIn(network, rng), false);
}

export const ATTACKER_DEVICES = {
  windowsChrome: { deviceId: '', displayName: '', operatingSystem: 'Windows 10', browser: 'Chrome 126.0.0', isCompliant: false, isManaged: false, trustType: '', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36', kind: 'personal' },
  linuxFirefox: { deviceId: '', displayName: '', operatingSystem: 'Linux', browser: 'Firefox 115.0', isCompliant: false, isManaged: false, trustType: '', userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0', kind: 'personal' },
  python: { deviceId: '', displayName: '', operatingSystem: '', browser: 'Python Requests 2.32', isCompliant: false, isManaged: false, trustType: '', userAgent: 'python-requests/2.32.3', kind: 'personal' },
  axios: { deviceId: '', displayName: '', operatingSystem: '', browser: '', isCompliant: false, isManaged: false, trustType: '', userAgent: 'axios/1.7.2', kind: 'personal' },
  mailClient: { deviceId: '', displayName: '', operatingSystem: '', browser: '', isCompliant: false, isManaged: false, trustType: '', userAgent: '', kind: 'personal' },
} as const satisfies Record<string, Device>;

/** Where a person normally is: office egress when they have an office, otherwise their home connection. */
export function usualWhere(env: Env, person: number): Whereabouts {
  const p = env.ctx.world.profiles[person]!;
  if (p.office) return at(p.office.city, p.office.network, p.office.egressIps[person & 3]!, true);
  return at(p.homeCity, p.homeNetwork, p.homeIp, false);
}

export function homeWhere(env: Env, person: number): Whereabouts {
  const p = env.ctx.world.profiles[person]!;
  return at(p.homeCity, p.homeNetwork, p.homeIp, false);
}

export const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
