import type { AuditRule, DerivedFinding } from '../engine/ruleTypes.ts';
import { actorPhrase, auditFinding } from './support/auditFinding.ts';
import { parametersOf } from './support/auditFields.ts';

const parameters = {};

/**
 * Unified audit log ingestion turned off (Set-AdminAuditLogConfig -UnifiedAuditLogIngestionEnabled
 * $false), or admin audit logging off: from then on, nothing is recorded. Turning it on is not listed.
 */
export const auditLogDisabled: AuditRule<typeof parameters> = {
  kind: 'audit',
  id: 'audit-log-disabled',
  title: 'Unified audit log ingestion turned off',
  severity: 'critical',
  technique: 'T1562.008',
  looksAt: 'Set-AdminAuditLogConfig records: UnifiedAuditLogIngestionEnabled and AdminAuditLogEnabled set to False.',
  parameters,
  explanation: '{actor} set {setting} to False: {consequence}',
  operations: ['Set-AdminAuditLogConfig'],
  derive(rows, ctx) {
    const out: DerivedFinding[] = [];
    for (const row of rows) {
      if (row.result === 'failure') continue;
      const p = parametersOf(row);
      const settings = ['UnifiedAuditLogIngestionEnabled', 'AdminAuditLogEnabled'].filter((s) => /^\$?false$/i.test(p.get(s.toLowerCase()) ?? ''));
      if (settings.length === 0) continue;
      const unified = settings.includes('UnifiedAuditLogIngestionEnabled');
      out.push(
        auditFinding(row, {
          subjectKey: `setting:${settings.join(',')}`,
          severity: unified ? 'critical' : 'high',
          title: `${settings.join(' and ')} turned off by ${row.user ?? 'an unknown account'}`,
          facts: {
            actor: actorPhrase(row, ctx),
            setting: settings.join(' and '),
            consequence: unified
              ? 'the unified audit log stops recording activity across the tenant. Check what happened after this time through other sources, and turn it back on.'
              : 'administrator actions in Exchange are no longer logged.',
          },
          user: row.user,
        }),
      );
    }
    return out;
  },
};
