// Legacy protocol sign-ins: a mail client on a rented server signs in to the victim's mailbox over IMAP or POP
// with just the password (no MFA possible), and downloads mail.

import { APPS, LEGACY_CLIENT_APPS } from '../apps.ts';
import { buildMailItemsAccessed } from '../activity/auditRecords.ts';
import { FOLDERS, INBOX } from '../activity/mailItems.ts';
import { HOUR_MS } from '../time.ts';
import { ATTACKER_DEVICES, LabelDraft, plannedSignIn, serverInCountry, TOKEN_CHARS } from './kit.ts';
import type { Injector } from './index.ts';

export const legacyProtocolSignIn: Injector = {
  name: 'legacy-protocol-signin',
  hours: 3,
  inject(env, rng, startMs) {
    const { world } = env.ctx;
    const label = new LabelDraft('legacy-protocol-signin');
    const person = env.casting.member(rng, (i) => !world.profiles[i]!.usesActiveSync);
    const victim = world.users[person]!;
    const home = world.profiles[person]!.homeCity;
    const where = serverInCountry(rng, home.country, home.name);
    const imap = rng.chance(0.6);
    const clientApp = imap ? LEGACY_CLIENT_APPS.imap : LEGACY_CLIENT_APPS.pop;
    label.variant = imap ? 'imap' : 'pop';
    env.planner.setAway(person, { fromMs: startMs - 12 * HOUR_MS, toMs: startMs + 14 * HOUR_MS });
    const n = rng.range(4, 12);
    let ms = startMs;
    for (let k = 0; k < n; k++) {
      ms += 5 * 60_000 + rng.int(10 * 60_000);
      const s = plannedSignIn(env, label, rng, victim, ATTACKER_DEVICES.mailClient, where, ms, {
        app: APPS.exchangeOnline, clientAppUsed: clientApp, interactive: true, legacy: true, mfa: 'none', protocol: 'ropc', sessionId: '', additionalDetails: null,
      });
      if (victim.mailboxGuid && k % 2 === 0) {
        const server = rng.pick(env.ctx.exchangeServers);
        const items = Array.from({ length: rng.range(3, 10) }, () => env.ctx.mail.message(rng));
        const record = buildMailItemsAccessed(env.ctx, {
          ms: ms + 5_000, owner: victim, actor: victim, ip: where.ip, clientInfoString: `Client=${imap ? 'IMAP4' : 'POP3'};Protocol=${imap ? 'IMAP4' : 'POP3'}`,
          appId: '', clientAppId: '', aadSessionId: s.sessionId, uniqueTokenId: rng.chars(TOKEN_CHARS, 22), sessionId: rng.guid(), server, logonType: 0,
        }, rng.guid(), 'Bind', env.ctx.mail.folderId(victim, INBOX), FOLDERS[INBOX], items, items.length, false);
        label.evidence.push(env.planner.addAuditRecord(ms + 5_000, record));
      }
    }
    label.actorIps.add(where.ip);
    label.targetUpns.add(victim.userPrincipalName);
    label.techniques.push('T1078.004', 'T1114.002');
    label.summary = `${n} successful ${clientApp} sign-ins (basic authentication, single factor) to ${victim.userPrincipalName} from ${where.ip} (${where.place.city}), with mailbox reads.`;
    return [label];
  },
};
