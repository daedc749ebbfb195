// Impossible travel: the victim signs in at home as usual, and within the hour a stolen session signs in from a
// city thousands of kilometres away (a residential proxy there), on a device the victim never used.
// The victim's own activity is kept away from the event so that only these two places are in play.

import { APPS } from '../apps.ts';
import { at, ipIn } from '../activity/places.ts';
import { COUNTRIES, distanceKm, HOME_COUNTRIES, type City } from '../geography.ts';
import { HOUR_MS } from '../time.ts';
import { ATTACKER_DEVICES, homeWhere, LabelDraft, plannedSignIn } from './kit.ts';
import type { Injector } from './index.ts';

export const impossibleTravel: Injector = {
  name: 'impossible-travel',
  hours: 2,
  inject(env, rng, startMs) {
    const { world } = env.ctx;
    const label = new LabelDraft('impossible-travel');
    const person = env.casting.member(rng, (i) => world.profiles[i]!.laptop !== null);
    const victim = world.users[person]!;
    const p = world.profiles[person]!;
    const home = p.homeCity;
    const gapMs = (20 + rng.int(30)) * 60_000;
    const minKm = 2500 * (gapMs / HOUR_MS);
    // Prefer a far city in the victim's own country (no new country involved), else any home country.
    const all: City[] = HOME_COUNTRIES.flatMap((c) => COUNTRIES.get(c)!.cities);
    const far = (c: City): boolean => distanceKm(home, c) >= Math.max(minKm, 1000);
    const sameCountry = all.filter((c) => c.country === home.country && far(c));
    const pool = sameCountry.length > 0 ? sameCountry : all.filter(far);
    const city = rng.pick(pool);
    const network = rng.pick(city.residential);
    const attacker = at(city, network, ipIn(network, rng), false);
    const legit = homeWhere(env, person);
    const t1 = startMs + rng.int(10 * 60_000);
    const t2 = t1 + gapMs;
    env.planner.setAway(person, { fromMs: t1 - 12 * HOUR_MS, toMs: t2 + 12 * HOUR_MS });
    plannedSignIn(env, label, rng, victim, p.laptop!, legit, t1, { app: APPS.officeHome, interactive: true, mfa: 'claim', sessionId: rng.guid() });
    const sessionId = rng.guid();
    const risk = { level: 'medium' as const, eventTypes: ['unlikelyTravel'], state: 'atRisk' as const };
    const s = plannedSignIn(env, label, rng, victim, ATTACKER_DEVICES.windowsChrome, attacker, t2, { app: APPS.officeHome, interactive: true, mfa: 'claim', sessionId, risk });
    plannedSignIn(env, label, rng, victim, ATTACKER_DEVICES.windowsChrome, attacker, t2 + 20_000 + rng.int(60_000), { app: APPS.outlookWeb, interactive: false, mfa: 'claim', sessionId, additionalDetails: null });
    const km = Math.round(distanceKm(home, city));
    env.state.riskDetections.push({
      id: rng.hex(32), requestId: s.id, correlationId: s.correlationId, riskEventType: 'unlikelyTravel', riskState: 'atRisk', riskLevel: 'medium', riskDetail: 'none',
      source: 'IdentityProtection', detectionTimingType: 'offline', activity: 'signin', tokenIssuerType: 'AzureAD', ipAddress: attacker.ip, location: s.location,
      activityDateTime: s.createdDateTime, detectedDateTime: new Date(t2 + 2 * HOUR_MS).toISOString().slice(0, 19) + 'Z', lastUpdatedDateTime: new Date(t2 + 2 * HOUR_MS).toISOString().slice(0, 19) + 'Z',
      userId: victim.id, userDisplayName: victim.displayName, userPrincipalName: victim.userPrincipalName,
      additionalInfo: JSON.stringify([{ Key: 'userAgent', Value: ATTACKER_DEVICES.windowsChrome.userAgent }, { Key: 'relatedLocation', Value: { City: home.name, CountryCode: home.country } }]),
    });
    label.actorIps.add(attacker.ip);
    label.targetUpns.add(victim.userPrincipalName);
    label.techniques.push('T1078.004', 'T1539');
    label.summary = `Impossible travel for ${victim.userPrincipalName}: signed in from ${home.name} (${legit.ip}) and ${Math.round(gapMs / 60_000)} minutes later from ${city.name}, ${city.country} (${attacker.ip}), ${km} km apart, on an unknown device.`;
    return [label];
  },
};
