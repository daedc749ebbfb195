import { WardenError } from '../../../shared/errors.ts';
import { type ChangeDefinition, fieldsFrom } from './changeDefinition.ts';
import { explainExchangeError } from './exchangeErrors.ts';

export const enableIngestion: ChangeDefinition<'audit.enableIngestion'> = {
  kind: 'audit.enableIngestion',
  title: () => 'Turn on unified audit log ingestion',
  async read(exchange, change, signal) {
    let config: Record<string, unknown> | undefined;
    try {
      // Through Exchange Online: the Security & Compliance endpoint always reads False here.
      config = (await exchange.run({ name: 'Get-AdminAuditLogConfig' }, signal))[0];
    } catch (error) {
      throw explainExchangeError(error, 'Get-AdminAuditLogConfig');
    }
    if (!config || typeof config['UnifiedAuditLogIngestionEnabled'] !== 'boolean') {
      throw new WardenError('unavailable', 'Get-AdminAuditLogConfig did not say whether unified audit log ingestion is on.');
    }
    return {
      change,
      target: 'Organization (admin audit log settings)',
      state: { ingestion: config['UnifiedAuditLogIngestionEnabled'] },
      warnings: config['UnifiedAuditLogIngestionEnabled'] ? [] : ['Activity from while ingestion was off is not recorded and will not be; only what happens from now on is.'],
    };
  },
  desired: () => ({ ingestion: true }),
  calls: () => [{ cmdlet: 'Set-AdminAuditLogConfig', parameters: { UnifiedAuditLogIngestionEnabled: true } }],
  fields: (before, after) => fieldsFrom({ ingestion: 'Unified audit log ingestion' }, before, after),
  inverse: () => null,
  irreversibleWhy: 'Warden does not turn the unified audit log off: without it no admin or user activity is recorded.',
};
