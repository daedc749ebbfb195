import { z } from 'zod';
import { channel } from './channel.ts';
import { JournalEntry, JournalExportFormat, Reason } from '../model/adminChanges.ts';

const EntryId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** The change journal of the active tenant: list, undo, audit proof, export. */
export const journalChannels = {
  'journal.list': channel(
    z.strictObject({ limit: z.number().int().min(1).max(1000).default(200), offset: z.number().int().min(0).default(0) }),
    z.object({ entries: z.array(JournalEntry), total: z.number().int() }),
  ),
  /** Undoes a change by making its inverse (itself previewed against Exchange, and journaled). */
  'journal.undo': channel(z.strictObject({ id: EntryId, reason: Reason }), JournalEntry),
  /** Looks for the audit records of changes still waiting for one. */
  'journal.verify': channel(
    z.strictObject({}),
    z.object({ checked: z.number().int(), verified: z.number().int(), missing: z.number().int(), error: z.string().nullable() }),
  ),
  /** Saves the journal where the user chooses (main asks; the renderer never names a path). `file` is null when cancelled. */
  'journal.export': channel(z.strictObject({ format: JournalExportFormat }), z.object({ file: z.string().nullable(), entries: z.number().int() })),
};
