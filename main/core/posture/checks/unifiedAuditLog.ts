import { AUDIT_ITEM } from '../../inventory/auditConfigInventory.ts';
import { fail, pass, unknown, type PostureCheck } from '../postureCheck.ts';
import { RUN_TO_COLLECT } from '../postureInputs.ts';
import { settingChanges } from '../settingChanges.ts';

const FIX = 'Set-AdminAuditLogConfig -UnifiedAuditLogIngestionEnabled $true (in Exchange Online PowerShell: the Security & Compliance session always reads False)';

/**
 * Unified audit log ingestion on, read with Get-AdminAuditLogConfig through the Exchange Online API (the
 * Security & Compliance endpoint answers False whatever the setting is).
 */
export const unifiedAuditLog: PostureCheck = {
  id: 'unified-audit-log',
  title: 'Unified audit log ingestion is on',
  scubaGear: 'MS.EXO.17.1v1',
  severity: 'critical',
  evaluate(inputs) {
    const evidence = settingChanges(inputs.db, { operations: ['Set-AdminAuditLogConfig'], parameters: ['UnifiedAuditLogIngestionEnabled'] });
    const basis = [inputs.basis('audit-config')];
    const value = inputs.items('audit-config', AUDIT_ITEM.adminAuditLog)[0]?.data['UnifiedAuditLogIngestionEnabled'];
    if (typeof value !== 'boolean') {
      return unknown({
        why: inputs.snapshot('audit-config') ? 'The audit-configuration inventory did not get UnifiedAuditLogIngestionEnabled.' : 'The audit configuration was never collected.',
        toKnow: `run ${RUN_TO_COLLECT['audit-config']}`,
        fix: FIX,
        basis,
        evidence,
      });
    }
    if (value) return pass({ why: 'UnifiedAuditLogIngestionEnabled is True (Get-AdminAuditLogConfig through Exchange Online): admin and user activity is recorded.', fix: FIX, basis, evidence });
    return fail({
      why: 'UnifiedAuditLogIngestionEnabled is False: nothing admins or users do is recorded in the unified audit log, and no change can be proven afterwards.',
      fix: FIX,
      basis,
      evidence,
    });
  },
};
