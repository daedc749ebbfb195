// New country: a successful sign-in from a country the victim has never signed in from (and nobody in the
// tenant lives in), on an unknown device, followed by mail access. The victim's own activity is kept far enough
// away in time that the distance could have been travelled.

import { APPS } from '../apps.ts';
import { distanceKm } from '../geography.ts';
import { HOUR_MS } from '../time.ts';
import { ATTACKER_DEVICES, hostileAbroad, LabelDraft, plannedSignIn } from './kit.ts';
import type { Injector } from './index.ts';

export const newCountry: Injector = {
  name: 'new-country',
  hours: 2,
  inject(env, rng, startMs) {
    const { world } = env.ctx;
    const label = new LabelDraft('new-country');
    const person = env.casting.member(rng);
    const victim = world.users[person]!;
    const home = world.profiles[person]!.homeCity;
    const { where, place } = hostileAbroad(rng, env);
    const km = distanceKm(home, place);
    // Keep the victim's own sign-ins at least as far away in time as a 500 km/h trip would take.
    const quietMs = Math.max(14 * HOUR_MS, (km / 500) * HOUR_MS);
    const t = startMs + rng.int(20 * 60_000);
    env.planner.setAway(person, { fromMs: t - quietMs, toMs: t + quietMs });
    const sessionId = rng.guid();
    const risk = { level: 'medium' as const, eventTypes: ['unfamiliarFeatures'], state: 'atRisk' as const };
    const s = plannedSignIn(env, label, rng, victim, ATTACKER_DEVICES.windowsChrome, where, t, { app: APPS.outlookWeb, interactive: true, mfa: 'claim', sessionId, risk });
    const follow = rng.range(1, 3);
    for (let k = 0; k < follow; k++) {
      plannedSignIn(env, label, rng, victim, ATTACKER_DEVICES.windowsChrome, where, t + (k + 1) * (60_000 + rng.int(300_000)), { app: APPS.shellClient, interactive: false, mfa: 'claim', sessionId, additionalDetails: null });
    }
    env.state.riskDetections.push({
      id: rng.hex(32), requestId: s.id, correlationId: s.correlationId, riskEventType: 'unfamiliarFeatures', riskState: 'atRisk', riskLevel: 'medium', riskDetail: 'none',
      source: 'IdentityProtection', detectionTimingType: 'realtime', activity: 'signin', tokenIssuerType: 'AzureAD', ipAddress: where.ip, location: s.location,
      activityDateTime: s.createdDateTime, detectedDateTime: s.createdDateTime, lastUpdatedDateTime: s.createdDateTime,
      userId: victim.id, userDisplayName: victim.displayName, userPrincipalName: victim.userPrincipalName,
      additionalInfo: JSON.stringify([{ Key: 'userAgent', Value: ATTACKER_DEVICES.windowsChrome.userAgent }]),
    });
    label.actorIps.add(where.ip);
    label.targetUpns.add(victim.userPrincipalName);
    label.techniques.push('T1078.004');
    label.summary = `${victim.userPrincipalName} (who lives in ${home.name}, ${home.country}) signed in successfully from ${place.city}, ${place.country} (${where.ip}, ${place.network.name}) on an unknown device: a country never seen for this user.`;
    return [label];
  },
};
