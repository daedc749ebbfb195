import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import type { EvidenceRecord } from './recordFields.ts';
import {
  SIGN_IN_EVENT_COLUMNS,
  SIGN_IN_EVENT_NUMBER_COLUMNS,
  SIGN_IN_EVENT_STRING_COLUMNS,
  SIGN_IN_EVENT_TABLE,
  SIGN_IN_SHAPE_COLUMNS,
  SIGN_IN_SHAPE_NUMBER_COLUMNS,
  SIGN_IN_SHAPE_STRING_COLUMNS,
  SIGN_IN_SHAPE_TABLE,
  SIGN_IN_STRING_TABLE,
  shapeKey,
} from './signInEventTable.ts';

/**
 * Columns whose strings are looked up in signin_strings every time, not remembered: a session or device
 * id comes back in a few sign-ins at most, so remembering them only grew memory (by about 100 MB over
 * 200,000 sign-ins in npm run bench -- --only store) for look-ups that never came.
 */
const NOT_REMEMBERED: ReadonlySet<string> = new Set(['session_id', 'device_id']);
/**
 * Past this many strings, a connection forgets the ones it remembers and starts over, so a connection
 * open for months does not keep every address it met. A forgotten string costs one look-up when it comes again.
 */
const MAX_REMEMBERED = 100_000;

/**
 * Writes the signin_events row of each sign-in event record, in the batch's transaction, with its
 * text columns numbered through signin_strings and its few-valued columns as one shape (signin_shapes). Migration 5 did this in a trigger on records; its
 * 15 INSERT OR IGNORE and 15 look-ups back per sign-in made storing sign-ins about 1.7 times slower
 * (npm run bench -- --only store). Here a string already met costs a map look-up, a new one a
 * look-up and an insert.
 *
 * One per connection. Strings and shapes numbered in an open transaction are remembered only once it
 * commits: after a rollback, those numbers are not in the store.
 */
export class SignInEventWriter {
  private remembered = new Map<string, number>();
  /** Strings this connection stored in the open transaction. */
  private readonly added = new Map<string, number>();
  /** Shapes by key: a few thousand in a tenant, all remembered. */
  private readonly shapes = new Map<string, number>();
  private readonly addedShapes = new Map<string, number>();
  private readonly findString: Statement;
  private readonly insertString: Statement;
  private readonly findShape: Statement;
  private readonly insertShape: Statement;
  private readonly insertEvent: Statement;

  constructor(db: Database) {
    this.findString = db.prepare(`SELECT id FROM ${SIGN_IN_STRING_TABLE} WHERE value = ?`).pluck();
    this.insertString = db.prepare(`INSERT INTO ${SIGN_IN_STRING_TABLE} (value) VALUES (?)`);
    this.findShape = db.prepare(`SELECT id FROM ${SIGN_IN_SHAPE_TABLE} WHERE key = ?`).pluck();
    this.insertShape = db.prepare(
      `INSERT INTO ${SIGN_IN_SHAPE_TABLE} (key, ${SIGN_IN_SHAPE_COLUMNS.join(', ')}) VALUES (?, ${SIGN_IN_SHAPE_COLUMNS.map(() => '?').join(', ')})`,
    );
    this.insertEvent = db.prepare(
      `INSERT INTO ${SIGN_IN_EVENT_TABLE} (${SIGN_IN_EVENT_COLUMNS.join(', ')}) VALUES (${SIGN_IN_EVENT_COLUMNS.map(() => '?').join(', ')})`,
    );
  }

  /** The event row of a record just inserted as `id` (see isSignInEventRecord). */
  add(id: number, record: EvidenceRecord): void {
    const f = record.fields;
    const values: (string | number | null)[] = [f.time_ms, id, this.shape(record)];
    for (const column of SIGN_IN_EVENT_STRING_COLUMNS) values.push(NOT_REMEMBERED.has(column) ? this.storedCode(f[column]) : this.code(f[column]));
    for (const column of SIGN_IN_EVENT_NUMBER_COLUMNS) values.push(f[column]);
    this.insertEvent.run(values);
  }

  /** The open transaction committed: its strings and shapes are in the store for good. */
  committed(): void {
    for (const [value, code] of this.added) this.remember(value, code);
    this.added.clear();
    for (const [key, shape] of this.addedShapes) this.shapes.set(key, shape);
    this.addedShapes.clear();
  }

  /** The open transaction rolled back: its strings and shapes are gone. */
  rolledBack(): void {
    this.added.clear();
    this.addedShapes.clear();
  }

  /** The number of the record's shape: its few-valued columns together. */
  private shape(record: EvidenceRecord): number {
    const f = record.fields;
    const columns: (number | null)[] = [];
    for (const column of SIGN_IN_SHAPE_STRING_COLUMNS) columns.push(this.code(column === 'kind' ? record.kind : f[column]));
    for (const column of SIGN_IN_SHAPE_NUMBER_COLUMNS) columns.push(f[column]);
    const key = shapeKey(columns);
    const known = this.shapes.get(key) ?? this.addedShapes.get(key);
    if (known !== undefined) return known;
    const stored = this.findShape.get(key) as number | undefined;
    if (stored !== undefined) {
      this.shapes.set(key, stored);
      return stored;
    }
    const shape = Number(this.insertShape.run(key, ...columns).lastInsertRowid);
    this.addedShapes.set(key, shape);
    return shape;
  }

  /** A string's number, remembered. */
  private code(value: string | null): number | null {
    if (value === null) return null;
    const known = this.remembered.get(value) ?? this.added.get(value);
    if (known !== undefined) return known;
    const stored = this.findString.get(value) as number | undefined;
    if (stored !== undefined) {
      this.remember(value, stored);
      return stored;
    }
    const code = this.insert(value);
    this.added.set(value, code);
    return code;
  }

  /** A string's number, from the table (where this transaction's own strings are too). */
  private storedCode(value: string | null): number | null {
    if (value === null) return null;
    return (this.findString.get(value) as number | undefined) ?? this.insert(value);
  }

  private insert(value: string): number {
    return Number(this.insertString.run(value).lastInsertRowid);
  }

  private remember(value: string, code: number): void {
    if (this.remembered.size >= MAX_REMEMBERED) this.remembered = new Map();
    this.remembered.set(value, code);
  }
}
