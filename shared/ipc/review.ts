import { z } from 'zod';
import { channel } from './channel.ts';
import {
  CountResult,
  ExportFormat,
  HistogramRequest,
  HistogramResult,
  PageRequest,
  PageResult,
  RecordDetail,
  RecordFilter,
  RecordNote,
  RelatedRequest,
  RelatedResult,
  SavedSearch,
  WindowRequest,
  WindowResult,
} from '../model/evidence.ts';

const RecordId = z.strictObject({ id: z.number().int() });
const Tag = z.string().min(1).max(100);

/** Offline review of the active tenant's evidence store (Audit and Sign-ins views). */
export const reviewChannels = {
  'review.page': channel(PageRequest, PageResult),
  'review.window': channel(WindowRequest, WindowResult),
  'review.count': channel(z.strictObject({ filter: RecordFilter }), CountResult),
  'review.histogram': channel(HistogramRequest, HistogramResult),
  'review.record': channel(RecordId, RecordDetail),
  'review.related': channel(RelatedRequest, RelatedResult),
  'review.savedSearches.list': channel(z.strictObject({}), z.array(SavedSearch)),
  'review.savedSearches.save': channel(z.strictObject({ name: z.string().min(1).max(100), filter: RecordFilter }), SavedSearch),
  'review.savedSearches.delete': channel(RecordId, z.object({ deleted: z.boolean() })),
  'review.tags.add': channel(z.strictObject({ id: z.number().int(), tag: Tag }), z.object({ tags: z.array(z.string()) })),
  'review.tags.remove': channel(z.strictObject({ id: z.number().int(), tag: Tag }), z.object({ tags: z.array(z.string()) })),
  'review.notes.add': channel(z.strictObject({ id: z.number().int(), text: z.string().min(1).max(10_000) }), RecordNote),
  'review.notes.update': channel(z.strictObject({ noteId: z.number().int(), text: z.string().min(1).max(10_000) }), RecordNote),
  'review.notes.delete': channel(z.strictObject({ noteId: z.number().int() }), z.object({ deleted: z.boolean() })),
  /** Main asks where to save (a dialog); the renderer never names a path. */
  'review.export': channel(z.strictObject({ filter: RecordFilter, format: ExportFormat }), z.object({ file: z.string().nullable(), records: z.number().int() })),
};
