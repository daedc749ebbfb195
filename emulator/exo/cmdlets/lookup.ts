import type { Mailbox, RoleGroup, TenantState } from '../../tenant/model.ts';
import { notFound } from '../errors.ts';

/** How Exchange resolves a mailbox identity: UPN, address, alias, name, display name, GUIDs or DN. */
export function findMailbox(state: TenantState, identity: string): Mailbox | undefined {
  const id = identity
    .trim()
    .toLowerCase()
    .replace(/^smtp:/, '');
  return state.mailboxes.find(
    (m) =>
      m.UserPrincipalName.toLowerCase() === id ||
      m.PrimarySmtpAddress.toLowerCase() === id ||
      m.Alias.toLowerCase() === id ||
      m.Identity.toLowerCase() === id ||
      m.Name.toLowerCase() === id ||
      m.DisplayName.toLowerCase() === id ||
      m.ExternalDirectoryObjectId.toLowerCase() === id ||
      m.ExchangeGuid.toLowerCase() === id ||
      m.Guid.toLowerCase() === id ||
      m.DistinguishedName.toLowerCase() === id ||
      m.EmailAddresses.some((a) => a.toLowerCase().replace(/^smtp:/, '') === id),
  );
}

export function mailboxOrThrow(state: TenantState, identity: string): Mailbox {
  const found = findMailbox(state, identity);
  if (!found) throw notFound(identity);
  return found;
}

export function roleGroupOrThrow(state: TenantState, identity: string): RoleGroup {
  const id = identity.trim().toLowerCase();
  const found = state.roleGroups.find(
    (g) => g.Name.toLowerCase() === id || g.Identity.toLowerCase() === id || g.Guid.toLowerCase() === id || g.DisplayName.toLowerCase() === id,
  );
  if (!found) throw notFound(identity);
  return found;
}

/** True when a permission row / inbox-rule key names this mailbox (rows may use Identity, UPN or alias). */
export function namesMailbox(mailbox: Mailbox, identity: string): boolean {
  const id = identity.toLowerCase();
  return [mailbox.Identity, mailbox.UserPrincipalName, mailbox.Alias, mailbox.Name, mailbox.PrimarySmtpAddress, mailbox.DisplayName].some(
    (v) => v.toLowerCase() === id,
  );
}
