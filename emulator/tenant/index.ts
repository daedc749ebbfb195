// generateTenant: the deterministic synthetic tenant (people, admin state, lazy hourly activity, injected
// scenarios with ground truth). Pure data: no I/O. See model.ts for the shapes and ../../notes for the contract.

import { createActivity } from './activity/index.ts';
import { createActivityContext } from './activity/context.ts';
import { Planner } from './activity/planner.ts';
import { createDirectoryState } from './directoryState.ts';
import { createExchangeState } from './exchangeState.ts';
import { SCENARIO_NAMES, type Label, type ScenarioName, type Tenant, type TenantOptions, type TenantState } from './model.ts';
import { planBenignChanges } from './benign/changes.ts';
import { planNearMisses } from './benign/nearMisses.ts';
import { createOrganization } from './organization.ts';
import { Casting } from './casting.ts';
import { injectScenarios } from './scenarios/index.ts';
import { HOUR_MS } from './time.ts';
import { createPeople } from './users.ts';
import type { World } from './world.ts';

export type * from './model.ts';
export { SCENARIO_NAMES } from './model.ts';
export { cmdletsForRoleGroups } from './exchangeRoles.ts';

export const MAX_USERS = 100_000;
export const MAX_DAYS = 180;

/** Parses 'all' | 'none' | 'a,b,c' (the --scenarios flag) into scenario names; throws naming any unknown name. */
export function parseScenarioList(spec: string): ScenarioName[] {
  const text = spec.trim();
  if (text === 'all') return [...SCENARIO_NAMES];
  if (text === 'none' || text === '') return [];
  const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = names.filter((n) => !(SCENARIO_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new RangeError(`unknown scenario${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `'${u}'`).join(', ')}; known: all, none, ${SCENARIO_NAMES.join(', ')}`);
  }
  return [...new Set(names as ScenarioName[])];
}

function normalize(options: TenantOptions): TenantOptions {
  if (typeof options.seed !== 'string') throw new TypeError('tenant option seed must be a string');
  if (!Number.isInteger(options.users) || options.users < 1 || options.users > MAX_USERS) {
    throw new RangeError(`tenant option users must be an integer from 1 to ${MAX_USERS} (got ${String(options.users)})`);
  }
  if (!Number.isInteger(options.days) || options.days < 1 || options.days > MAX_DAYS) {
    throw new RangeError(`tenant option days must be an integer from 1 to ${MAX_DAYS} (got ${String(options.days)})`);
  }
  if (!(options.end instanceof Date) || Number.isNaN(options.end.getTime()) || options.end.getTime() % HOUR_MS !== 0) {
    throw new RangeError(`tenant option end must be a valid Date on a whole UTC hour (got ${String(options.end)})`);
  }
  const known = new Set<string>(SCENARIO_NAMES);
  const bad = options.scenarios.filter((s) => !known.has(s));
  if (bad.length > 0) throw new RangeError(`tenant option scenarios has unknown names: ${bad.join(', ')}`);
  const scenarios = SCENARIO_NAMES.filter((s) => options.scenarios.includes(s));
  return { seed: options.seed, users: options.users, days: options.days, end: new Date(options.end.getTime()), scenarios };
}

export function generateTenant(input: TenantOptions): Tenant {
  const options = normalize(input);
  const org = createOrganization(options);
  const people = createPeople(org, options.seed, options.users);
  const personIndices: number[] = [];
  people.users.forEach((u, i) => {
    if ((u.kind === 'member' || u.kind === 'admin') && u.accountEnabled) personIndices.push(i);
  });
  const zoneMap = new Map<string, number[]>();
  for (const i of personIndices) {
    const tz = people.users[i]!.timeZone;
    const list = zoneMap.get(tz);
    if (list) list.push(i);
    else zoneMap.set(tz, [i]);
  }
  const startMs = org.info.start.getTime();
  const world: World = {
    options,
    info: org.info,
    orgName: org.orgName,
    mailDomain: org.mailDomain,
    sidPrefix: org.sidPrefix,
    users: people.users,
    profiles: people.profiles,
    offices: org.offices,
    core: people.core,
    members: people.members,
    people: personIndices,
    zones: [...zoneMap.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([timeZone, p]) => ({ timeZone, people: p })),
    automationHostIp: org.automationHostIp,
    startMs,
    endMs: options.end.getTime(),
  };
  const exchange = createExchangeState(world);
  const directory = createDirectoryState(world);
  const state: TenantState = { ...exchange, ...directory, mailboxAuditBypass: [], riskDetections: [] };
  const ctx = createActivityContext(world);
  const planner = new Planner(startMs, options.days * 24);
  const casting = new Casting(world);
  const labels = injectScenarios({ ctx, planner, state, casting }, options.scenarios);
  planBenignChanges({ ctx, planner, state, casting });
  const nearMisses = planNearMisses({ ctx, planner, state, casting });
  return { options, info: world.info, users: world.users, state, activity: createActivity(ctx, planner), labels, nearMisses };
}

/** labels.jsonl: one JSON object per line, in `tenant.labels` order, ending with a newline. */
export function labelsJsonl(labels: readonly Label[]): string {
  return labels.map((l) => JSON.stringify(l)).join('\n') + (labels.length > 0 ? '\n' : '');
}
