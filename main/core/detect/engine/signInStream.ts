import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { IpGeo } from '../geo/ipGeo.ts';
import type { SignInEvent } from './signInEvent.ts';

const COLUMNS = `id, time_ms, user_upn, client_ip, result, error_code, country, city, latitude, longitude, client_app, app_name, app_id,
  resource, session_id, is_interactive, auth_protocol, auth_detail, auth_methods, failure_reason, risk_level, risk_state, device_id,
  device_os, device_browser, user_agent`;

type Row = {
  id: number;
  time_ms: number;
  user_upn: string | null;
  client_ip: string | null;
  result: string | null;
  error_code: number | null;
  country: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  client_app: string | null;
  app_name: string | null;
  app_id: string | null;
  resource: string | null;
  session_id: string | null;
  is_interactive: number | null;
  auth_protocol: string | null;
  auth_detail: string | null;
  auth_methods: string | null;
  failure_reason: string | null;
  risk_level: string | null;
  risk_state: string | null;
  device_id: string | null;
  device_os: string | null;
  device_browser: string | null;
  user_agent: string | null;
};

/** A unified audit log logon and an Entra sign-in are the same event when they agree on these, within a second or so. */
const SAME_EVENT_MS = 1500;

function toEvent(r: Row, source: SignInEvent['source'], geo: IpGeo): SignInEvent {
  const fromRecord = r.country;
  const country = fromRecord ?? geo.country(r.client_ip);
  return {
    id: r.id,
    source,
    timeMs: r.time_ms,
    user: r.user_upn,
    ip: r.client_ip,
    result: r.result === 'success' ? 'success' : r.result === 'failure' ? 'failure' : null,
    errorCode: r.error_code,
    country,
    countrySource: fromRecord ? 'record' : country ? 'ip-database' : null,
    city: r.city,
    latitude: r.latitude,
    longitude: r.longitude,
    clientApp: r.client_app,
    app: r.app_name,
    appId: r.app_id,
    resource: r.resource,
    sessionId: r.session_id,
    interactive: r.is_interactive === null ? null : r.is_interactive === 1,
    authProtocol: r.auth_protocol,
    authDetail: r.auth_detail,
    authMethods: r.auth_methods,
    failureReason: r.failure_reason,
    riskLevel: r.risk_level,
    riskState: r.risk_state,
    deviceId: r.device_id,
    deviceOs: r.device_os,
    deviceBrowser: r.device_browser,
    userAgent: r.user_agent,
  };
}

/** Several iterators sorted by (time, id), merged into one. */
function* mergeSorted(sources: { rows: Iterator<Row>; source: SignInEvent['source'] }[]): Generator<{ row: Row; source: SignInEvent['source'] }> {
  const heads = sources.map((s) => ({ ...s, head: s.rows.next() }));
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i]!;
      if (h.head.done) continue;
      if (best === -1) {
        best = i;
        continue;
      }
      const a = h.head.value;
      const b = heads[best]!.head.value as Row;
      if (a.time_ms < b.time_ms || (a.time_ms === b.time_ms && a.id < b.id)) best = i;
    }
    if (best === -1) return;
    const h = heads[best]!;
    yield { row: h.head.value as Row, source: h.source };
    h.head = h.rows.next();
  }
}

/**
 * Every sign-in event from `fromMs` on, in time order. Unified audit log logons are kept only when
 * no Entra sign-in of the same user from the same address lies within a second or so of them: a
 * tenant collected both ways shows each interactive sign-in twice, and counting it twice would
 * double every failure count.
 */
export function streamSignInEvents(db: Database, geo: IpGeo, fromMs: number, visit: (event: SignInEvent) => void): number {
  const signIns = db.prepare(`SELECT ${COLUMNS} FROM records WHERE kind = 'signin' AND time_ms >= ? ORDER BY time_ms, id`);
  // One statement per iterator: a statement can run only one query at a time.
  const logons = () => db.prepare(`SELECT ${COLUMNS} FROM records WHERE operation = ? AND time_ms >= ? AND kind = 'audit' ORDER BY time_ms, id`);
  const merged = mergeSorted([
    { rows: signIns.iterate(fromMs) as Iterator<Row>, source: 'signin' },
    { rows: logons().iterate('UserLoggedIn', fromMs) as Iterator<Row>, source: 'ual-logon' },
    { rows: logons().iterate('UserLoginFailed', fromMs) as Iterator<Row>, source: 'ual-logon' },
  ]);
  // Recent Entra sign-ins by user|ip → their times; logons wait until no sign-in can still match them.
  const recent = new Map<string, number[]>();
  const pending: Row[] = [];
  let count = 0;
  const key = (r: Row) => `${r.user_upn ?? ''}|${r.client_ip ?? ''}`;
  const release = (untilMs: number) => {
    while (pending.length > 0 && pending[0]!.time_ms + SAME_EVENT_MS < untilMs) {
      const logon = pending.shift()!;
      const times = recent.get(key(logon));
      if (!times || !times.some((t) => Math.abs(t - logon.time_ms) <= SAME_EVENT_MS)) {
        visit(toEvent(logon, 'ual-logon', geo));
        count++;
      }
    }
  };
  let lastPrune = 0;
  for (const { row, source } of merged) {
    release(row.time_ms);
    if (source === 'signin') {
      const k = key(row);
      const times = recent.get(k);
      if (times) times.push(row.time_ms);
      else recent.set(k, [row.time_ms]);
      visit(toEvent(row, 'signin', geo));
      count++;
    } else {
      pending.push(row);
    }
    if (row.time_ms - lastPrune > 60_000) {
      // Forget sign-ins too old to match any logon still to come.
      for (const [k, times] of recent) {
        const kept = times.filter((t) => t >= row.time_ms - 2 * SAME_EVENT_MS);
        if (kept.length === 0) recent.delete(k);
        else if (kept.length !== times.length) recent.set(k, kept);
      }
      lastPrune = row.time_ms;
    }
  }
  release(Number.MAX_SAFE_INTEGER);
  return count;
}
