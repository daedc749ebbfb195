import type { Mailbox } from '../../tenant/model.ts';
import { parameterError } from '../errors.ts';
import { applyMultiValued } from '../parameters.ts';
import { findMailbox, mailboxOrThrow } from './lookup.ts';
import { exchangeStamp } from './stamp.ts';
import { limited, type CmdletDefinition, type CmdletInvocation, type CmdletOutput } from './types.ts';

/** The minimal property set Get-EXOMailbox returns without -Properties/-PropertySets. */
const EXO_MINIMUM: ReadonlyArray<keyof Mailbox> = [
  'ExternalDirectoryObjectId',
  'UserPrincipalName',
  'Alias',
  'DisplayName',
  'EmailAddresses',
  'PrimarySmtpAddress',
  'RecipientType',
  'RecipientTypeDetails',
  'Identity',
  'Id',
  'ExchangeVersion',
  'Name',
  'DistinguishedName',
  'OrganizationId',
  'Guid',
];

function listMailboxes(inv: CmdletInvocation): Mailbox[] {
  const { params, ctx } = inv;
  const identity = params.string('Identity');
  if (identity) return [mailboxOrThrow(ctx.tenant.state, identity)];
  const details = params.strings('RecipientTypeDetails')?.map((d) => d.toLowerCase());
  const all = ctx.tenant.state.mailboxes;
  return details ? all.filter((m) => details.includes(m.RecipientTypeDetails.toLowerCase())) : all;
}

const GET_PARAMS = {
  Identity: 'string',
  ResultSize: 'resultSize',
  RecipientTypeDetails: 'multiValued',
  Filter: 'string',
  IncludeInactiveMailbox: 'bool',
  Anr: 'string',
} as const;

function rejectFilter(inv: CmdletInvocation): void {
  if (inv.params.string('Filter') !== undefined || inv.params.string('Anr') !== undefined) {
    throw parameterError('The emulator does not evaluate -Filter or -Anr; use -Identity or -RecipientTypeDetails.');
  }
}

export const getMailbox: CmdletDefinition = {
  name: 'Get-Mailbox',
  params: GET_PARAMS,
  run(inv) {
    rejectFilter(inv);
    return limited(listMailboxes(inv), inv.params);
  },
};

export const getExoMailbox: CmdletDefinition = {
  name: 'Get-EXOMailbox',
  params: {
    ...GET_PARAMS,
    Properties: 'string[]',
    PropertySets: 'string[]',
    UserPrincipalName: 'string',
    PrimarySmtpAddress: 'string',
    ExternalDirectoryObjectId: 'string',
  },
  run(inv) {
    rejectFilter(inv);
    const { params } = inv;
    const key = params.string('UserPrincipalName') ?? params.string('PrimarySmtpAddress') ?? params.string('ExternalDirectoryObjectId');
    const mailboxes = key ? [mailboxOrThrow(inv.ctx.tenant.state, key)] : listMailboxes(inv);
    const wantsAll = params.strings('PropertySets')?.some((s) => s.toLowerCase() === 'all');
    const extra = params.strings('Properties') ?? [];
    const fields = wantsAll ? undefined : [...new Set([...EXO_MINIMUM, ...extra])];
    const out = mailboxes.map((m) => (fields ? Object.fromEntries(fields.map((f) => [f, (m as unknown as Record<string, unknown>)[f] ?? null])) : m));
    return limited(out, params);
  },
};

function smtpForm(address: string | null): string | null {
  if (address === null || address === '') return null;
  return address.toLowerCase().startsWith('smtp:') ? `smtp:${address.slice(5)}` : `smtp:${address}`;
}

export const setMailbox: CmdletDefinition = {
  name: 'Set-Mailbox',
  params: {
    Identity: 'string',
    ForwardingSmtpAddress: 'nullableString',
    ForwardingAddress: 'nullableString',
    DeliverToMailboxAndForward: 'bool',
    AuditEnabled: 'bool',
    AuditLogAgeLimit: 'timespan',
    AuditAdmin: 'multiValued',
    AuditDelegate: 'multiValued',
    AuditOwner: 'multiValued',
    GrantSendOnBehalfTo: 'multiValued',
    HiddenFromAddressListsEnabled: 'bool',
    LitigationHoldEnabled: 'bool',
    RetentionPolicy: 'string',
  },
  run(inv): CmdletOutput {
    const { params, ctx } = inv;
    const mailbox = mailboxOrThrow(ctx.tenant.state, params.required('Identity'));
    if (params.has('ForwardingSmtpAddress')) mailbox.ForwardingSmtpAddress = smtpForm(params.string('ForwardingSmtpAddress') ?? null);
    if (params.has('ForwardingAddress')) {
      const target = params.string('ForwardingAddress');
      if (target) {
        const recipient = findMailbox(ctx.tenant.state, target);
        if (!recipient) throw parameterError(`Couldn't find object "${target}". Please make sure that it was spelled correctly or specify a different object.`);
        mailbox.ForwardingAddress = recipient.Identity;
      } else mailbox.ForwardingAddress = null;
    }
    const bools = ['DeliverToMailboxAndForward', 'AuditEnabled', 'HiddenFromAddressListsEnabled', 'LitigationHoldEnabled'] as const;
    for (const name of bools) {
      const v = params.bool(name);
      if (v !== undefined) mailbox[name] = v;
    }
    const age = params.string('AuditLogAgeLimit');
    if (age !== undefined) mailbox.AuditLogAgeLimit = age;
    const policy = params.string('RetentionPolicy');
    if (policy !== undefined) mailbox.RetentionPolicy = policy;
    for (const name of ['AuditAdmin', 'AuditDelegate', 'AuditOwner', 'GrantSendOnBehalfTo'] as const) {
      if (params.has(name)) mailbox[name] = applyMultiValued(mailbox[name], params.value(name));
    }
    mailbox.WhenChanged = mailbox.WhenChangedUTC = exchangeStamp();
    return { value: [], audit: { objectId: mailbox.Identity } };
  },
};
