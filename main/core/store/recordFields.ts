/**
 * The normalized fields of one evidence record: what reviewers and detections filter on.
 * One list drives the table schema, the insert statement and the hash chain's canonical form,
 * so a column added here is added everywhere (through a new migration for existing stores).
 */
export const RECORD_KINDS = ['audit', 'signin'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Column name → SQLite type. Order matters: it is the hash chain's canonical order. */
export const NORMALIZED_COLUMNS = {
  time_ms: 'INTEGER', // UTC epoch milliseconds; NULL when the source has no time at all
  operation: 'TEXT',
  workload: 'TEXT',
  record_type: 'TEXT',
  user_upn: 'TEXT', // lower-cased UPN (or the acting account as the source names it)
  user_id: 'TEXT', // directory object id when known
  user_name: 'TEXT', // display name
  client_ip: 'TEXT', // normalized: no port, no brackets, IPv4-mapped IPv6 unwrapped, IPv6 compressed lower-case
  object: 'TEXT', // the object or target acted upon
  result: 'TEXT', // success | failure | partial | NULL
  result_detail: 'TEXT', // the source's own status text
  country: 'TEXT', // ISO 3166 alpha-2, upper-case
  city: 'TEXT',
  session_id: 'TEXT',
  correlation_id: 'TEXT',
  unique_token_id: 'TEXT',
  app_id: 'TEXT',
  app_name: 'TEXT',
  resource: 'TEXT',
  client_app: 'TEXT', // sign-ins: clientAppUsed (legacy protocols matter)
  error_code: 'INTEGER',
  failure_reason: 'TEXT',
  auth_requirement: 'TEXT',
  auth_methods: 'TEXT',
  auth_detail: 'TEXT',
  ca_status: 'TEXT',
  risk_level: 'TEXT',
  risk_state: 'TEXT',
  user_agent: 'TEXT',
  device_id: 'TEXT',
  device_name: 'TEXT',
  device_os: 'TEXT',
  device_browser: 'TEXT',
  device_trust: 'TEXT',
  device_compliant: 'INTEGER',
  device_managed: 'INTEGER',
  is_interactive: 'INTEGER',
  auth_protocol: 'TEXT',
  latitude: 'REAL',
  longitude: 'REAL',
} as const;

export type NormalizedColumn = keyof typeof NORMALIZED_COLUMNS;
export const NORMALIZED_COLUMN_NAMES = Object.keys(NORMALIZED_COLUMNS) as NormalizedColumn[];

type ColumnValue<T extends string> = T extends 'TEXT' ? string | null : number | null;
/** Every normalized field; absent ones are null. */
export type NormalizedFields = { [K in NormalizedColumn]: ColumnValue<(typeof NORMALIZED_COLUMNS)[K]> };

const EMPTY_FIELDS = Object.fromEntries(NORMALIZED_COLUMN_NAMES.map((name) => [name, null])) as unknown as NormalizedFields;

/**
 * A fresh record with every field null. Copied from one template by spread, which gives every
 * record the same hidden class; adding 40 properties one by one to `{}` turned each record into
 * a slow dictionary object (5 us per record in the importer profile).
 */
export function emptyFields(): NormalizedFields {
  return { ...EMPTY_FIELDS };
}

/** What a producer (importer or collection job) hands to the store for one record. */
export interface EvidenceRecord {
  kind: RecordKind;
  /** The record's shape, e.g. `ual`, `graph-signin`, `la-signin`: says how `raw` was read. */
  format: string;
  /** The source's own id (UAL Id, sign-in request id); null when the source has none. */
  sourceId: string | null;
  /** Re-delivering the same record yields the same key: the store keeps it once. */
  dedupKey: string;
  fields: NormalizedFields;
  /** The record exactly as read, byte for byte (for CSV rows: the row's text; its header is `csvHeader`). */
  raw: Buffer;
  csvHeader?: string | null;
  /** Free text indexed for full-text search. */
  text: string;
}
