import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { IpGeo } from '../geo/ipGeo.ts';
import { SIGN_IN_EVENT_COLUMNS, SIGN_IN_EVENT_TABLE, SIGN_IN_STRING_TABLE } from '../../store/signInEventTable.ts';
import type { SignInEvent } from './signInEvent.ts';
import { SignInShapes, type SignInShape } from './signInShapes.ts';
import { SignInStrings } from './signInStrings.ts';

/**
 * Columns the rules read only to explain a finding, or to tell two devices apart when a session changes address
 * (where(), describeDevice() and deviceFingerprint() in rules/support/signInCodes.ts): read from records for an
 * event when asked, not held in signin_events. User agents are the longest values of a sign-in; leaving these six
 * out of the stream made reading the development store's 1,209,744 sign-in rows 1-2 s faster (of 5.4-6.7 s).
 */
const DETAIL_COLUMNS = ['city', 'resource', 'auth_methods', 'device_os', 'device_browser', 'user_agent'] as const;
/** The columns streamed: signin_events, text as numbers into signin_strings, the few-valued ones as a shape. */
const STREAM_COLUMNS = SIGN_IN_EVENT_COLUMNS;

const columnIndex = <K extends string>(names: readonly K[]) => Object.fromEntries(names.map((name, i) => [name, i])) as { [N in K]: number };
/** Where each column is in a streamed row. */
const C = columnIndex(STREAM_COLUMNS);
/** Where each column is in a row of details. */
const D = columnIndex(DETAIL_COLUMNS);
/**
 * One row as better-sqlite3 returns it in raw mode: values in STREAM_COLUMNS (text columns as string numbers, the
 * shape as its number), or in DETAIL_COLUMNS order.
 */
type Row = (string | number | null)[];

/** The detail columns of one record, by id (a primary-key lookup). */
type DetailReader = (id: number) => Row;

function detailReader(db: Database): DetailReader {
  const select = db.prepare(`SELECT ${DETAIL_COLUMNS.join(', ')} FROM records WHERE id = ?`).raw(true);
  const none: Row = DETAIL_COLUMNS.map(() => null);
  return (id) => (select.get(id) as Row | undefined) ?? none;
}

/** What turning a row into an event needs. */
interface EventSources {
  geo: IpGeo;
  strings: SignInStrings;
  shapes: SignInShapes;
  details: DetailReader;
}

function eventSources(db: Database, geo: IpGeo): EventSources {
  const strings = new SignInStrings(db);
  return { geo, strings, shapes: new SignInShapes(db, strings), details: detailReader(db) };
}

/** A unified audit log logon and an Entra sign-in are the same event when they agree on these, within a second or so. */
const SAME_EVENT_MS = 1500;

/**
 * A sign-in event over its row, each field read when a rule asks for it. Why not a plain object of every field:
 * the stream makes a million of them, most rules read a handful of fields, and copying 28 fields into each object
 * was a large part of the pass (its allocation and the collections it caused).
 */
class RowEvent implements SignInEvent {
  readonly source: SignInEvent['source'];
  readonly country: string | null;
  readonly countrySource: SignInEvent['countrySource'];
  private readonly r: Row;
  private readonly s: SignInShape;
  private readonly strings: SignInStrings;
  private readonly readDetails: DetailReader;
  /** The detail columns, once one of them was asked for. */
  private d: Row | null = null;

  constructor(r: Row, shape: SignInShape, source: SignInEvent['source'], { geo, strings, details }: EventSources) {
    this.r = r;
    this.s = shape;
    this.source = source;
    this.strings = strings;
    this.readDetails = details;
    const fromRecord = strings.value(r[C.country]);
    this.country = fromRecord ?? geo.country(strings.value(r[C.client_ip]));
    this.countrySource = fromRecord ? 'record' : this.country ? 'ip-database' : null;
  }

  /** A text column: its number in the row, its string from the table. */
  private text(column: number): string | null {
    return this.strings.value(this.r[column]);
  }

  private detail(column: number): string | null {
    this.d ??= this.readDetails(this.id);
    return this.d[column] as string | null;
  }

  get id(): number {
    return this.r[C.id] as number;
  }
  get timeMs(): number {
    return this.r[C.time_ms] as number;
  }
  get user(): string | null {
    return this.text(C.user_upn);
  }
  get ip(): string | null {
    return this.text(C.client_ip);
  }
  get result(): SignInEvent['result'] {
    const { result } = this.s;
    return result === 'success' ? 'success' : result === 'failure' ? 'failure' : null;
  }
  get errorCode(): number | null {
    return this.s.errorCode;
  }
  get city(): string | null {
    return this.detail(D.city);
  }
  get latitude(): number | null {
    return this.r[C.latitude] as number | null;
  }
  get longitude(): number | null {
    return this.r[C.longitude] as number | null;
  }
  get clientApp(): string | null {
    return this.s.clientApp;
  }
  get app(): string | null {
    return this.s.app;
  }
  get appId(): string | null {
    return this.s.appId;
  }
  get resource(): string | null {
    return this.detail(D.resource);
  }
  get sessionId(): string | null {
    return this.text(C.session_id);
  }
  get interactive(): boolean | null {
    return this.s.interactive;
  }
  get authProtocol(): string | null {
    return this.s.authProtocol;
  }
  get authDetail(): string | null {
    return this.s.authDetail;
  }
  get authMethods(): string | null {
    return this.detail(D.auth_methods);
  }
  get failureReason(): string | null {
    return this.s.failureReason;
  }
  get riskLevel(): string | null {
    return this.s.riskLevel;
  }
  get riskState(): string | null {
    return this.s.riskState;
  }
  get deviceId(): string | null {
    return this.text(C.device_id);
  }
  get deviceOs(): string | null {
    return this.detail(D.device_os);
  }
  get deviceBrowser(): string | null {
    return this.detail(D.device_browser);
  }
  get userAgent(): string | null {
    return this.detail(D.user_agent);
  }
}

/**
 * A first-in, first-out run of rows read from its head: shift() on a plain array moves every element, and these
 * queues pass a million rows.
 */
class RowQueue {
  private rows: Row[] = [];
  private head = 0;

  get size(): number {
    return this.rows.length - this.head;
  }

  /** The i-th row from the head. */
  at(i: number): Row {
    return this.rows[this.head + i]!;
  }

  push(row: Row): void {
    this.rows.push(row);
  }

  shift(): Row {
    const row = this.rows[this.head++]!;
    if (this.head === this.rows.length) {
      this.rows = [];
      this.head = 0;
    } else if (this.head >= 4096 && this.head * 2 >= this.rows.length) {
      this.rows = this.rows.slice(this.head);
      this.head = 0;
    }
    return row;
  }
}

/**
 * Turns time-ordered rows into sign-in events. Unified audit log logons are kept only when no Entra
 * sign-in of the same user from the same address lies within a second or so of them: a tenant
 * collected both ways shows each interactive sign-in twice, and counting it twice would double
 * every failure count.
 */
class EventVisitor {
  /**
   * The Entra sign-ins of the last few seconds, in time order: a logon is compared with these. A short run scanned
   * in order, not a map by user and address: a key string made and hashed per sign-in cost more than the scans
   * (a tenant signs in a few times a second; a burst of thousands still scans quickly).
   */
  private readonly recent = new RowQueue();
  /** Logons waiting until no sign-in still to come can match them. */
  private readonly pending = new RowQueue();
  count = 0;

  private readonly sources: EventSources;
  private readonly visit: EventVisit;
  private readonly share: AccountShare | null;

  constructor(sources: EventSources, visit: EventVisit, share: AccountShare | null = null) {
    this.sources = sources;
    this.visit = visit;
    this.share = share;
  }

  /** Whether the row's account is in this reader's share (always, without a share). */
  private inShare(row: Row): boolean {
    const { share } = this;
    if (!share) return true;
    const user = row[C.user_upn];
    return user !== null && share.residues.includes((user as number) % share.modulus);
  }

  /** The next row, in (time, id) order. */
  add(row: Row): void {
    const timeMs = row[C.time_ms] as number;
    this.release(timeMs);
    const shape = this.sources.shapes.get(row[C.shape] as number);
    if (shape.isSignIn) {
      this.recent.push(row);
      this.visit(new RowEvent(row, shape, 'signin', this.sources), this.inShare(row));
      this.count++;
    } else {
      this.pending.push(row);
    }
    // Forget sign-ins too old to match a logon still waiting or still to come (rows come in time order).
    const oldest = this.pending.size > 0 ? Math.min(timeMs, this.pending.at(0)[C.time_ms] as number) : timeMs;
    while (this.recent.size > 0 && (this.recent.at(0)[C.time_ms] as number) < oldest - SAME_EVENT_MS) this.recent.shift();
  }

  /** After the last row: the logons still waiting. Returns how many events were visited. */
  finish(): number {
    this.release(Number.MAX_SAFE_INTEGER);
    return this.count;
  }

  private release(untilMs: number): void {
    const { pending, recent } = this;
    while (pending.size > 0 && (pending.at(0)[C.time_ms] as number) + SAME_EVENT_MS < untilMs) {
      const logon = pending.shift();
      const at = logon[C.time_ms] as number;
      // Sign-ins before this logon's window cannot match it or any later logon.
      while (recent.size > 0 && (recent.at(0)[C.time_ms] as number) < at - SAME_EVENT_MS) recent.shift();
      if (!this.hasSignInLike(logon, at)) {
        this.visit(new RowEvent(logon, this.sources.shapes.get(logon[C.shape] as number), 'ual-logon', this.sources), this.inShare(logon));
        this.count++;
      }
    }
  }

  /** Whether an Entra sign-in of the logon's user from its address lies within SAME_EVENT_MS of it (same string numbers). */
  private hasSignInLike(logon: Row, at: number): boolean {
    const user = logon[C.user_upn] ?? '';
    const ip = logon[C.client_ip] ?? '';
    const { recent } = this;
    for (let i = 0; i < recent.size; i++) {
      const r = recent.at(i);
      if ((r[C.time_ms] as number) > at + SAME_EVENT_MS) return false;
      if ((r[C.user_upn] ?? '') === user && (r[C.client_ip] ?? '') === ip) return true;
    }
    return false;
  }
}

/**
 * A share of the accounts, for one of several threads that split a pass between them: the accounts whose
 * number (signin_strings.id, the same on every connection) leaves one of `residues` when divided by `modulus`.
 */
export interface AccountShare {
  modulus: number;
  residues: readonly number[];
  /**
   * Read only the events of the share's accounts (filtered in SQL). Otherwise every event is read, and
   * visit() is told whether the event is in the share.
   */
  only: boolean;
}

/** Called with each event in order, and whether its account is in the reader's share (always true without one). */
export type EventVisit = (event: SignInEvent, inShare: boolean) => void;

const SELECT_EVENTS = `SELECT ${STREAM_COLUMNS.join(', ')} FROM ${SIGN_IN_EVENT_TABLE} WHERE`;
const ORDER = 'ORDER BY time_ms, id LIMIT ?';
/** All sign-in events from a time on, in time order: the table's own order. */
export const SIGN_IN_EVENTS_SQL = `${SELECT_EVENTS} time_ms >= ? ${ORDER}`;
/** The same, after a (time, id) already read. */
const SIGN_IN_EVENTS_AFTER_SQL = `${SELECT_EVENTS} (time_ms, id) > (?, ?) ${ORDER}`;

/** The events of a share's accounts only. Residues are integers (from AccountShare): safe to inline. */
function shareSql(sql: string, share: AccountShare | undefined): string {
  if (!share?.only) return sql;
  const residues = share.residues.map((r) => Math.trunc(r)).join(', ');
  return sql.replace(` ${ORDER}`, ` AND user_upn % ${Math.trunc(share.modulus)} IN (${residues}) ${ORDER}`);
}

export interface StreamOptions {
  /** Rows read per query; between two, other work on the main process (IPC, progress) gets its turn. */
  chunkRows?: number;
  /** Called after each chunk with the rows read so far. */
  onRows?: (read: number) => void;
  /** This reader's share of the accounts, when several threads split the pass. */
  share?: AccountShare;
}

/** Lets the event loop run: IPC requests, progress events, timers. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Every sign-in event from `fromMs` on, in time order (see EventVisitor). Returns how many. Reads in
 * chunks of whole queries, not one long-open statement, so the connection is free between chunks
 * and a pass over millions of rows does not hold the main process (and its IPC) for its whole length.
 */
export async function streamSignInEvents(
  db: Database,
  geo: IpGeo,
  fromMs: number,
  visit: EventVisit,
  options: StreamOptions = {},
): Promise<number> {
  const chunkRows = options.chunkRows ?? 25_000;
  const first = db.prepare(shareSql(SIGN_IN_EVENTS_SQL, options.share)).raw(true);
  const after = db.prepare(shareSql(SIGN_IN_EVENTS_AFTER_SQL, options.share)).raw(true);
  const sources = eventSources(db, geo);
  const visitor = new EventVisitor(sources, visit, options.share ?? null);
  let read = 0;
  let rows = first.all(fromMs, chunkRows) as Row[];
  // More than a chunk of events meets most of the strings: one read of them all beats a lookup each.
  if (rows.length === chunkRows) sources.strings.readAll();
  for (;;) {
    for (const row of rows) visitor.add(row);
    read += rows.length;
    options.onRows?.(read);
    if (rows.length < chunkRows) break;
    const last = rows[rows.length - 1]!;
    await yieldToEventLoop();
    rows = after.all(last[C.time_ms], last[C.id], chunkRows) as Row[];
  }
  return visitor.finish();
}

/**
 * The sign-in events of the given accounts from `fromMs` on: account after account, each in time
 * order. For rules whose memory is per account (a 30-day baseline of countries, networks, addresses):
 * an incremental run then reads the month of the accounts that have new events, not everyone's.
 */
export function streamAccountSignInEvents(db: Database, geo: IpGeo, accounts: Iterable<string>, fromMs: number, visit: (event: SignInEvent) => void): number {
  // Through signin_events_user (user_upn, time_ms): a few hundred rows per account, not the month of everyone.
  const rows = db
    .prepare(
      `SELECT ${STREAM_COLUMNS.join(', ')} FROM ${SIGN_IN_EVENT_TABLE} WHERE user_upn = (SELECT id FROM ${SIGN_IN_STRING_TABLE} WHERE value = ?) AND time_ms >= ? ORDER BY time_ms, id`,
    )
    .raw(true);
  const sources = eventSources(db, geo);
  let count = 0;
  for (const account of accounts) {
    const visitor = new EventVisitor(sources, visit);
    for (const row of rows.iterate(account, fromMs) as Iterable<Row>) visitor.add(row);
    count += visitor.finish();
  }
  return count;
}
