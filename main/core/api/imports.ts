import path from 'node:path';
import { WardenError } from '../../../shared/errors.ts';
import type { WardenEvents } from '../../../shared/ipc/events.ts';
import { IMPORT_CHUNK_BYTES, type importChannels, type ImportSummary } from '../../../shared/ipc/imports.ts';
import { storeLocationFor } from '../evidenceStores.ts';
import { ImportError, importFile, type FileImportResult } from '../importers/importFile.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import type { Emit } from '../ipc/emitter.ts';
import type { Logger } from '../log.ts';
import type { Services } from '../services.ts';
import { openStore, type EvidenceStore } from '../store/openStore.ts';
import { UploadSessions, type Upload } from './uploadSessions.ts';

/** A connection to the store an import writes into, closed when the import ends. */
export interface ImportTarget {
  store: EvidenceStore;
  profileId: string;
  close(): void;
}

export interface ImportApiDeps {
  dataDir: string;
  /**
   * Opens the active profile's store on a connection of its own. An import is one long transaction
   * (all or nothing per file); on the shared connection, the views would read its records before
   * they are committed, and a tag added meanwhile would roll back with a failed import.
   */
  openTarget(): Promise<ImportTarget>;
  emit: Emit<WardenEvents>;
  log: Logger;
}

/** The import target of the app: the active profile's store (a "local" offline profile when there is none). */
export function activeImportTarget(services: Pick<Services, 'profiles' | 'stores' | 'vault' | 'options'>): ImportApiDeps['openTarget'] {
  return async () => {
    // Creates the local profile when there is none, and migrates the store on the shared connection.
    await services.stores.active();
    const profile = services.profiles.active()!;
    const location = await storeLocationFor(profile, services.options.dataDir, services.vault);
    const store = openStore({ file: location.file, key: location.key, log: services.options.log });
    return { store, profileId: profile.id, close: () => store.close() };
  };
}

function summarize(fileName: string, result: FileImportResult): ImportSummary {
  return {
    fileName,
    formats: result.formats,
    read: result.read,
    inserted: result.inserted,
    duplicates: result.duplicates,
    minTimeMs: result.minTimeMs,
    maxTimeMs: result.maxTimeMs,
    notes: result.notes,
  };
}

/**
 * The importer's errors name the file it read: here, the temporary copy. The user knows the file by
 * its own name, so messages name that instead (file, line and reason, as `warden import` says them).
 */
function asUserError(error: unknown, tempFile: string, fileName: string): unknown {
  if (error instanceof ImportError) {
    return new WardenError('invalid-input', `${fileName}:${error.line}: ${error.reason}. Nothing from this file was imported.`);
  }
  if (error instanceof WardenError) return new WardenError(error.code, error.message.split(tempFile).join(fileName));
  return error;
}

export function importHandlers(deps: ImportApiDeps): Handlers<typeof importChannels> {
  const uploads = new UploadSessions(path.join(deps.dataDir, 'imports'));
  uploads.removeLeftovers();
  // One import at a time: each holds the store's write lock for its whole file.
  let queue: Promise<unknown> = Promise.resolve();

  const runImport = async (upload: Upload): Promise<ImportSummary> => {
    const uploadId = upload.id;
    const progress = (done: number, total: number, records: number) =>
      deps.emit('import.progress', { uploadId, fileName: upload.fileName, phase: 'importing', done, total, records });
    let target: ImportTarget | null = null;
    try {
      progress(0, upload.size, 0);
      target = await deps.openTarget();
      const result = await importFile(target.store, upload.file, { onProgress: (p) => progress(p.bytesRead, p.totalBytes, p.records) });
      deps.log.info('file imported from the app', { file: upload.fileName, read: result.read, inserted: result.inserted });
      deps.emit('evidence.changed', { profileId: target.profileId });
      return summarize(upload.fileName, result);
    } catch (error) {
      throw asUserError(error, upload.file, upload.fileName);
    } finally {
      target?.close();
      await uploads.discard(uploadId);
    }
  };

  return {
    'import.begin': async ({ fileName, size }) => {
      const upload = await uploads.begin(fileName, size);
      return { uploadId: upload.id, chunkBytes: IMPORT_CHUNK_BYTES };
    },
    'import.chunk': async ({ uploadId, offset, bytes }) => {
      const upload = await uploads.write(uploadId, offset, bytes);
      deps.emit('import.progress', { uploadId, fileName: upload.fileName, phase: 'uploading', done: upload.received, total: upload.size, records: 0 });
      return { received: upload.received };
    },
    'import.finish': async ({ uploadId }) => {
      // Complete now (every byte arrived, the file is closed), then wait for earlier imports.
      const upload = await uploads.complete(uploadId);
      const run = queue.then(() => runImport(upload));
      queue = run.catch(() => {});
      return run;
    },
    'import.cancel': async ({ uploadId }) => {
      // An import already running cannot be stopped halfway; it lands entirely or not at all.
      if (uploads.isComplete(uploadId)) return { cancelled: false };
      return { cancelled: await uploads.discard(uploadId) };
    },
  };
}
