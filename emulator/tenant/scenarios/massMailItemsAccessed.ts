// Mass MailItemsAccessed: with a stolen token, a script reads the victim's mailbox through Microsoft Graph in
// bulk: hundreds of Bind records in an hour or two, thousands of items, until Exchange starts throttling the
// audit (IsThrottled True after 1,000 items).

import { APPS } from '../apps.ts';
import { buildMailItemsAccessed } from '../activity/auditRecords.ts';
import { FOLDERS } from '../activity/mailItems.ts';
import { HOUR_MS } from '../time.ts';
import { ATTACKER_DEVICES, LabelDraft, plannedSignIn, serverInCountry, TOKEN_CHARS } from './kit.ts';
import type { Injector } from './index.ts';

export const massMailItemsAccessed: Injector = {
  name: 'mass-mail-items-accessed',
  hours: 3,
  inject(env, rng, startMs) {
    const { world } = env.ctx;
    const label = new LabelDraft('mass-mail-items-accessed');
    const person = env.casting.member(rng, (i) => world.users[i]!.mailboxGuid !== null);
    const victim = world.users[person]!;
    const home = world.profiles[person]!.homeCity;
    const where = serverInCountry(rng, home.country, home.name);
    env.planner.setAway(person, { fromMs: startMs - 12 * HOUR_MS, toMs: startMs + 14 * HOUR_MS });
    const sessionId = rng.guid();
    const clientAppId = rng.guid();
    plannedSignIn(env, label, rng, victim, ATTACKER_DEVICES.python, where, startMs, { app: APPS.graphCli, interactive: false, mfa: 'claim', sessionId, additionalDetails: null });
    const server = rng.pick(env.ctx.exchangeServers);
    const records = rng.range(150, 400);
    const spanMs = HOUR_MS + rng.int(HOUR_MS);
    let items = 0;
    for (let k = 0; k < records; k++) {
      const ms = startMs + 30_000 + Math.floor((k / records) * spanMs);
      const count = rng.range(5, 25);
      const folder = rng.pick([0, 0, 0, 1, 3]);
      const shown = Array.from({ length: Math.min(count, 10) }, () => env.ctx.mail.message(rng));
      items += count;
      const record = buildMailItemsAccessed(env.ctx, {
        ms, owner: victim, actor: victim, ip: where.ip, clientInfoString: 'Client=REST;;', appId: '00000003-0000-0000-c000-000000000000', clientAppId,
        aadSessionId: sessionId, uniqueTokenId: rng.chars(TOKEN_CHARS, 22), sessionId: rng.guid(), server, logonType: 0,
      }, rng.guid(), 'Bind', env.ctx.mail.folderId(victim, folder), FOLDERS[folder]!, shown, count, items > 1000);
      label.evidence.push(env.planner.addAuditRecord(ms, record));
    }
    label.actorIps.add(where.ip);
    label.actorApps.add(clientAppId);
    label.targetUpns.add(victim.userPrincipalName);
    label.techniques.push('T1114.002');
    label.summary = `Bulk mailbox read of ${victim.userPrincipalName}: ${records} MailItemsAccessed (Bind) records covering ${items} items in ${Math.round(spanMs / 60_000)} minutes from ${where.ip} through Microsoft Graph (client app ${clientAppId}).`;
    return [label];
  },
};
