import type { MailboxPermission } from '../../tenant/model.ts';
import { parameterError } from '../errors.ts';
import { mailboxOrThrow, namesMailbox } from './lookup.ts';
import { limited, type CmdletDefinition, type CmdletInvocation } from './types.ts';

const ACCESS_RIGHTS = ['ChangeOwner', 'ChangePermission', 'DeleteItem', 'ExternalAccount', 'FullAccess', 'ReadPermission'];
const INHERITANCE = ['All', 'None', 'Descendents', 'SelfAndChildren', 'Children'] as const;

function rightsOf(inv: CmdletInvocation): string[] {
  const rights = inv.params.strings('AccessRights');
  if (!rights || rights.length === 0) throw parameterError("Cannot bind argument to parameter 'AccessRights' because it is null.");
  return rights.map((r) => {
    const known = ACCESS_RIGHTS.find((k) => k.toLowerCase() === r.toLowerCase());
    if (!known)
      throw parameterError(
        `Cannot process argument transformation on parameter 'AccessRights'. Cannot convert value "${r}" to type "Microsoft.Exchange.Management.RecipientTasks.MailboxRights". Valid values: ${ACCESS_RIGHTS.join(', ')}.`,
      );
    return known;
  });
}

function inheritanceOf(inv: CmdletInvocation): MailboxPermission['InheritanceType'] {
  const raw = inv.params.string('InheritanceType') ?? 'All';
  const known = INHERITANCE.find((k) => k.toLowerCase() === raw.toLowerCase());
  if (!known)
    throw parameterError(
      `Cannot convert value "${raw}" to type "System.DirectoryServices.ActiveDirectorySecurityInheritance". Valid values: ${INHERITANCE.join(', ')}.`,
    );
  return known;
}

/** A grantee: a user by UPN/mail/name, or a well-known principal (NT AUTHORITY\SELF...). */
function granteeOf(inv: CmdletInvocation, identity: string): string {
  if (identity.includes('\\')) return identity;
  const user = inv.ctx.directory.findUser(identity);
  if (!user) throw parameterError(`The user "${identity}" couldn't be found. Make sure that it was spelled correctly or specify a different object.`);
  return user.userPrincipalName;
}

function getPermissions(name: string): CmdletDefinition {
  return {
    name,
    params: { Identity: 'string', User: 'string', Owner: 'bool', ResultSize: 'resultSize', SoftDeletedMailbox: 'bool' },
    run(inv) {
      const state = inv.ctx.tenant.state;
      const mailbox = mailboxOrThrow(state, inv.params.required('Identity'));
      let rows = state.mailboxPermissions.filter((p) => namesMailbox(mailbox, p.Identity));
      const user = inv.params.string('User');
      if (user) {
        const grantee = granteeOf(inv, user).toLowerCase();
        rows = rows.filter((p) => p.User.toLowerCase() === grantee);
      }
      return limited(rows, inv.params);
    },
  };
}

export const getMailboxPermission = getPermissions('Get-MailboxPermission');
export const getExoMailboxPermission = getPermissions('Get-EXOMailboxPermission');

export const addMailboxPermission: CmdletDefinition = {
  name: 'Add-MailboxPermission',
  params: { Identity: 'string', User: 'string', AccessRights: 'string[]', InheritanceType: 'string', AutoMapping: 'bool', Deny: 'bool' },
  run(inv) {
    const state = inv.ctx.tenant.state;
    const mailbox = mailboxOrThrow(state, inv.params.required('Identity'));
    const grantee = granteeOf(inv, inv.params.required('User'));
    const rights = rightsOf(inv);
    const deny = inv.params.bool('Deny') ?? false;
    const inheritance = inheritanceOf(inv);
    const existing = state.mailboxPermissions.find(
      (p) => namesMailbox(mailbox, p.Identity) && p.User.toLowerCase() === grantee.toLowerCase() && p.Deny === deny && !p.IsInherited,
    );
    if (existing && rights.every((r) => existing.AccessRights.includes(r))) {
      return { value: [existing], warnings: [`An existing permission entry was found for user: ${grantee}.`] };
    }
    if (existing) {
      existing.AccessRights = [...new Set([...existing.AccessRights, ...rights])];
      return { value: [existing], audit: { objectId: mailbox.Identity } };
    }
    const row: MailboxPermission = {
      Identity: mailbox.Identity,
      User: grantee,
      AccessRights: rights,
      IsInherited: false,
      Deny: deny,
      InheritanceType: inheritance,
    };
    state.mailboxPermissions.push(row);
    return { value: [row], audit: { objectId: mailbox.Identity } };
  },
};

export const removeMailboxPermission: CmdletDefinition = {
  name: 'Remove-MailboxPermission',
  params: { Identity: 'string', User: 'string', AccessRights: 'string[]', InheritanceType: 'string', Deny: 'bool', BypassMasterAccountSid: 'bool' },
  run(inv) {
    const state = inv.ctx.tenant.state;
    const mailbox = mailboxOrThrow(state, inv.params.required('Identity'));
    const grantee = granteeOf(inv, inv.params.required('User'));
    const rights = rightsOf(inv);
    const deny = inv.params.bool('Deny') ?? false;
    const row = state.mailboxPermissions.find(
      (p) => namesMailbox(mailbox, p.Identity) && p.User.toLowerCase() === grantee.toLowerCase() && p.Deny === deny && !p.IsInherited,
    );
    if (!row || !rights.some((r) => row.AccessRights.includes(r))) {
      return {
        value: [],
        warnings: [
          `Can't remove the access control entry on the object "${mailbox.DistinguishedName}" for account "${grantee}" because the ACE doesn't exist on the object.`,
        ],
      };
    }
    row.AccessRights = row.AccessRights.filter((r) => !rights.includes(r));
    if (row.AccessRights.length === 0) state.mailboxPermissions.splice(state.mailboxPermissions.indexOf(row), 1);
    return { value: [], audit: { objectId: mailbox.Identity } };
  },
};

export const getRecipientPermission: CmdletDefinition = {
  name: 'Get-RecipientPermission',
  params: { Identity: 'string', Trustee: 'string', AccessRights: 'string[]', ResultSize: 'resultSize' },
  run(inv) {
    const state = inv.ctx.tenant.state;
    const identity = inv.params.string('Identity');
    let rows = state.recipientPermissions;
    if (identity) {
      const mailbox = mailboxOrThrow(state, identity);
      rows = rows.filter((p) => namesMailbox(mailbox, p.Identity));
    }
    const trustee = inv.params.string('Trustee');
    if (trustee) {
      const who = granteeOf(inv, trustee).toLowerCase();
      rows = rows.filter((p) => p.Trustee.toLowerCase() === who);
    }
    return limited(rows, inv.params);
  },
};
