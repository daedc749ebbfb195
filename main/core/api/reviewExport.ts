import { randomUUID } from 'node:crypto';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { WardenError } from '../../../shared/errors.ts';
import type { ExportFormat, RecordFilter } from '../../../shared/model/evidence.ts';
import type { Logger } from '../log.ts';
import { exportRecords } from '../review/exportRecords.ts';
import type { EvidenceStore } from '../store/openStore.ts';

/** Asks the user where to save (the desktop app's save dialog); null when the user cancels. */
export type ChooseExportFile = (suggestedName: string) => Promise<string | null>;

/** e.g. warden-audit-20240102-1345.csv (UTC), so exports sort by when they were made. */
export function suggestedExportName(filter: RecordFilter, format: ExportFormat, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `warden-${filter.kind === 'signin' ? 'signins' : 'audit'}-${stamp}.${format}`;
}

/**
 * Asks where to save, then streams every matching record there. The export is written to a hidden
 * file beside the target and renamed when complete, so a failed or interrupted export never leaves
 * a truncated file under the name the user chose (which a reviewer might later take as complete).
 */
export async function exportToChosenFile(
  store: EvidenceStore,
  filter: RecordFilter,
  format: ExportFormat,
  choose: ChooseExportFile,
  log: Logger,
): Promise<{ file: string | null; records: number }> {
  const file = await choose(suggestedExportName(filter, format));
  if (file === null) return { file: null, records: 0 };
  if (!path.isAbsolute(file)) throw new WardenError('internal', 'The save dialog answered a path that is not absolute.');
  const partial = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.partial`);
  const out = createWriteStream(partial, { mode: 0o600 });
  try {
    const opened = new Promise<void>((resolve, reject) => out.once('open', () => resolve()).once('error', reject));
    await opened;
    const records = await exportRecords(store, filter, format, out);
    out.end();
    await finished(out);
    renameSync(partial, file);
    log.info('records exported', { format, records });
    return { file, records };
  } catch (error) {
    out.destroy();
    try {
      rmSync(partial, { force: true });
    } catch {
      // The folder itself is unusable (the error below says so); there is no partial file to remove.
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'ENOENT' || code === 'EROFS' || code === 'ENOSPC' || code === 'ENOTDIR') {
      throw new WardenError('not-allowed', `Could not write the export to ${file}: ${(error as Error).message}`);
    }
    throw error;
  }
}
