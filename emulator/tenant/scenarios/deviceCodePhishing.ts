// Device-code phishing: the victim is talked into entering an attacker's device code; the attacker's tool on a
// rented server completes the device-code flow (the victim even does MFA), then uses the tokens to read mail
// through Microsoft Graph.

import { APPS } from '../apps.ts';
import { buildMailItemsAccessed } from '../activity/auditRecords.ts';
import { FOLDERS, INBOX } from '../activity/mailItems.ts';
import { HOUR_MS } from '../time.ts';
import { ATTACKER_DEVICES, LabelDraft, plannedSignIn, serverInCountry, TOKEN_CHARS } from './kit.ts';
import type { Injector } from './index.ts';

export const deviceCodePhishing: Injector = {
  name: 'device-code-phishing',
  hours: 2,
  inject(env, rng, startMs) {
    const { world } = env.ctx;
    const label = new LabelDraft('device-code-phishing');
    const person = env.casting.member(rng);
    const victim = world.users[person]!;
    const home = world.profiles[person]!.homeCity;
    const where = serverInCountry(rng, home.country, home.name);
    env.planner.setAway(person, { fromMs: startMs - 12 * HOUR_MS, toMs: startMs + 14 * HOUR_MS });
    const sessionId = rng.guid();
    const t = startMs + rng.int(15 * 60_000);
    const app = APPS.authBroker;
    plannedSignIn(env, label, rng, victim, ATTACKER_DEVICES.axios, where, t, {
      app, clientAppUsed: 'Mobile Apps and Desktop clients', interactive: true, mfa: 'push', sessionId, protocol: 'deviceCode', originalTransferMethod: 'deviceCodeFlow',
    });
    const refreshes = rng.range(2, 5);
    let ms = t;
    for (let k = 0; k < refreshes; k++) {
      ms += 2 * 60_000 + rng.int(10 * 60_000);
      plannedSignIn(env, label, rng, victim, ATTACKER_DEVICES.axios, where, ms, {
        app: { ...app, resource: k % 2 === 0 ? APPS.graphCli.resource : APPS.exchangeOnline.resource }, interactive: false, mfa: 'claim', sessionId, incomingTokenType: 'refreshToken', additionalDetails: null,
      });
      if (victim.mailboxGuid) {
        const server = rng.pick(env.ctx.exchangeServers);
        const items = Array.from({ length: rng.range(5, 15) }, () => env.ctx.mail.message(rng));
        const record = buildMailItemsAccessed(env.ctx, {
          ms: ms + 10_000, owner: victim, actor: victim, ip: where.ip, clientInfoString: 'Client=REST;;', appId: '00000003-0000-0000-c000-000000000000', clientAppId: app.appId,
          aadSessionId: sessionId, uniqueTokenId: rng.chars(TOKEN_CHARS, 22), sessionId: rng.guid(), server, logonType: 0,
        }, rng.guid(), 'Bind', env.ctx.mail.folderId(victim, INBOX), FOLDERS[INBOX], items, items.length, false);
        label.evidence.push(env.planner.addAuditRecord(ms + 10_000, record));
      }
    }
    label.actorIps.add(where.ip);
    label.actorApps.add(app.appId);
    label.targetUpns.add(victim.userPrincipalName);
    label.techniques.push('T1566.002', 'T1528');
    label.summary = `Device-code phishing: ${victim.userPrincipalName} completed a device-code sign-in (authenticationProtocol deviceCode) for ${app.displayName} started by a tool at ${where.ip}, which then refreshed tokens and read mail through Graph.`;
    return [label];
  },
};
