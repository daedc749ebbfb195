import path from 'node:path';
import { WardenError } from '../../../shared/errors.ts';
import type { JournalEntry, JournalExportFormat } from '../../../shared/model/adminChanges.ts';
import { atomicWriteFile } from '../fs/atomicWriteFile.ts';
import { csvCell } from '../review/exportRecords.ts';
import type { JournalRepository } from './journalRepository.ts';

const CSV_COLUMNS = [
  'id',
  'at',
  'actor',
  'kind',
  'title',
  'target',
  'reason',
  'result',
  'error',
  'before',
  'after',
  'cmdlets',
  'auditStatus',
  'auditRecordId',
  'auditRecordTime',
  'undoOf',
  'undoneBy',
] as const;

/** The journal as CSV (one change per row; before and after as "field: value" lines) or as a JSON array. */
export function journalText(entries: readonly JournalEntry[], format: JournalExportFormat): string {
  if (format === 'json') return `${JSON.stringify(entries, null, 2)}\n`;
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of entries) {
    const values: Record<(typeof CSV_COLUMNS)[number], unknown> = {
      id: e.id,
      at: e.at,
      actor: e.actor,
      kind: e.kind,
      title: e.title,
      target: e.target,
      reason: e.reason,
      result: e.result,
      error: e.error,
      before: e.fields.map((f) => `${f.field}: ${f.before}`).join('\n'),
      after: e.fields.map((f) => `${f.field}: ${f.after}`).join('\n'),
      cmdlets: e.calls.map((c) => c.cmdlet).join(';'),
      auditStatus: e.audit.status,
      auditRecordId: e.audit.recordId,
      auditRecordTime: e.audit.recordTime,
      undoOf: e.undoOf,
      undoneBy: e.undoneBy,
    };
    lines.push(CSV_COLUMNS.map((c) => csvCell(values[c])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** e.g. warden-journal-20240102-1345.csv (UTC), so exports sort by when they were made. */
export function suggestedJournalName(format: JournalExportFormat, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `warden-journal-${stamp}.${format}`;
}

/**
 * Asks where to save (the desktop app's save dialog: the renderer never names a path), then writes the
 * whole journal there at once (temporary file, then rename), oldest change first.
 */
export async function exportJournal(
  journal: JournalRepository,
  format: JournalExportFormat,
  choose: (suggestedName: string) => Promise<string | null>,
): Promise<{ file: string | null; entries: number }> {
  const file = await choose(suggestedJournalName(format));
  if (file === null) return { file: null, entries: 0 };
  if (!path.isAbsolute(file)) throw new WardenError('internal', 'The save dialog answered a path that is not absolute.');
  const entries = journal.list({ limit: Number.MAX_SAFE_INTEGER }).reverse();
  try {
    await atomicWriteFile(file, journalText(entries, format));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'ENOENT' || code === 'EROFS' || code === 'ENOSPC' || code === 'ENOTDIR') {
      throw new WardenError('not-allowed', `Could not write the journal to ${file}: ${(error as Error).message}`);
    }
    throw error;
  }
  return { file, entries: entries.length };
}
