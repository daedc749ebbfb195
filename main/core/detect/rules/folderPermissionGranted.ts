import { obj, pick, str } from '../../importers/fieldAccess.ts';
import type { AuditRow } from '../engine/auditRows.ts';
import type { AuditRule, DerivedFinding } from '../engine/ruleTypes.ts';
import { actorPhrase, auditFinding } from './support/auditFinding.ts';
import { isSystemActor, parametersOf, recordBody } from './support/auditFields.ts';

const parameters = {
  /** Rights that let the member read the folder's mail. */
  readingRights: ['ReadItems', 'ReadAny', 'Reviewer', 'Editor', 'Author', 'NonEditingAuthor', 'PublishingEditor', 'PublishingAuthor', 'Owner', 'FolderOwner'],
  /** Folders people share every day; listed only when everyone (Default, Anonymous) gets read access. */
  everydayFolders: ['Calendar', 'Contacts'],
};

interface Grant {
  mailbox: string | null;
  folder: string;
  member: string;
  rights: string;
}

function readGrant(row: AuditRow): Grant | null {
  const p = parametersOf(row);
  if (p.size > 0) {
    const identity = p.get('identity') ?? '';
    const [mailbox, folder] = identity.includes(':') ? [identity.slice(0, identity.indexOf(':')), identity.slice(identity.indexOf(':') + 1)] : [identity, '\\'];
    return {
      mailbox: mailbox ? mailbox.toLowerCase() : null,
      folder: folder.replace(/^\\/, '') || 'Top of Information Store',
      member: p.get('user') ?? '',
      rights: p.get('accessrights') ?? '',
    };
  }
  const body = recordBody(row);
  const parent = obj(pick(obj(pick(body, 'Item')), 'ParentFolder'));
  if (!parent) return null;
  return {
    mailbox: str(pick(body, 'MailboxOwnerUPN'))?.toLowerCase() ?? null,
    folder: str(pick(parent, 'Name')) ?? str(pick(parent, 'Path')) ?? 'a folder',
    member: str(pick(parent, 'MemberUpn')) ?? str(pick(parent, 'MemberSid')) ?? '',
    rights: str(pick(parent, 'MemberRights')) ?? '',
  };
}

/**
 * Mailbox folder permissions that let someone read mail: Add-/Set-MailboxFolderPermission, and
 * the ModifyFolderPermissions / AddFolderPermissions mailbox audit records. Left alone: changes the
 * service makes itself (NT AUTHORITY\SYSTEM provisioning group mailboxes), calendar and contacts
 * sharing with a named person.
 */
export const folderPermissionGranted: AuditRule<typeof parameters> = {
  kind: 'audit',
  id: 'folder-permission-granted',
  title: 'Mailbox folder permission granted',
  severity: 'medium',
  technique: 'T1098.002',
  looksAt: 'Add-MailboxFolderPermission, Set-MailboxFolderPermission, ModifyFolderPermissions and AddFolderPermissions records.',
  parameters,
  explanation: "{actor} gave {member} the rights '{rights}' on the folder '{folder}' of {mailbox}'s mailbox{everyone}.",
  operations: ['Add-MailboxFolderPermission', 'Set-MailboxFolderPermission', 'ModifyFolderPermissions', 'AddFolderPermissions'],
  derive(rows, ctx) {
    const out: DerivedFinding[] = [];
    const reading = parameters.readingRights.map((r) => r.toLowerCase());
    const everyday = new Set(parameters.everydayFolders.map((f) => f.toLowerCase()));
    for (const row of rows) {
      if (row.result === 'failure' || isSystemActor(row)) continue;
      if (/ConfigureGroupMailbox/i.test(String(pick(recordBody(row), 'ClientInfoString') ?? ''))) continue;
      const grant = readGrant(row);
      if (!grant || !grant.member) continue;
      if (!reading.some((r) => grant.rights.toLowerCase().includes(r))) continue;
      const everyone = /^(default|anonymous)$/i.test(grant.member) || grant.member.toLowerCase() === 'member@local';
      const folderName = grant.folder.split('\\').pop() ?? grant.folder;
      if (everyday.has(folderName.toLowerCase()) && !everyone) continue;
      out.push(
        auditFinding(row, {
          subjectKey: `mailbox:${grant.mailbox ?? ''}|folder:${grant.folder}|member:${grant.member.toLowerCase()}`,
          severity: everyone ? 'high' : 'medium',
          title: `${grant.member} can read '${grant.folder}' in ${grant.mailbox ?? 'a mailbox'}`,
          facts: {
            actor: actorPhrase(row, ctx),
            member: grant.member,
            rights: grant.rights,
            folder: grant.folder,
            mailbox: grant.mailbox ?? 'an unknown',
            everyone: everyone ? ' (everyone in the organization, or anyone)' : '',
          },
          user: grant.mailbox,
        }),
      );
    }
    return out;
  },
};
