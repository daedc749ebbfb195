/**
 * The records the sign-in detections read (Entra sign-ins and unified audit log logons), and the
 * table that holds their columns for that pass: signin_events (migration 5), written beside each
 * record by the batch writer (store/signInEventWriter.ts), in (time, id) order, each text column
 * as a number into signin_strings.
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

/** The key, in reading order: time first, then the record id. */
export const SIGN_IN_EVENT_KEY = ['time_ms', 'id'] as const;

/** Text columns of records, held as signin_strings.id. */
export const SIGN_IN_EVENT_STRING_COLUMNS = [
  'kind',
  'user_upn',
  'client_ip',
  'result',
  'country',
  'client_app',
  'app_name',
  'app_id',
  'session_id',
  'auth_protocol',
  'auth_detail',
  'failure_reason',
  'risk_level',
  'risk_state',
  'device_id',
] as const;

/** Number columns of records, held as they are. */
export const SIGN_IN_EVENT_NUMBER_COLUMNS = ['error_code', 'latitude', 'longitude', 'is_interactive'] as const;

export const SIGN_IN_EVENT_COLUMNS = [...SIGN_IN_EVENT_KEY, ...SIGN_IN_EVENT_STRING_COLUMNS, ...SIGN_IN_EVENT_NUMBER_COLUMNS] as const;
