import type { ChangeRequest } from '../../../shared/model/adminChanges.ts';
import { enableIngestion } from './auditChanges.ts';
import type { ChangeDefinition } from './changeDefinition.ts';
import { addFullAccess, clearForwarding, enableMailboxAudit, removeFullAccess, restoreForwarding, setForwarding } from './mailboxChanges.ts';
import { addRoleGroupMember, removeRoleGroupMember } from './roleMembership.ts';

const DEFINITIONS: { [K in ChangeRequest['kind']]: ChangeDefinition<K> } = {
  'roleGroup.addMember': addRoleGroupMember,
  'roleGroup.removeMember': removeRoleGroupMember,
  'mailbox.setForwarding': setForwarding,
  'mailbox.clearForwarding': clearForwarding,
  'mailbox.restoreForwarding': restoreForwarding,
  'mailbox.addFullAccess': addFullAccess,
  'mailbox.removeFullAccess': removeFullAccess,
  'mailbox.enableAudit': enableMailboxAudit,
  'audit.enableIngestion': enableIngestion,
};

/** The definition of a change kind (every kind of ChangeRequest has one: a missing one is a compile error). */
export function definitionOf(kind: ChangeRequest['kind']): ChangeDefinition {
  return DEFINITIONS[kind] as unknown as ChangeDefinition;
}
