import { WardenError } from '../../../shared/errors.ts';
import type { ChangeRequest } from '../../../shared/model/adminChanges.ts';
import { domainOf } from '../inventory/inboxRuleRisk.ts';
import type { ExchangeAdminClient } from '../m365/exo/exchangeAdminClient.ts';
import { type ChangeDefinition, type ChangeState, fieldsFrom } from './changeDefinition.ts';
import { explainExchangeError, isNotFound } from './exchangeErrors.ts';

type Of<K extends ChangeRequest['kind']> = Extract<ChangeRequest, { kind: K }>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A mailbox, live; a clear not-found when Exchange has no such mailbox. */
async function readMailbox(exchange: ExchangeAdminClient, identity: string, signal?: AbortSignal): Promise<{ mailbox: Record<string, unknown>; name: string }> {
  let found: Record<string, unknown> | undefined;
  try {
    found = (await exchange.run({ name: 'Get-Mailbox', parameters: { Identity: identity } }, signal))[0];
  } catch (error) {
    if (isNotFound(error)) throw new WardenError('not-found', `There is no mailbox "${identity}" in Exchange.`);
    throw explainExchangeError(error, 'Get-Mailbox');
  }
  if (!found) throw new WardenError('not-found', `There is no mailbox "${identity}" in Exchange.`);
  return { mailbox: found, name: str(found['UserPrincipalName']) || str(found['PrimarySmtpAddress']) || identity };
}

/** The domains a mailbox's own addresses use: forwarding anywhere else leaves the organization. */
function ownDomains(mailbox: Record<string, unknown>): Set<string> {
  const addresses = [str(mailbox['UserPrincipalName']), str(mailbox['PrimarySmtpAddress']), ...(Array.isArray(mailbox['EmailAddresses']) ? mailbox['EmailAddresses'].map(String) : [])];
  return new Set(addresses.map((a) => domainOf(a.replace(/^smtp:/i, ''))).filter(Boolean));
}

function forwardingState(mailbox: Record<string, unknown>): ChangeState {
  const smtp = str(mailbox['ForwardingSmtpAddress']).replace(/^smtp:/i, '');
  return {
    forwardingSmtpAddress: smtp || null,
    forwardingAddress: str(mailbox['ForwardingAddress']) || null,
    deliverToMailboxAndForward: mailbox['DeliverToMailboxAndForward'] === true,
  };
}

const FORWARDING_LABELS = {
  forwardingSmtpAddress: 'Forward to (ForwardingSmtpAddress)',
  forwardingAddress: 'Forward to recipient (ForwardingAddress)',
  deliverToMailboxAndForward: 'Keep a copy in the mailbox',
};

const forwardingInverse = (c: { mailbox: string }, before: ChangeState): ChangeRequest => ({
  kind: 'mailbox.restoreForwarding',
  mailbox: c.mailbox,
  forwardingSmtpAddress: (before['forwardingSmtpAddress'] as string | null) ?? null,
  forwardingAddress: (before['forwardingAddress'] as string | null) ?? null,
  deliverToMailboxAndForward: before['deliverToMailboxAndForward'] === true,
});

/** Set-Mailbox with exactly the forwarding fields that differ from now (the audit record shows what was sent). */
function forwardingCalls(mailbox: string, before: ChangeState, after: ChangeState) {
  const parameters: Record<string, unknown> = { Identity: mailbox };
  if (before['forwardingSmtpAddress'] !== after['forwardingSmtpAddress']) parameters['ForwardingSmtpAddress'] = after['forwardingSmtpAddress'];
  if (before['forwardingAddress'] !== after['forwardingAddress']) parameters['ForwardingAddress'] = after['forwardingAddress'];
  if (before['deliverToMailboxAndForward'] !== after['deliverToMailboxAndForward']) parameters['DeliverToMailboxAndForward'] = after['deliverToMailboxAndForward'];
  return [{ cmdlet: 'Set-Mailbox', parameters }];
}

export const setForwarding: ChangeDefinition<'mailbox.setForwarding'> = {
  kind: 'mailbox.setForwarding',
  title: (c) => `Forward ${c.mailbox}'s mail to ${c.address}`,
  async read(exchange, change, signal) {
    const { mailbox, name } = await readMailbox(exchange, change.mailbox, signal);
    const state = forwardingState(mailbox);
    const warnings: string[] = [];
    const domain = domainOf(change.address);
    if (!ownDomains(mailbox).has(domain)) warnings.push(`${domain} is not one of this mailbox's domains: mail will leave the organization.`);
    if (state['forwardingAddress']) warnings.push(`Mail is forwarded to the recipient ${String(state['forwardingAddress'])} now; that takes precedence, so this change clears it.`);
    return { change: { ...change, mailbox: name } satisfies Of<'mailbox.setForwarding'>, target: name, state, warnings };
  },
  desired: (c) => ({ forwardingSmtpAddress: c.address.toLowerCase(), forwardingAddress: null, deliverToMailboxAndForward: c.keepCopy }),
  calls: (c, before) => forwardingCalls(c.mailbox, before, setForwarding.desired(c, before)),
  fields: (before, after) => fieldsFrom(FORWARDING_LABELS, before, after),
  inverse: forwardingInverse,
  irreversibleWhy: null,
};

export const clearForwarding: ChangeDefinition<'mailbox.clearForwarding'> = {
  kind: 'mailbox.clearForwarding',
  title: (c) => `Stop forwarding ${c.mailbox}'s mail`,
  async read(exchange, change, signal) {
    const { mailbox, name } = await readMailbox(exchange, change.mailbox, signal);
    return { change: { ...change, mailbox: name } satisfies Of<'mailbox.clearForwarding'>, target: name, state: forwardingState(mailbox), warnings: [] };
  },
  desired: () => ({ forwardingSmtpAddress: null, forwardingAddress: null, deliverToMailboxAndForward: false }),
  calls: (c, before) => forwardingCalls(c.mailbox, before, clearForwarding.desired(c, before)),
  fields: (before, after) => fieldsFrom(FORWARDING_LABELS, before, after),
  inverse: forwardingInverse,
  irreversibleWhy: null,
};

export const restoreForwarding: ChangeDefinition<'mailbox.restoreForwarding'> = {
  kind: 'mailbox.restoreForwarding',
  title: (c) => `Put ${c.mailbox}'s forwarding back`,
  async read(exchange, change, signal) {
    const { mailbox, name } = await readMailbox(exchange, change.mailbox, signal);
    return { change: { ...change, mailbox: name } satisfies Of<'mailbox.restoreForwarding'>, target: name, state: forwardingState(mailbox), warnings: [] };
  },
  desired: (c) => ({ forwardingSmtpAddress: c.forwardingSmtpAddress?.toLowerCase() ?? null, forwardingAddress: c.forwardingAddress, deliverToMailboxAndForward: c.deliverToMailboxAndForward }),
  calls: (c, before) => forwardingCalls(c.mailbox, before, restoreForwarding.desired(c, before)),
  fields: (before, after) => fieldsFrom(FORWARDING_LABELS, before, after),
  inverse: forwardingInverse,
  irreversibleWhy: null,
};

/** Whether `user` holds an explicit FullAccess grant on the mailbox, live. */
async function readFullAccess(exchange: ExchangeAdminClient, change: { mailbox: string; user: string }, signal?: AbortSignal) {
  const { name } = await readMailbox(exchange, change.mailbox, signal);
  let rows: Record<string, unknown>[];
  try {
    rows = await exchange.run({ name: 'Get-MailboxPermission', parameters: { Identity: name, User: change.user } }, signal);
  } catch (error) {
    if (isNotFound(error)) throw new WardenError('not-found', `There is no user "${change.user}" in the directory.`);
    throw explainExchangeError(error, 'Get-MailboxPermission');
  }
  const explicit = rows.filter((r) => r['IsInherited'] !== true && r['Deny'] !== true);
  const user = str(explicit[0]?.['User']) || change.user;
  const fullAccess = explicit.some((r) => Array.isArray(r['AccessRights']) && r['AccessRights'].some((a) => String(a).toLowerCase() === 'fullaccess'));
  return { mailbox: name, user, state: { user, fullAccess } satisfies ChangeState };
}

const fullAccessFields = (before: ChangeState, after: ChangeState) => fieldsFrom({ fullAccess: `${String(before['user'])} has FullAccess` }, before, after);

export const addFullAccess: ChangeDefinition<'mailbox.addFullAccess'> = {
  kind: 'mailbox.addFullAccess',
  title: (c) => `Give ${c.user} FullAccess to ${c.mailbox}`,
  async read(exchange, change, signal) {
    const r = await readFullAccess(exchange, change, signal);
    return {
      change: { ...change, mailbox: r.mailbox, user: r.user } satisfies Of<'mailbox.addFullAccess'>,
      target: r.mailbox,
      state: r.state,
      warnings: [`${r.user} will be able to read and delete everything in ${r.mailbox}.`],
    };
  },
  desired: (_c, before) => ({ ...before, fullAccess: true }),
  calls: (c) => [{ cmdlet: 'Add-MailboxPermission', parameters: { Identity: c.mailbox, User: c.user, AccessRights: ['FullAccess'], InheritanceType: 'All', AutoMapping: false } }],
  fields: fullAccessFields,
  inverse: (c) => ({ kind: 'mailbox.removeFullAccess', mailbox: c.mailbox, user: c.user }),
  irreversibleWhy: null,
};

export const removeFullAccess: ChangeDefinition<'mailbox.removeFullAccess'> = {
  kind: 'mailbox.removeFullAccess',
  title: (c) => `Take FullAccess to ${c.mailbox} away from ${c.user}`,
  async read(exchange, change, signal) {
    const r = await readFullAccess(exchange, change, signal);
    return { change: { ...change, mailbox: r.mailbox, user: r.user } satisfies Of<'mailbox.removeFullAccess'>, target: r.mailbox, state: r.state, warnings: [] };
  },
  desired: (_c, before) => ({ ...before, fullAccess: false }),
  calls: (c) => [{ cmdlet: 'Remove-MailboxPermission', parameters: { Identity: c.mailbox, User: c.user, AccessRights: ['FullAccess'], InheritanceType: 'All' } }],
  fields: fullAccessFields,
  inverse: (c) => ({ kind: 'mailbox.addFullAccess', mailbox: c.mailbox, user: c.user }),
  irreversibleWhy: null,
};

export const enableMailboxAudit: ChangeDefinition<'mailbox.enableAudit'> = {
  kind: 'mailbox.enableAudit',
  title: (c) => `Turn on mailbox auditing for ${c.mailbox}`,
  async read(exchange, change, signal) {
    const { mailbox, name } = await readMailbox(exchange, change.mailbox, signal);
    return { change: { ...change, mailbox: name } satisfies Of<'mailbox.enableAudit'>, target: name, state: { auditEnabled: mailbox['AuditEnabled'] === true }, warnings: [] };
  },
  desired: () => ({ auditEnabled: true }),
  calls: (c) => [{ cmdlet: 'Set-Mailbox', parameters: { Identity: c.mailbox, AuditEnabled: true } }],
  fields: (before, after) => fieldsFrom({ auditEnabled: 'Mailbox auditing (AuditEnabled)' }, before, after),
  inverse: () => null,
  irreversibleWhy: 'Warden does not turn auditing off: that is what an intruder does to hide. Do it in Exchange if you really must.',
};
