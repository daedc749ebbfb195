import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { SIGN_IN_SHAPE_COLUMNS, SIGN_IN_SHAPE_TABLE } from '../../store/signInEventTable.ts';
import type { SignInStrings } from './signInStrings.ts';

/** The few-valued columns of a sign-in event (its shape, signin_shapes), strings decoded. */
export interface SignInShape {
  /** An Entra sign-in (else a unified audit log logon). */
  isSignIn: boolean;
  result: string | null;
  clientApp: string | null;
  app: string | null;
  appId: string | null;
  authProtocol: string | null;
  authDetail: string | null;
  failureReason: string | null;
  riskLevel: string | null;
  riskState: string | null;
  errorCode: number | null;
  interactive: boolean | null;
}

/** A row of signin_shapes: id, then SIGN_IN_SHAPE_COLUMNS. */
type ShapeRow = [number, ...(number | null)[]];
const at = Object.fromEntries(SIGN_IN_SHAPE_COLUMNS.map((name, i) => [name, i + 1])) as { [N in (typeof SIGN_IN_SHAPE_COLUMNS)[number]]: number };

/**
 * The store's shapes by number: all read when made (a few thousand), and any written since (a collection
 * storing records while a pass reads) read when first met.
 */
export class SignInShapes {
  private readonly byNumber: (SignInShape | undefined)[] = [];
  private readonly one: Statement;
  private readonly strings: SignInStrings;

  constructor(db: Database, strings: SignInStrings) {
    this.strings = strings;
    const columns = `id, ${SIGN_IN_SHAPE_COLUMNS.join(', ')} FROM ${SIGN_IN_SHAPE_TABLE}`;
    this.one = db.prepare(`SELECT ${columns} WHERE id = ?`).raw(true);
    for (const row of db.prepare(`SELECT ${columns}`).raw(true).all() as ShapeRow[]) this.byNumber[row[0]] = this.decode(row);
  }

  get(shape: number): SignInShape {
    const known = this.byNumber[shape];
    if (known) return known;
    const row = this.one.get(shape) as ShapeRow | undefined;
    if (!row) throw new Error(`The sign-in shape table has no shape ${shape}: the store is damaged.`);
    return (this.byNumber[shape] = this.decode(row));
  }

  private decode(r: ShapeRow): SignInShape {
    const text = (column: number) => this.strings.value(r[column]);
    const interactive = r[at.is_interactive];
    return {
      isSignIn: text(at.kind) === 'signin',
      result: text(at.result),
      clientApp: text(at.client_app),
      app: text(at.app_name),
      appId: text(at.app_id),
      authProtocol: text(at.auth_protocol),
      authDetail: text(at.auth_detail),
      failureReason: text(at.failure_reason),
      riskLevel: text(at.risk_level),
      riskState: text(at.risk_state),
      errorCode: r[at.error_code] ?? null,
      interactive: interactive === null || interactive === undefined ? null : interactive === 1,
    };
  }
}
