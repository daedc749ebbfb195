import { z } from 'zod';
import { channel } from './channel.ts';
import { IMPORT_CHUNK_BYTES, MAX_IMPORT_FILE_BYTES } from './importLimits.ts';

/**
 * Importing log files from the app (drag-and-drop or "Import files..."). The sandboxed renderer has
 * no file paths, so it streams each file's bytes in chunks into a temporary file main owns; main
 * then imports that file with the same importer as `warden import` (all or nothing per file).
 *
 * begin → chunk, chunk, ... (in order) → finish (imports, deletes the temporary file) | cancel.
 */

export { IMPORT_CHUNK_BYTES, MAX_IMPORT_FILE_BYTES };

const UploadId = z.uuid();
const UploadRef = z.strictObject({ uploadId: UploadId });

export const ImportSummary = z.object({
  fileName: z.string(),
  /** Records read per shape (ual, la-signin, ...). */
  formats: z.record(z.string(), z.number().int()),
  read: z.number().int(),
  inserted: z.number().int(),
  /** Records the store already held (re-importing a file adds nothing). */
  duplicates: z.number().int(),
  minTimeMs: z.number().int().nullable(),
  maxTimeMs: z.number().int().nullable(),
  notes: z.array(z.object({ note: z.string(), records: z.number().int() })),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const importChannels = {
  /** Announces a file; main makes room for it. `fileName` is only a name: any folder part is dropped. */
  'import.begin': channel(
    z.strictObject({ fileName: z.string().min(1).max(255), size: z.number().int().min(1).max(MAX_IMPORT_FILE_BYTES) }),
    z.object({ uploadId: UploadId, chunkBytes: z.number().int() }),
  ),
  /** The next bytes of the file: `offset` must be where the previous chunk ended. */
  'import.chunk': channel(
    z.strictObject({
      uploadId: UploadId,
      offset: z.number().int().min(0).max(MAX_IMPORT_FILE_BYTES),
      bytes: z
        .instanceof(Uint8Array)
        .refine((b) => b.byteLength > 0 && b.byteLength <= IMPORT_CHUNK_BYTES, `a chunk holds 1 byte to ${IMPORT_CHUNK_BYTES} bytes`),
    }),
    z.object({ received: z.number().int() }),
  ),
  /** Imports the complete file into the active profile's store and deletes the temporary copy. */
  'import.finish': channel(UploadRef, ImportSummary),
  /** Drops an upload and its temporary file. */
  'import.cancel': channel(UploadRef, z.object({ cancelled: z.boolean() })),
};
