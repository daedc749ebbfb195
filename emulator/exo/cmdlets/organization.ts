import type { MailboxAuditBypassAssociation } from '../../tenant/model.ts';
import { applyMultiValued } from '../parameters.ts';
import { mailboxOrThrow } from './lookup.ts';
import { exchangeStamp } from './stamp.ts';
import { limited, type CmdletDefinition } from './types.ts';

export const getAdminAuditLogConfig: CmdletDefinition = {
  name: 'Get-AdminAuditLogConfig',
  params: {},
  run: (inv) => ({ value: [inv.ctx.tenant.state.adminAuditLogConfig] }),
};

export const setAdminAuditLogConfig: CmdletDefinition = {
  name: 'Set-AdminAuditLogConfig',
  params: {
    UnifiedAuditLogIngestionEnabled: 'bool',
    AdminAuditLogEnabled: 'bool',
    AdminAuditLogAgeLimit: 'timespan',
    AdminAuditLogCmdlets: 'multiValued',
    AdminAuditLogParameters: 'multiValued',
    AdminAuditLogExcludedCmdlets: 'multiValued',
    LogLevel: 'string',
    TestCmdletLoggingEnabled: 'bool',
  },
  run(inv) {
    const config = inv.ctx.tenant.state.adminAuditLogConfig;
    // The change that turns ingestion off is itself still logged; nothing after it is.
    const ingestionWasEnabled = config.UnifiedAuditLogIngestionEnabled;
    for (const name of ['UnifiedAuditLogIngestionEnabled', 'AdminAuditLogEnabled', 'TestCmdletLoggingEnabled'] as const) {
      const v = inv.params.bool(name);
      if (v !== undefined) config[name] = v;
    }
    const age = inv.params.string('AdminAuditLogAgeLimit');
    if (age !== undefined) config.AdminAuditLogAgeLimit = age;
    const level = inv.params.string('LogLevel');
    if (level !== undefined) config.LogLevel = level;
    for (const name of ['AdminAuditLogCmdlets', 'AdminAuditLogParameters', 'AdminAuditLogExcludedCmdlets'] as const) {
      if (inv.params.has(name)) config[name] = applyMultiValued(config[name], inv.params.value(name));
    }
    config.WhenChangedUTC = exchangeStamp();
    return { value: [], audit: { objectId: `${inv.ctx.tenant.info.domain}\\Admin Audit Log Settings`, ingestionWasEnabled } };
  },
};

export const getOrganizationConfig: CmdletDefinition = {
  name: 'Get-OrganizationConfig',
  params: {},
  run: (inv) => ({ value: [inv.ctx.tenant.state.organizationConfig] }),
};

export const setOrganizationConfig: CmdletDefinition = {
  name: 'Set-OrganizationConfig',
  params: {
    AuditDisabled: 'bool',
    OAuth2ClientProfileEnabled: 'bool',
    CustomerLockboxEnabled: 'bool',
    MailTipsExternalRecipientsTipsEnabled: 'bool',
    AutoForwardEnabled: 'bool',
  },
  run(inv) {
    const config = inv.ctx.tenant.state.organizationConfig;
    for (const name of [
      'AuditDisabled',
      'OAuth2ClientProfileEnabled',
      'CustomerLockboxEnabled',
      'MailTipsExternalRecipientsTipsEnabled',
      'AutoForwardEnabled',
    ] as const) {
      const v = inv.params.bool(name);
      if (v !== undefined) config[name] = v;
    }
    return { value: [], audit: { objectId: config.Identity } };
  },
};

export const getTransportConfig: CmdletDefinition = {
  name: 'Get-TransportConfig',
  params: {},
  run: (inv) => ({ value: [inv.ctx.tenant.state.transportConfig] }),
};

export const setTransportConfig: CmdletDefinition = {
  name: 'Set-TransportConfig',
  params: { SmtpClientAuthenticationDisabled: 'bool', ExternalInOutlookEnabled: 'bool' },
  run(inv) {
    const config = inv.ctx.tenant.state.transportConfig;
    for (const name of ['SmtpClientAuthenticationDisabled', 'ExternalInOutlookEnabled'] as const) {
      const v = inv.params.bool(name);
      if (v !== undefined) config[name] = v;
    }
    return { value: [], audit: { objectId: config.Identity } };
  },
};

export const getMailboxAuditBypassAssociation: CmdletDefinition = {
  name: 'Get-MailboxAuditBypassAssociation',
  params: { Identity: 'string', ResultSize: 'resultSize' },
  run(inv) {
    const state = inv.ctx.tenant.state;
    const identity = inv.params.string('Identity');
    if (!identity) {
      // The real cmdlet lists every mailbox: those without an association show AuditBypassEnabled False.
      const rows = state.mailboxes.map(
        (m) =>
          state.mailboxAuditBypass.find((b) => b.Identity === m.Identity || b.ObjectId === m.ExternalDirectoryObjectId) ??
          bypassRow(m.Identity, m.Name, m.ExternalDirectoryObjectId, false, m.WhenChangedUTC),
      );
      return limited(rows, inv.params);
    }
    const mailbox = mailboxOrThrow(state, identity);
    const row = state.mailboxAuditBypass.find((b) => b.Identity === mailbox.Identity || b.ObjectId === mailbox.ExternalDirectoryObjectId);
    return { value: [row ?? bypassRow(mailbox.Identity, mailbox.Name, mailbox.ExternalDirectoryObjectId, false, mailbox.WhenChangedUTC)] };
  },
};

function bypassRow(identity: string, name: string, objectId: string, enabled: boolean, whenChanged = exchangeStamp()): MailboxAuditBypassAssociation {
  return { Identity: identity, Name: name, AuditBypassEnabled: enabled, ObjectId: objectId, WhenChangedUTC: whenChanged };
}

export const setMailboxAuditBypassAssociation: CmdletDefinition = {
  name: 'Set-MailboxAuditBypassAssociation',
  params: { Identity: 'string', AuditBypassEnabled: 'bool' },
  run(inv) {
    const state = inv.ctx.tenant.state;
    const mailbox = mailboxOrThrow(state, inv.params.required('Identity'));
    const enabled = inv.params.bool('AuditBypassEnabled') ?? false;
    const row = state.mailboxAuditBypass.find((b) => b.Identity === mailbox.Identity || b.ObjectId === mailbox.ExternalDirectoryObjectId);
    if (row) {
      row.AuditBypassEnabled = enabled;
      row.WhenChangedUTC = exchangeStamp();
    } else state.mailboxAuditBypass.push(bypassRow(mailbox.Identity, mailbox.Name, mailbox.ExternalDirectoryObjectId, enabled));
    return { value: [], audit: { objectId: mailbox.Identity } };
  },
};
