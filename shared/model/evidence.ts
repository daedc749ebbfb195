import { z } from 'zod';

/**
 * The evidence review model: what the Audit and Sign-ins views ask the store and what they get.
 * Shared by main (which parses every request with these schemas) and the renderer.
 */
export const RecordKind = z.enum(['audit', 'signin']);
export type RecordKind = z.infer<typeof RecordKind>;

const Values = z.array(z.string().min(1).max(400)).max(50);

export const RecordFilter = z.strictObject({
  kind: RecordKind,
  /** UTC epoch ms, inclusive. */
  fromMs: z.number().int().optional(),
  /** UTC epoch ms, exclusive. */
  toMs: z.number().int().optional(),
  users: Values.optional(),
  operations: Values.optional(),
  workloads: Values.optional(),
  recordTypes: Values.optional(),
  ips: Values.optional(),
  countries: Values.optional(),
  /** App display names or app ids. */
  apps: Values.optional(),
  /** Sign-ins: the client app as Entra names it (`IMAP4`, `POP3`, `Authenticated SMTP`, `Browser`, ...). */
  clientApps: Values.optional(),
  results: z.array(z.enum(['success', 'failure', 'partial'])).max(3).optional(),
  /** Full-text search: every word must occur (bare GUIDs are matched against the id columns). */
  text: z.string().max(500).optional(),
  tag: z.string().min(1).max(100).optional(),
});
export type RecordFilter = z.infer<typeof RecordFilter>;

export const SortOrder = z.enum(['newest', 'oldest']);
export type SortOrder = z.infer<typeof SortOrder>;

/** Where a page ends: the last row's time and id (keyset paging). */
export const PageCursor = z.strictObject({ timeMs: z.number().int().nullable(), id: z.number().int() });
export type PageCursor = z.infer<typeof PageCursor>;

/** One row of the review table: the normalized fields, never the raw record. */
export const RecordRow = z.object({
  id: z.number().int(),
  kind: RecordKind,
  format: z.string(),
  sourceId: z.string().nullable(),
  timeMs: z.number().int().nullable(),
  operation: z.string().nullable(),
  workload: z.string().nullable(),
  recordType: z.string().nullable(),
  user: z.string().nullable(),
  userName: z.string().nullable(),
  ip: z.string().nullable(),
  object: z.string().nullable(),
  result: z.string().nullable(),
  resultDetail: z.string().nullable(),
  country: z.string().nullable(),
  city: z.string().nullable(),
  app: z.string().nullable(),
  appId: z.string().nullable(),
  resource: z.string().nullable(),
  clientApp: z.string().nullable(),
  errorCode: z.number().int().nullable(),
  failureReason: z.string().nullable(),
  authRequirement: z.string().nullable(),
  authMethods: z.string().nullable(),
  caStatus: z.string().nullable(),
  riskLevel: z.string().nullable(),
  userAgent: z.string().nullable(),
  deviceOs: z.string().nullable(),
  deviceBrowser: z.string().nullable(),
  isInteractive: z.boolean().nullable(),
  authProtocol: z.string().nullable(),
  sessionId: z.string().nullable(),
  correlationId: z.string().nullable(),
  uniqueTokenId: z.string().nullable(),
});
export type RecordRow = z.infer<typeof RecordRow>;

export const PageRequest = z.strictObject({
  filter: RecordFilter,
  order: SortOrder.default('newest'),
  after: PageCursor.nullable().default(null),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type PageRequest = z.input<typeof PageRequest>;

export const PageResult = z.object({ rows: z.array(RecordRow), next: PageCursor.nullable() });
export type PageResult = z.infer<typeof PageResult>;

/** A window at a position, for a virtualized table scrolled anywhere. */
export const WindowRequest = z.strictObject({
  filter: RecordFilter,
  order: SortOrder.default('newest'),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type WindowRequest = z.input<typeof WindowRequest>;
export const WindowResult = z.object({ offset: z.number().int(), rows: z.array(RecordRow) });
export type WindowResult = z.infer<typeof WindowResult>;

export const CountResult = z.object({
  count: z.number().int(),
  /** False when the count stopped at a cap: "more than `count`". */
  exact: z.boolean(),
});
export type CountResult = z.infer<typeof CountResult>;

export const HistogramRequest = z.strictObject({
  filter: RecordFilter,
  /** Bucket width; when absent, one that gives about 100 buckets over the range. */
  bucketMs: z.number().int().min(60_000).optional(),
});
export type HistogramRequest = z.input<typeof HistogramRequest>;
export const HistogramResult = z.object({
  bucketMs: z.number().int(),
  fromMs: z.number().int().nullable(),
  buckets: z.array(z.object({ startMs: z.number().int(), count: z.number().int() })),
  /** Matching records that have no time (some exports drop the time column). */
  withoutTime: z.number().int(),
});
export type HistogramResult = z.infer<typeof HistogramResult>;

export const RelatedRequest = z.strictObject({
  id: z.number().int(),
  windowMs: z.number().int().min(60_000).max(7 * 86_400_000).default(3_600_000),
  limit: z.number().int().min(1).max(1000).default(200),
});
export type RelatedRequest = z.input<typeof RelatedRequest>;
export const Relation = z.enum(['user', 'ip', 'session', 'correlation']);
export const RelatedResult = z.object({
  rows: z.array(RecordRow.extend({ relations: z.array(Relation) })),
});
export type RelatedResult = z.infer<typeof RelatedResult>;

export const RecordNote = z.object({ id: z.number().int(), recordId: z.number().int(), text: z.string(), createdAt: z.number().int(), updatedAt: z.number().int() });
export type RecordNote = z.infer<typeof RecordNote>;

export const RecordDetail = z.object({
  row: RecordRow,
  /** The record exactly as imported or collected (text). For CSV rows, the row's text. */
  raw: z.string(),
  /** The record as JSON: parsed raw, or header → value for CSV rows. */
  json: z.unknown(),
  batch: z.object({ id: z.number().int(), source: z.string(), origin: z.string(), committedAt: z.number().int() }),
  tags: z.array(z.string()),
  notes: z.array(RecordNote),
});
export type RecordDetail = z.infer<typeof RecordDetail>;

export const SavedSearch = z.object({
  id: z.number().int(),
  name: z.string().min(1).max(100),
  filter: RecordFilter,
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type SavedSearch = z.infer<typeof SavedSearch>;

export const ExportFormat = z.enum(['csv', 'jsonl']);
export type ExportFormat = z.infer<typeof ExportFormat>;
