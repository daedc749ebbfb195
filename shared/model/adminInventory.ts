import { z } from 'zod';

/**
 * What the Mailboxes and Roles views read from inventory snapshots (taken by the inventory jobs), and what
 * a snapshot diff says changed. Shared by main (which parses requests with these schemas) and the renderer.
 */

export const InventoryScope = z.enum(['mailboxes', 'roles', 'audit-config']);
export type InventoryScope = z.infer<typeof InventoryScope>;

/** Which snapshot a view shows: when it was taken and by which job. */
export const SnapshotInfo = z.object({
  id: z.number().int(),
  scope: InventoryScope,
  jobId: z.number().int(),
  startedAt: z.string(),
  completedAt: z.string(),
  items: z.number().int(),
});
export type SnapshotInfo = z.infer<typeof SnapshotInfo>;

const SearchText = z.string().max(200);

/** Mailbox list filters; every one that is set must hold. */
export const MailboxFilter = z.strictObject({
  /** Matches display name, UPN, alias or any address (case-insensitive substring). */
  search: SearchText.optional(),
  /** RecipientTypeDetails, e.g. UserMailbox, SharedMailbox. */
  type: z.string().min(1).max(100).optional(),
  forwarding: z.boolean().optional(),
  auditOff: z.boolean().optional(),
  hasDelegates: z.boolean().optional(),
  suspiciousRules: z.boolean().optional(),
});
export type MailboxFilter = z.infer<typeof MailboxFilter>;

/** One row of the Mailboxes list: a few columns, never the whole cmdlet object. */
export const MailboxRow = z.object({
  identity: z.string(),
  displayName: z.string(),
  upn: z.string(),
  primarySmtpAddress: z.string(),
  type: z.string(),
  /** Where mail is forwarded (ForwardingSmtpAddress, else ForwardingAddress), or null. */
  forwarding: z.string().nullable(),
  forwardingExternal: z.boolean(),
  auditEnabled: z.boolean(),
  litigationHold: z.boolean(),
  /** People with rights on the mailbox (FullAccess and other explicit grants, send-on-behalf); null when not collected. */
  delegates: z.number().int().nullable(),
  /** Inbox rules that forward outside the organization or delete mail; null when not collected. */
  suspiciousRules: z.number().int().nullable(),
  /** POP or IMAP enabled (from Get-CASMailbox); null when not collected. */
  legacyProtocols: z.boolean().nullable(),
});
export type MailboxRow = z.infer<typeof MailboxRow>;

export const MailboxPageRequest = z.strictObject({
  filter: MailboxFilter.default({}),
  offset: z.number().int().min(0).max(10_000_000),
  limit: z.number().int().min(1).max(500),
});
export type MailboxPageRequest = z.input<typeof MailboxPageRequest>;

export const MailboxPage = z.object({
  snapshot: SnapshotInfo.nullable(),
  /** Rows matching the filter. */
  total: z.number().int(),
  offset: z.number().int(),
  rows: z.array(MailboxRow),
});
export type MailboxPage = z.infer<typeof MailboxPage>;

/** The header of the Mailboxes view: how many, of which types, and what the snapshot holds. */
export const MailboxSummary = z.object({
  snapshot: SnapshotInfo.nullable(),
  total: z.number().int(),
  types: z.array(z.object({ type: z.string(), count: z.number().int() })),
  forwarding: z.number().int(),
  auditOff: z.number().int(),
  /** Permissions and inbox rules were collected (an inventory with details). */
  details: z.boolean(),
  delegated: z.number().int(),
  suspicious: z.number().int(),
});
export type MailboxSummary = z.infer<typeof MailboxSummary>;

export const InboxRuleView = z.object({
  name: z.string(),
  enabled: z.boolean(),
  description: z.string(),
  forwardTo: z.array(z.string()),
  /** Forward, forward-as-attachment and redirect targets outside the organization's domains. */
  externalTargets: z.array(z.string()),
  deletes: z.boolean(),
  moveToFolder: z.string().nullable(),
  markAsRead: z.boolean(),
  /** Why the rule is highlighted; empty when it is not. */
  risks: z.array(z.string()),
});
export type InboxRuleView = z.infer<typeof InboxRuleView>;

export const MailboxPermissionView = z.object({
  user: z.string(),
  accessRights: z.array(z.string()),
  inherited: z.boolean(),
  deny: z.boolean(),
});
export type MailboxPermissionView = z.infer<typeof MailboxPermissionView>;

export const MailboxDetail = z.object({
  snapshot: SnapshotInfo,
  row: MailboxRow,
  /** Selected Get-Mailbox properties, as Exchange gave them. */
  properties: z.array(z.object({ name: z.string(), value: z.string() })),
  protocols: z.array(z.object({ name: z.string(), enabled: z.boolean() })).nullable(),
  permissions: z.array(MailboxPermissionView).nullable(),
  sendOnBehalf: z.array(z.string()),
  inboxRules: z.array(InboxRuleView).nullable(),
});
export type MailboxDetail = z.infer<typeof MailboxDetail>;

export const RoleMember = z.object({ name: z.string(), id: z.string(), upn: z.string().nullable(), type: z.string() });
export type RoleMember = z.infer<typeof RoleMember>;

export const RoleAssignmentView = z.object({
  name: z.string(),
  role: z.string(),
  assignee: z.string(),
  assigneeType: z.string(),
  method: z.string(),
  enabled: z.boolean(),
  recipientWriteScope: z.string(),
  configWriteScope: z.string(),
});
export type RoleAssignmentView = z.infer<typeof RoleAssignmentView>;

export const RoleGroupView = z.object({
  identity: z.string(),
  name: z.string(),
  description: z.string(),
  members: z.array(RoleMember),
  roles: z.array(z.string()),
  assignments: z.array(RoleAssignmentView),
  /** Every cmdlet the group's roles grant; null when the inventory could not read role entries. */
  cmdlets: z.array(z.string()).nullable(),
  broad: z.boolean(),
});
export type RoleGroupView = z.infer<typeof RoleGroupView>;

export const PrivilegeHint = z.object({
  severity: z.enum(['warning', 'info']),
  group: z.string().nullable(),
  member: z.string().nullable(),
  text: z.string(),
});
export type PrivilegeHint = z.infer<typeof PrivilegeHint>;

export const RolesOverview = z.object({
  snapshot: SnapshotInfo.nullable(),
  groups: z.array(RoleGroupView),
  /** Role assignments made to a user or an app directly, outside any role group. */
  directAssignments: z.array(RoleAssignmentView),
  hints: z.array(PrivilegeHint),
});
export type RolesOverview = z.infer<typeof RolesOverview>;

/** One audit setting and whether it is as it should be. */
export const AuditSetting = z.object({
  id: z.string(),
  label: z.string(),
  value: z.string(),
  state: z.enum(['ok', 'warning', 'unknown']),
  explanation: z.string(),
});
export type AuditSetting = z.infer<typeof AuditSetting>;

export const AuditConfigView = z.object({
  snapshot: SnapshotInfo.nullable(),
  settings: z.array(AuditSetting),
  /** Accounts whose mailbox access is not audited at all (AuditBypassEnabled). */
  bypassed: z.array(z.string()),
  /** Mailboxes with AuditEnabled false (from the mailbox snapshot), the first ones. */
  mailboxesAuditOff: z.array(z.string()),
  mailboxesAuditOffTotal: z.number().int().nullable(),
  ingestionEnabled: z.boolean().nullable(),
});
export type AuditConfigView = z.infer<typeof AuditConfigView>;

export const FieldChange = z.object({ field: z.string(), before: z.string(), after: z.string() });
export type FieldChange = z.infer<typeof FieldChange>;

export const DiffEntry = z.object({
  change: z.enum(['added', 'removed', 'changed']),
  type: z.string(),
  identity: z.string(),
  /** A name for people (display name, role group name...). */
  label: z.string(),
  fields: z.array(FieldChange),
});
export type DiffEntry = z.infer<typeof DiffEntry>;

/** What changed between two snapshots of one scope. */
export const SnapshotDiff = z.object({
  scope: InventoryScope,
  from: SnapshotInfo.nullable(),
  to: SnapshotInfo.nullable(),
  counts: z.array(z.object({ type: z.string(), added: z.number().int(), removed: z.number().int(), changed: z.number().int() })),
  entries: z.array(DiffEntry),
  /** More entries than were listed. */
  truncated: z.boolean(),
});
export type SnapshotDiff = z.infer<typeof SnapshotDiff>;
