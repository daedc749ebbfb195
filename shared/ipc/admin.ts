import { z } from 'zod';
import { channel } from './channel.ts';
import { ApplyRequest, ChangePreview, ChangeRequest, JournalEntry } from '../model/adminChanges.ts';
import {
  AuditConfigView,
  InventoryScope,
  MailboxDetail,
  MailboxPage,
  MailboxPageRequest,
  MailboxSummary,
  RolesOverview,
  SnapshotDiff,
  SnapshotInfo,
} from '../model/adminInventory.ts';

/** Snapshot ids (SQLite rowids). */
const SnapshotId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/**
 * The active tenant's inventories (Mailboxes and Roles views) and admin changes. Reads come from the
 * latest complete snapshot in the store; previews read Exchange live; applying a change journals it.
 */
export const adminChannels = {
  'admin.mailboxes.summary': channel(z.strictObject({}), MailboxSummary),
  /** A page of the mailbox list, filtered; the view asks for the rows it shows, never for all of them. */
  'admin.mailboxes.page': channel(MailboxPageRequest, MailboxPage),
  'admin.mailboxes.detail': channel(z.strictObject({ identity: z.string().min(1).max(200) }), MailboxDetail),
  'admin.roles.overview': channel(z.strictObject({}), RolesOverview),
  'admin.auditConfig': channel(z.strictObject({}), AuditConfigView),
  'admin.snapshots.list': channel(z.strictObject({ scope: InventoryScope }), z.array(SnapshotInfo)),
  /** What changed between two snapshots (by default the latest and the one before it). */
  'admin.snapshots.diff': channel(
    z.strictObject({ scope: InventoryScope, to: SnapshotId.optional(), from: SnapshotId.optional(), limit: z.number().int().min(1).max(5000).optional() }),
    SnapshotDiff,
  ),
  /** Reads the target live and says what a change would do; changes nothing. */
  'admin.changes.preview': channel(z.strictObject({ change: ChangeRequest }), ChangePreview),
  /** Makes a previewed change (the token proves the preview is current) and returns its journal entry. */
  'admin.changes.apply': channel(ApplyRequest, JournalEntry),
};
