/**
 * The records the sign-in detections read (Entra sign-ins and unified audit log logons), and the
 * table that holds their columns for that pass: signin_events (migration 5), written beside each
 * record by the batch writer (store/signInEventWriter.ts), in (time, id) order, each text column
 * as a number into signin_strings, the few-valued columns together as one shape (signin_shapes).
 * detect/engine/signInStream.ts reads it (and a few detail columns from records, per event when a
 * rule asks). A column added here must be added to the table by a new migration
 * (detect/engine/signInStream.test.ts fails until it is).
 */
export const SIGN_IN_EVENT_WHERE = `(kind = 'signin' OR (kind = 'audit' AND operation IN ('UserLoggedIn', 'UserLoginFailed')))`;

/** SIGN_IN_EVENT_WHERE for a record about to be written; an event also needs a time (it is the table's key). */
export function isSignInEventRecord(kind: string, operation: string | null, timeMs: number | null): boolean {
  return timeMs !== null && (kind === 'signin' || (kind === 'audit' && (operation === 'UserLoggedIn' || operation === 'UserLoginFailed')));
}

export const SIGN_IN_EVENT_TABLE = 'signin_events';
/** Where the text of the numbered columns is. */
export const SIGN_IN_STRING_TABLE = 'signin_strings';
/** The few-valued columns of an event, together: its shape (migration 9). */
export const SIGN_IN_SHAPE_TABLE = 'signin_shapes';

/** The key, in reading order: time first, then the record id. */
export const SIGN_IN_EVENT_KEY = ['time_ms', 'id'] as const;

/** Text columns of records with many values (accounts, addresses, sessions...), each its own column, held as signin_strings.id. */
export const SIGN_IN_EVENT_STRING_COLUMNS = ['user_upn', 'client_ip', 'country', 'session_id', 'device_id'] as const;

/** Number columns of records, held as they are. */
export const SIGN_IN_EVENT_NUMBER_COLUMNS = ['latitude', 'longitude'] as const;

/** The columns of signin_events: the key, the shape (signin_shapes.id), and the many-valued columns. */
export const SIGN_IN_EVENT_COLUMNS = [...SIGN_IN_EVENT_KEY, 'shape', ...SIGN_IN_EVENT_STRING_COLUMNS, ...SIGN_IN_EVENT_NUMBER_COLUMNS] as const;

/**
 * Text columns of records with few values (a few thousand combinations in a tenant), held in signin_shapes
 * as signin_strings.id. An event holds one number for all of them: each column read per event costs, and
 * these twelve made most of the columns (reading 10 columns of the bench's 1,208,491 events took 1.3 s,
 * reading 21 took 2.1-2.2 s).
 */
export const SIGN_IN_SHAPE_STRING_COLUMNS = [
  'kind',
  'result',
  'client_app',
  'app_name',
  'app_id',
  'auth_protocol',
  'auth_detail',
  'failure_reason',
  'risk_level',
  'risk_state',
] as const;

/** Number columns of records with few values, held as they are in signin_shapes. */
export const SIGN_IN_SHAPE_NUMBER_COLUMNS = ['error_code', 'is_interactive'] as const;

/** The columns of signin_shapes besides its id and key, in key order. */
export const SIGN_IN_SHAPE_COLUMNS = [...SIGN_IN_SHAPE_STRING_COLUMNS, ...SIGN_IN_SHAPE_NUMBER_COLUMNS] as const;

/** signin_shapes.key: the shape's columns as text, comma-separated, NULL as nothing (as migration 9 spells it in SQL). */
export function shapeKey(values: readonly (number | null)[]): string {
  return values.map((v) => (v === null ? '' : String(v))).join(',');
}
