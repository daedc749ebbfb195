import { WardenError } from '../../../shared/errors.ts';
import type { reviewChannels } from '../../../shared/ipc/review.ts';
import type { HistogramResult } from '../../../shared/model/evidence.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import type { Logger } from '../log.ts';
import { addNote, addTag, deleteNote, removeTag, updateNote } from '../review/annotations.ts';
import { timelineHistogram } from '../review/histogram.ts';
import { countRecords, queryPage, queryWindow } from '../review/queryRecords.ts';
import { recordDetail } from '../review/recordDetail.ts';
import { relatedRecords } from '../review/relatedRecords.ts';
import { deleteSavedSearch, listSavedSearches, saveSearch } from '../review/savedSearches.ts';
import type { Services } from '../services.ts';
import type { EvidenceStore } from '../store/openStore.ts';
import { coverageStrip } from './reviewCoverage.ts';
import { exportToChosenFile, type ChooseExportFile } from './reviewExport.ts';

export interface ReviewApiDeps {
  /**
   * The active profile's evidence store. With `create: false` it may answer null: no profile exists
   * yet, so nothing is stored, and looking must not create a profile, a key and a store file.
   */
  store(options: { create: boolean }): Promise<EvidenceStore | null>;
  /** Asks the user where to save an export (Electron's save dialog); null when the user cancels. */
  chooseExportFile: ChooseExportFile | null;
  log: Logger;
}

/** The review store of the app: the active profile's, opened by services.stores. */
export function activeReviewStore(services: Pick<Services, 'profiles' | 'stores'>): ReviewApiDeps['store'] {
  return async ({ create }) => {
    if (!create && services.profiles.list().length === 0) return null;
    return services.stores.active();
  };
}

const NOTHING_STORED = 'Nothing is stored yet: import a log file or collect from a tenant first.';

/**
 * SQLite answers SQLITE_BUSY when another connection (an import, a collection job, the CLI) holds
 * the write lock past busy_timeout. That is a moment's wait for the user, not an internal failure.
 */
function busyAsUnavailable(error: unknown): never {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) {
    throw new WardenError('unavailable', 'The evidence store is busy writing (an import or a collection); try again in a moment.');
  }
  throw error;
}

/**
 * Bucket starts on bucket edges, counts summed. timelineHistogram's GROUP BY divides with bound
 * JavaScript numbers, which SQLite receives as REAL, so outside the hourly rollup it answers one
 * "bucket" per distinct timestamp (reported to the store's owner). Aligning here keeps the contract's
 * meaning either way; once the query is fixed this changes nothing.
 */
export function alignBuckets(result: HistogramResult): HistogramResult {
  if (result.fromMs === null) return result;
  const { fromMs, bucketMs } = result;
  const counts = new Map<number, number>();
  for (const { startMs, count } of result.buckets) {
    const start = fromMs + Math.floor((startMs - fromMs) / bucketMs) * bucketMs;
    counts.set(start, (counts.get(start) ?? 0) + count);
  }
  return { ...result, buckets: [...counts].sort((a, b) => a[0] - b[0]).map(([startMs, count]) => ({ startMs, count })) };
}

export function reviewHandlers(deps: ReviewApiDeps): Handlers<typeof reviewChannels> {
  /** Runs a read over the store; with nothing stored, answers `empty` instead. */
  const read = async <T>(empty: T, work: (store: EvidenceStore) => T | Promise<T>): Promise<T> => {
    const store = await deps.store({ create: false });
    if (!store) return empty;
    try {
      return await work(store);
    } catch (error) {
      return busyAsUnavailable(error);
    }
  };
  /** Runs work that needs an existing record: with nothing stored, the record is not there either. */
  const onRecord = async <T>(work: (store: EvidenceStore) => T): Promise<T> => {
    const store = await deps.store({ create: false });
    if (!store) throw new WardenError('not-found', NOTHING_STORED);
    try {
      return work(store);
    } catch (error) {
      return busyAsUnavailable(error);
    }
  };

  return {
    'review.page': (request) => read({ rows: [], next: null }, (store) => queryPage(store, request)),
    'review.window': (request) => read({ offset: request.offset, rows: [] }, (store) => queryWindow(store, request)),
    'review.count': ({ filter }) => read({ count: 0, exact: true }, (store) => countRecords(store, filter)),
    'review.histogram': (request) =>
      read({ bucketMs: 3_600_000, fromMs: null, buckets: [], withoutTime: 0 }, (store) => alignBuckets(timelineHistogram(store, request))),
    'review.coverage': (request) =>
      read({ fromMs: request.fromMs ?? null, toMs: request.toMs ?? null, bucketMs: 3_600_000, sources: [], hiddenSources: [] }, (store) =>
        coverageStrip(store, request),
      ),
    'review.record': ({ id }) => onRecord((store) => recordDetail(store, id)),
    'review.related': (request) => onRecord((store) => relatedRecords(store, request)),
    'review.savedSearches.list': () => read([], (store) => listSavedSearches(store)),
    'review.savedSearches.save': async ({ name, filter }) => {
      const store = await deps.store({ create: true });
      try {
        return saveSearch(store!, name, filter);
      } catch (error) {
        return busyAsUnavailable(error);
      }
    },
    'review.savedSearches.delete': ({ id }) => read({ deleted: false }, (store) => ({ deleted: deleteSavedSearch(store, id) })),
    'review.tags.add': ({ id, tag }) => onRecord((store) => ({ tags: addTag(store, id, tag) })),
    'review.tags.remove': ({ id, tag }) => onRecord((store) => ({ tags: removeTag(store, id, tag) })),
    'review.notes.add': ({ id, text }) => onRecord((store) => addNote(store, id, text)),
    'review.notes.update': ({ noteId, text }) => onRecord((store) => updateNote(store, noteId, text)),
    'review.notes.delete': ({ noteId }) => read({ deleted: false }, (store) => ({ deleted: deleteNote(store, noteId) })),
    'review.export': async ({ filter, format }) => {
      if (!deps.chooseExportFile) throw new WardenError('unavailable', 'This build of Warden cannot ask where to save an export.');
      const store = await deps.store({ create: false });
      if (!store) throw new WardenError('not-found', NOTHING_STORED);
      try {
        return await exportToChosenFile(store, filter, format, deps.chooseExportFile, deps.log);
      } catch (error) {
        return busyAsUnavailable(error);
      }
    },
  };
}
