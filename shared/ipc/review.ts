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

/** Row ids of the store (SQLite rowids): positive and exact in a double. */
const Id = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const RecordId = z.strictObject({ id: Id });
const Tag = z.string().trim().min(1).max(100);
const NoteText = z.string().min(1).max(10_000);

/** Times the renderer may name: years 1 to 9999, so every bound is a valid Date on both sides. */
const EARLIEST_MS = -62_135_596_800_000;
const LATEST_MS = 253_402_300_799_999;
const inTimeRange = (t: number | undefined) => t === undefined || (t >= EARLIEST_MS && t <= LATEST_MS);

/**
 * RecordFilter as the renderer may send it: times within years 1-9999 and a range that ends after
 * it starts. (A reversed range would quietly match nothing; the user should hear why instead.)
 */
export const ReviewFilter = RecordFilter.refine((f) => inTimeRange(f.fromMs) && inTimeRange(f.toMs), {
  message: 'times must fall between the years 1 and 9999',
  path: ['fromMs'],
}).refine((f) => f.fromMs === undefined || f.toMs === undefined || f.fromMs < f.toMs, {
  message: 'the time range must end after it starts',
  path: ['toMs'],
});

/** At most this many buckets when the renderer names a bucket width (the server picks one otherwise). */
export const MAX_HISTOGRAM_BUCKETS = 2000;

const ReviewHistogramRequest = HistogramRequest.extend({ filter: ReviewFilter }).refine(
  (r) =>
    r.bucketMs === undefined ||
    (r.filter.fromMs !== undefined && r.filter.toMs !== undefined && (r.filter.toMs - r.filter.fromMs) / r.bucketMs <= MAX_HISTOGRAM_BUCKETS),
  { message: `a bucket width needs a time range of at most ${MAX_HISTOGRAM_BUCKETS} buckets`, path: ['bucketMs'] },
);

/** The completeness ledger's statuses per time bucket; 'unknown' where no window covers the bucket. */
export const CoverageStatus = z.enum(['complete', 'partial', 'gap', 'past-retention', 'pending', 'unknown']);
export type CoverageStatus = z.infer<typeof CoverageStatus>;

export const CoverageRequest = z
  .strictObject({
    /** UTC epoch ms; without a range, the span of everything the ledger holds. */
    fromMs: z.number().int().min(EARLIEST_MS).max(LATEST_MS).optional(),
    toMs: z.number().int().min(EARLIEST_MS).max(LATEST_MS).optional(),
    /** About this many cells per source; each cell is a whole number of hours. */
    buckets: z.number().int().min(10).max(400).default(120),
  })
  .refine((r) => r.fromMs === undefined || r.toMs === undefined || r.fromMs < r.toMs, {
    message: 'the time range must end after it starts',
    path: ['toMs'],
  });
export type CoverageRequest = z.input<typeof CoverageRequest>;

const HoursByStatus = z.object(Object.fromEntries(CoverageStatus.options.map((s) => [s, z.number()])) as Record<CoverageStatus, z.ZodNumber>);

export const SourceCoverage = z.object({
  source: z.string(),
  cells: z.array(
    z.object({
      startMs: z.number().int(),
      endMs: z.number().int(),
      status: CoverageStatus,
      expected: z.number().int().nullable(),
      received: z.number().int(),
    }),
  ),
  /** Hours of the range in each status. */
  hours: HoursByStatus,
});
export type SourceCoverage = z.infer<typeof SourceCoverage>;

export const CoverageResult = z.object({
  /** Null when the ledger is empty and no range was asked for. */
  fromMs: z.number().int().nullable(),
  toMs: z.number().int().nullable(),
  bucketMs: z.number().int(),
  sources: z.array(SourceCoverage),
  /** Sources with windows in the range that were left out to keep the strip readable. */
  hiddenSources: z.array(z.string()),
});
export type CoverageResult = z.infer<typeof CoverageResult>;

/** Offline review of the active tenant's evidence store (Audit and Sign-ins views). */
export const reviewChannels = {
  'review.page': channel(PageRequest.extend({ filter: ReviewFilter }), PageResult),
  'review.window': channel(WindowRequest.extend({ filter: ReviewFilter }), WindowResult),
  'review.count': channel(z.strictObject({ filter: ReviewFilter }), CountResult),
  'review.histogram': channel(ReviewHistogramRequest, HistogramResult),
  'review.coverage': channel(CoverageRequest, CoverageResult),
  'review.record': channel(RecordId, RecordDetail),
  'review.related': channel(RelatedRequest.extend({ id: Id }), RelatedResult),
  'review.savedSearches.list': channel(z.strictObject({}), z.array(SavedSearch)),
  'review.savedSearches.save': channel(z.strictObject({ name: z.string().trim().min(1).max(100), filter: ReviewFilter }), SavedSearch),
  'review.savedSearches.delete': channel(RecordId, z.object({ deleted: z.boolean() })),
  'review.tags.add': channel(z.strictObject({ id: Id, tag: Tag }), z.object({ tags: z.array(z.string()) })),
  'review.tags.remove': channel(z.strictObject({ id: Id, tag: Tag }), z.object({ tags: z.array(z.string()) })),
  'review.notes.add': channel(z.strictObject({ id: Id, text: NoteText }), RecordNote),
  'review.notes.update': channel(z.strictObject({ noteId: Id, text: NoteText }), RecordNote),
  'review.notes.delete': channel(z.strictObject({ noteId: Id }), z.object({ deleted: z.boolean() })),
  /**
   * Streams every record matching the filter to a file. Main asks where to save (a dialog); the
   * renderer never names a path. `file` is null when the user cancelled.
   */
  'review.export': channel(
    z.strictObject({ filter: ReviewFilter, format: ExportFormat }),
    z.object({ file: z.string().nullable(), records: z.number().int() }),
  ),
};
