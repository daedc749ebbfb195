import type { AuditRule, DerivedFinding } from '../engine/ruleTypes.ts';
import { plural } from '../findings/explain.ts';
import { actorPhrase, auditFinding } from './support/auditFinding.ts';
import { parametersOf } from './support/auditFields.ts';

const parameters = {
  /** Exchange Online's default mailbox audit log age limit. */
  defaultDays: 90,
};

/** '90.00:00:00' → 90, '1.00:00:00' → 1, '00:00:00' → 0, '12:00:00' → 0.5 (a .NET TimeSpan as Exchange logs it). */
export function timeSpanDays(value: string): number | null {
  const m = /^\s*(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.\d+)?\s*$/.exec(value);
  if (!m) return null;
  return Number(m[1] ?? 0) + Number(m[2]) / 24 + Number(m[3]) / 1440 + Number(m[4]) / 86400;
}

/**
 * The mailbox audit log age limit (Set-Mailbox -AuditLogAgeLimit) or the admin audit log age limit
 * (Set-AdminAuditLogConfig -AdminAuditLogAgeLimit) set below the 90-day default: the trail of what
 * happened in the mailbox disappears after that.
 */
export const auditLogAgeLimitShortened: AuditRule<typeof parameters> = {
  kind: 'audit',
  id: 'audit-log-age-limit-shortened',
  title: 'Audit log age limit shortened',
  severity: 'high',
  technique: 'T1562.008',
  looksAt: 'Set-Mailbox (AuditLogAgeLimit) and Set-AdminAuditLogConfig (AdminAuditLogAgeLimit).',
  parameters,
  explanation: '{actor} set the {which} of {identity} to {value} ({days}), below the {defaultDays}-day default: audit records older than that are deleted.',
  operations: ['Set-Mailbox', 'Set-AdminAuditLogConfig'],
  derive(rows, ctx) {
    const out: DerivedFinding[] = [];
    for (const row of rows) {
      if (row.result === 'failure') continue;
      const p = parametersOf(row);
      const mailbox = row.operation === 'Set-Mailbox';
      const value = p.get(mailbox ? 'auditlogagelimit' : 'adminauditlogagelimit');
      if (value === undefined) continue;
      const days = timeSpanDays(value);
      if (days === null || days >= parameters.defaultDays) continue;
      const identity = mailbox ? (p.get('identity') ?? row.object ?? 'a mailbox').toLowerCase() : 'the organization';
      out.push(
        auditFinding(row, {
          subjectKey: `${mailbox ? 'mailbox' : 'admin-audit-log'}:${identity}`,
          severity: days < 1 ? 'critical' : 'high',
          title: `Audit log age limit of ${identity} set to ${days === 0 ? 'zero' : plural(Math.round(days * 10) / 10, 'day')}`,
          facts: {
            actor: actorPhrase(row, ctx),
            which: mailbox ? 'mailbox audit log age limit' : 'admin audit log age limit',
            identity,
            value,
            days: days === 0 ? 'zero: kept not at all' : plural(Math.round(days * 10) / 10, 'day'),
            defaultDays: parameters.defaultDays,
          },
          user: mailbox && identity.includes('@') ? identity : row.user,
        }),
      );
    }
    return out;
  },
};
