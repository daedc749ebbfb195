// Unified audit log turned off: Set-AdminAuditLogConfig -UnifiedAuditLogIngestionEnabled $false.
// (The emulator keeps producing activity afterwards; real Microsoft 365 would stop ingesting.)

import { compromisedExchangeAdmin } from './actors.ts';
import { LabelDraft, plannedCmdlet } from './kit.ts';
import type { Injector } from './index.ts';

export const unifiedAuditLogDisabled: Injector = {
  name: 'unified-audit-log-disabled',
  hours: 1,
  inject(env, rng, startMs) {
    const label = new LabelDraft('unified-audit-log-disabled');
    const admin = compromisedExchangeAdmin(env, rng);
    const ms = startMs + rng.int(30 * 60_000);
    plannedCmdlet(env, label, rng, admin.user, 'Set-AdminAuditLogConfig', 'Admin Audit Log Settings', [{ Name: 'UnifiedAuditLogIngestionEnabled', Value: 'False' }], admin.where.ip, ms);
    const cfg = env.state.adminAuditLogConfig;
    label.change('adminAuditLogConfig.UnifiedAuditLogIngestionEnabled', cfg.UnifiedAuditLogIngestionEnabled, false);
    cfg.UnifiedAuditLogIngestionEnabled = false;
    cfg.WhenChangedUTC = new Date(ms).toISOString().slice(0, 19) + 'Z';
    label.actorUpns.add(admin.user.userPrincipalName);
    label.actorIps.add(admin.where.ip);
    label.targetObjects.add('Admin Audit Log Settings');
    label.techniques.push('T1562.008');
    label.summary = `${admin.user.userPrincipalName} turned unified audit log ingestion off (Set-AdminAuditLogConfig) from ${admin.where.ip}.`;
    return [label];
  },
};
