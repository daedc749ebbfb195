/**
 * The rows the sign-in detections read (Entra sign-ins and unified audit log logons) and the
 * columns they read, held by one covering index (migration 3) so that pass never touches the
 * records table; detect/engine/signInStream.ts queries it (streaming all but a few detail columns,
 * which it reads per event when a rule asks). A column added here must be added to the index by a
 * new migration (detect/engine/signInStream.test.ts fails until it is).
 */
export const SIGN_IN_EVENT_WHERE = `(kind = 'signin' OR (kind = 'audit' AND operation IN ('UserLoggedIn', 'UserLoginFailed')))`;

/** Time order first, then the id (the stream's order); kind and operation so the WHERE is answered from the index. */
export const SIGN_IN_EVENT_COLUMNS = [
  'time_ms',
  'id',
  'kind',
  'operation',
  'user_upn',
  'client_ip',
  'result',
  'error_code',
  'country',
  'city',
  'latitude',
  'longitude',
  'client_app',
  'app_name',
  'app_id',
  'resource',
  'session_id',
  'is_interactive',
  'auth_protocol',
  'auth_detail',
  'auth_methods',
  'failure_reason',
  'risk_level',
  'risk_state',
  'device_id',
  'device_os',
  'device_browser',
  'user_agent',
] as const;

export const SIGN_IN_EVENT_INDEX = 'records_signin_events';
