import { listLedgerWindows } from '../store/ledger.ts';
import type { PostureInputs } from './postureInputs.ts';
import type { SignInEvidenceRow } from './settingChanges.ts';

/** Sign-in checks look this far back (Entra keeps sign-ins 30 days with P1/P2). */
export const SIGN_IN_LOOKBACK_MS = 30 * 86_400_000;

export interface SignInWindow {
  fromMs: number;
  toMs: number;
  /** Sign-in records stored for the window. */
  stored: number;
  /** Collected windows of the Graph sign-in logs overlapping it, and those not complete. */
  collectedWindows: number;
  openWindows: number;
  describe: string;
}

/** What the store holds of the last 30 days of sign-ins: imported or collected records, and the ledger's word on gaps. */
export function signInWindow(inputs: PostureInputs): SignInWindow {
  const toMs = inputs.now;
  const fromMs = toMs - SIGN_IN_LOOKBACK_MS;
  const stored = (inputs.db.prepare(`SELECT COUNT(*) AS n FROM records WHERE kind = 'signin' AND time_ms >= ? AND time_ms < ?`).get(fromMs, toMs) as { n: number }).n;
  const windows = ['graph:signIns', 'graph:nonInteractiveSignIns'].flatMap((source) => listLedgerWindows(inputs.store, { source, fromMs, toMs }));
  const open = windows.filter((w) => w.status !== 'complete' && w.status !== 'past-retention').length;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const describe = `${stored.toLocaleString('en-US')} stored sign-ins from ${day(fromMs)} to ${day(toMs)}${windows.length ? ` (${windows.length} collected windows${open ? `, ${open} not complete` : ''})` : ''}`;
  return { fromMs, toMs, stored, collectedWindows: windows.length, openWindows: open, describe };
}

/** Successful sign-ins in the window matching a SQL condition over `records`, oldest first. */
export function successfulSignIns(inputs: PostureInputs, window: SignInWindow, where: string, params: readonly unknown[]): SignInEvidenceRow[] {
  return inputs.db
    .prepare(
      `SELECT id, source_id, time_ms, user_upn, client_ip, client_app, app_name FROM records
       WHERE kind = 'signin' AND time_ms >= ? AND time_ms < ? AND result = 'success' AND ${where} ORDER BY time_ms, id`,
    )
    .all(window.fromMs, window.toMs, ...params) as SignInEvidenceRow[];
}
