// Token replay: the victim's session (its sessionId) is used again minutes later from a second address in the
// same city, by a script rather than the victim's own device (stolen refresh token / session cookie).

import { APPS } from '../apps.ts';
import { buildMailItemsAccessed } from '../activity/auditRecords.ts';
import { FOLDERS, INBOX } from '../activity/mailItems.ts';
import { HOUR_MS } from '../time.ts';
import { ATTACKER_DEVICES, homeWhere, LabelDraft, plannedSignIn, proxyInCity, TOKEN_CHARS } from './kit.ts';
import type { Injector } from './index.ts';

export const tokenReplay: Injector = {
  name: 'token-replay',
  hours: 3,
  inject(env, rng, startMs) {
    const { world } = env.ctx;
    const label = new LabelDraft('token-replay');
    const person = env.casting.member(rng, (i) => world.profiles[i]!.laptop !== null);
    const victim = world.users[person]!;
    const p = world.profiles[person]!;
    const legit = homeWhere(env, person);
    const replay = proxyInCity(rng, p.homeCity.name, p.homeCity.country, p.homeNetwork.name);
    env.planner.setAway(person, { fromMs: startMs - 4 * HOUR_MS, toMs: startMs + 6 * HOUR_MS });
    const sessionId = rng.guid();
    const t1 = startMs + rng.int(10 * 60_000);
    plannedSignIn(env, label, rng, victim, p.laptop!, legit, t1, { app: APPS.outlookWeb, interactive: true, mfa: 'push', sessionId });
    plannedSignIn(env, label, rng, victim, p.laptop!, legit, t1 + 30_000, { app: APPS.shellClient, interactive: false, mfa: 'claim', sessionId, additionalDetails: null });
    const n = rng.range(3, 6);
    let ms = t1 + 30 * 60_000 + rng.int(60 * 60_000);
    const risk = { level: 'high' as const, eventTypes: ['anomalousToken'], state: 'atRisk' as const };
    for (let k = 0; k < n; k++) {
      const s = plannedSignIn(env, label, rng, victim, ATTACKER_DEVICES.axios, replay, ms, {
        app: k % 2 === 0 ? APPS.outlookWeb : APPS.shellClient, interactive: false, mfa: 'claim', sessionId, incomingTokenType: 'refreshToken', additionalDetails: null, risk,
      });
      if (k === 0) {
        env.state.riskDetections.push({
          id: rng.hex(32), requestId: s.id, correlationId: s.correlationId, riskEventType: 'anomalousToken', riskState: 'atRisk', riskLevel: 'high', riskDetail: 'none',
          source: 'IdentityProtection', detectionTimingType: 'offline', activity: 'signin', tokenIssuerType: 'AzureAD', ipAddress: replay.ip, location: s.location,
          activityDateTime: s.createdDateTime, detectedDateTime: new Date(ms + HOUR_MS).toISOString().slice(0, 19) + 'Z', lastUpdatedDateTime: new Date(ms + HOUR_MS).toISOString().slice(0, 19) + 'Z',
          userId: victim.id, userDisplayName: victim.displayName, userPrincipalName: victim.userPrincipalName, additionalInfo: '[]',
        });
      }
      if (victim.mailboxGuid && k % 2 === 0) {
        const server = rng.pick(env.ctx.exchangeServers);
        const items = Array.from({ length: rng.range(3, 8) }, () => env.ctx.mail.message(rng));
        const record = buildMailItemsAccessed(env.ctx, {
          ms: ms + 15_000, owner: victim, actor: victim, ip: replay.ip, clientInfoString: 'Client=OWA;Action=ViaProxy', appId: APPS.outlookWeb.appId, clientAppId: '',
          aadSessionId: sessionId, uniqueTokenId: rng.chars(TOKEN_CHARS, 22), sessionId: rng.guid(), server, logonType: 0,
        }, rng.guid(), 'Bind', env.ctx.mail.folderId(victim, INBOX), FOLDERS[INBOX], items, items.length, false);
        label.evidence.push(env.planner.addAuditRecord(ms + 15_000, record));
      }
      ms += 3 * 60_000 + rng.int(10 * 60_000);
    }
    label.actorIps.add(replay.ip);
    label.targetUpns.add(victim.userPrincipalName);
    label.techniques.push('T1550.004', 'T1528');
    label.summary = `Token replay: session ${sessionId} of ${victim.userPrincipalName}, opened from ${legit.ip} on their laptop, was used ${n} more times from ${replay.ip} (${replay.place.city}, another ISP) by a script (no device id, user agent ${ATTACKER_DEVICES.axios.userAgent}).`;
    return [label];
  },
};
