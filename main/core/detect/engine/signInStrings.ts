import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { SIGN_IN_STRING_TABLE } from '../../store/signInEventTable.ts';

/**
 * The strings of the sign-in events by number (signin_strings), each read from the store once and
 * kept. Every event with the same user, address or app then gives the very same JavaScript string:
 * nothing is allocated per event, and a rule's map lookups reuse the string's hash.
 */
export class SignInStrings {
  private values: (string | undefined)[] = [];
  private readonly one: Statement;
  private readonly numberOf: Statement;
  private readonly all: Statement;
  private readonly allValues: Statement;
  private readonly lastNumber: Statement;
  private complete = false;

  constructor(db: Database) {
    this.one = db.prepare(`SELECT value FROM ${SIGN_IN_STRING_TABLE} WHERE id = ?`).pluck();
    this.numberOf = db.prepare(`SELECT id FROM ${SIGN_IN_STRING_TABLE} WHERE value = ?`).pluck();
    this.all = db.prepare(`SELECT id, value FROM ${SIGN_IN_STRING_TABLE} ORDER BY id`).raw(true);
    this.allValues = db.prepare(`SELECT value FROM ${SIGN_IN_STRING_TABLE} ORDER BY id`).pluck();
    this.lastNumber = db.prepare(`SELECT max(id) FROM ${SIGN_IN_STRING_TABLE}`).pluck();
  }

  /** The string numbered `code`; null for a NULL column. */
  value(code: unknown): string | null {
    if (code === null) return null;
    const known = this.values[code as number];
    if (known !== undefined) return known;
    const value = this.one.get(code) as string | undefined;
    if (value === undefined) throw new Error(`The sign-in string table has no string ${String(code)}: the store is damaged.`);
    this.values[code as number] = value;
    return value;
  }

  /** The number of a string, or null when no event has it. */
  code(value: string): number | null {
    return (this.numberOf.get(value) as number | undefined) ?? null;
  }

  /**
   * Reads every string at once: for a pass over many events, one scan is cheaper than a lookup per
   * string (a run over 1,200,000 events meets about 260,000 strings, mostly session ids).
   */
  readAll(): void {
    if (this.complete) return;
    // Numbers are given in order from 1 and strings are never removed, so the values in number order are
    // the table: read as one plain list, a third quicker than (number, value) pairs. Checked, not assumed.
    const inOrder: (string | undefined)[] = this.allValues.all() as string[];
    const last = this.lastNumber.get() as number | null;
    if ((last ?? 0) === inOrder.length) {
      inOrder.unshift(undefined); // number 0 is never given
      this.values = inOrder;
    } else {
      // Filled in order into a new array: an array written at scattered numbers can turn into a slow dictionary.
      const values: (string | undefined)[] = [];
      for (const [id, value] of this.all.iterate() as Iterable<[number, string]>) values[id] = value;
      this.values = values;
    }
    this.complete = true;
  }
}
