import { getCasMailbox, getExoCasMailbox, setCasMailbox } from './casMailbox.ts';
import { getHostedOutboundSpamFilterPolicy, getRemoteDomain, setHostedOutboundSpamFilterPolicy, setRemoteDomain } from './externalForwarding.ts';
import { getInboxRule } from './inboxRules.ts';
import { getExoMailbox, getMailbox, setMailbox } from './mailbox.ts';
import {
  getAdminAuditLogConfig,
  getMailboxAuditBypassAssociation,
  getOrganizationConfig,
  getTransportConfig,
  setAdminAuditLogConfig,
  setMailboxAuditBypassAssociation,
  setOrganizationConfig,
  setTransportConfig,
} from './organization.ts';
import { addMailboxPermission, getExoMailboxPermission, getMailboxPermission, getRecipientPermission, removeMailboxPermission } from './permissions.ts';
import { addRoleGroupMember, getManagementRoleAssignment, getManagementRoleEntry, getRoleGroup, getRoleGroupMember, removeRoleGroupMember } from './roleGroups.ts';
import { searchUnifiedAuditLog } from './searchUnifiedAuditLog.ts';
import type { CmdletDefinition } from './types.ts';

const ALL: CmdletDefinition[] = [
  getMailbox,
  getExoMailbox,
  setMailbox,
  getCasMailbox,
  getExoCasMailbox,
  setCasMailbox,
  getMailboxPermission,
  getExoMailboxPermission,
  addMailboxPermission,
  removeMailboxPermission,
  getRecipientPermission,
  getInboxRule,
  getRoleGroup,
  getRoleGroupMember,
  addRoleGroupMember,
  removeRoleGroupMember,
  getManagementRoleAssignment,
  getManagementRoleEntry,
  getAdminAuditLogConfig,
  setAdminAuditLogConfig,
  getOrganizationConfig,
  setOrganizationConfig,
  getTransportConfig,
  setTransportConfig,
  getMailboxAuditBypassAssociation,
  setMailboxAuditBypassAssociation,
  getRemoteDomain,
  setRemoteDomain,
  getHostedOutboundSpamFilterPolicy,
  setHostedOutboundSpamFilterPolicy,
  searchUnifiedAuditLog,
];

/** The cmdlets the emulator serves, by lower-case name (PowerShell names are case-insensitive). */
export const CMDLETS: ReadonlyMap<string, CmdletDefinition> = new Map(ALL.map((c) => [c.name.toLowerCase(), c]));
