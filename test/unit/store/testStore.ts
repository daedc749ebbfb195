import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../main/core/log.ts';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { openStore, type EvidenceStore } from '../../../main/core/store/openStore.ts';

// A byte-identical copy of the handbook's real public log exports (see test/fixtures/real/PROVENANCE.md),
// kept in the repository so a clean clone tests on them too.
export const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/real');
export const TEST_KEY = Buffer.alloc(32, 0x42);

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'warden-store-'));
}

export function newStore(dir = tempDir(), key = TEST_KEY): EvidenceStore {
  return openStore({ file: path.join(dir, 'stores', 'test.sqlite'), key, log: silentLogger });
}

/** Every fixture file, relative to FIXTURES. */
export function fixtureFiles(): string[] {
  const files: string[] = [];
  for (const dir of readdirSync(FIXTURES, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of readdirSync(path.join(FIXTURES, dir.name))) files.push(`${dir.name}/${f}`);
  }
  return files.sort();
}

/** Columns of a sign-in event compared with its record: strings, few-valued (in the shape) and many-valued ones, numbers. */
const EVENT_TEXT = { shape: ['kind', 'result', 'client_app', 'app_name', 'failure_reason', 'risk_level'], own: ['user_upn', 'client_ip', 'country', 'session_id', 'device_id'] };
const EVENT_NUMBERS = { shape: ['error_code', 'is_interactive'], own: ['latitude', 'longitude'] };

/** The store's sign-in events (signin_events), every number decoded through signin_shapes and signin_strings. */
export function decodedSignInEvents(db: Database): unknown[] {
  const text = (expr: string, column: string) => `(SELECT value FROM signin_strings WHERE id = ${expr}) AS ${column}`;
  return db
    .prepare(
      `SELECT e.id, e.time_ms, ${[
        ...EVENT_TEXT.shape.map((c) => text(`s.${c}`, c)),
        ...EVENT_TEXT.own.map((c) => text(`e.${c}`, c)),
        ...EVENT_NUMBERS.shape.map((c) => `s.${c} AS ${c}`),
        ...EVENT_NUMBERS.own.map((c) => `e.${c} AS ${c}`),
      ].join(', ')}
       FROM signin_events e JOIN signin_shapes s ON s.id = e.shape ORDER BY e.time_ms, e.id`,
    )
    .all();
}

/** The same columns from the records that are sign-in events, for comparison. */
export function signInEventRecords(db: Database): unknown[] {
  return db
    .prepare(
      `SELECT id, time_ms, ${[...EVENT_TEXT.shape, ...EVENT_TEXT.own, ...EVENT_NUMBERS.shape, ...EVENT_NUMBERS.own].join(', ')} FROM records
       WHERE time_ms IS NOT NULL AND (kind = 'signin' OR (kind = 'audit' AND operation IN ('UserLoggedIn', 'UserLoginFailed'))) ORDER BY time_ms, id`,
    )
    .all();
}
