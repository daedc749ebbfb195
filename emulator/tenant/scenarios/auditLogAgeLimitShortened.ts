// Audit log age limit shortened: Set-Mailbox -AuditLogAgeLimit 1 day (from 90), so the mailbox's audit trail
// disappears quickly.

import { compromisedExchangeAdmin, mailboxOf } from './actors.ts';
import { LabelDraft, plannedCmdlet } from './kit.ts';
import type { Injector } from './index.ts';

export const auditLogAgeLimitShortened: Injector = {
  name: 'audit-log-age-limit-shortened',
  hours: 1,
  inject(env, rng, startMs) {
    const { world } = env.ctx;
    const label = new LabelDraft('audit-log-age-limit-shortened');
    const admin = compromisedExchangeAdmin(env, rng);
    const target = world.users[env.casting.member(rng)]!;
    const mb = mailboxOf(env, target);
    const limit = rng.pick(['1.00:00:00', '00:00:00']);
    plannedCmdlet(env, label, rng, admin.user, 'Set-Mailbox', target.id, [
      { Name: 'Identity', Value: target.userPrincipalName },
      { Name: 'AuditLogAgeLimit', Value: limit },
    ], admin.where.ip, startMs + rng.int(30 * 60_000));
    label.change(`mailboxes['${target.userPrincipalName}'].AuditLogAgeLimit`, mb.AuditLogAgeLimit, limit);
    mb.AuditLogAgeLimit = limit;
    label.actorUpns.add(admin.user.userPrincipalName);
    label.actorIps.add(admin.where.ip);
    label.targetUpns.add(target.userPrincipalName);
    label.techniques.push('T1562.008');
    label.summary = `${admin.user.userPrincipalName} cut the mailbox audit log age limit of ${target.userPrincipalName} from 90 days to ${limit} from ${admin.where.ip}.`;
    return [label];
  },
};
