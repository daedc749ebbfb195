import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../main/core/importers/importFile.ts';
import { BatchWriter } from '../../../main/core/store/batchWriter.ts';
import type { EvidenceStore } from '../../../main/core/store/openStore.ts';
import { emptyFields, type EvidenceRecord } from '../../../main/core/store/recordFields.ts';
import { FIXTURES, newStore, tempDir } from './testStore.ts';

/** The event columns as the stream reads them, each string through signin_strings. */
const STRING_COLUMNS = ['kind', 'user_upn', 'client_ip', 'result', 'country', 'client_app', 'app_name', 'session_id', 'device_id', 'risk_level'] as const;
const events = (store: EvidenceStore) =>
  store.db
    .prepare(
      `SELECT e.id, e.time_ms, e.error_code, e.latitude, e.longitude, e.is_interactive,
         ${STRING_COLUMNS.map((c) => `(SELECT value FROM signin_strings WHERE id = e.${c}) AS ${c}`).join(', ')}
       FROM signin_events e ORDER BY e.time_ms, e.id`,
    )
    .all();
const signInRecords = (store: EvidenceStore) =>
  store.db
    .prepare(
      `SELECT id, time_ms, error_code, latitude, longitude, is_interactive, ${STRING_COLUMNS.join(', ')} FROM records
       WHERE time_ms IS NOT NULL AND (kind = 'signin' OR (kind = 'audit' AND operation IN ('UserLoggedIn', 'UserLoginFailed'))) ORDER BY time_ms, id`,
    )
    .all();
/** Every number an event holds names a stored string. */
const danglingCodes = (store: EvidenceStore) =>
  (
    store.db
      .prepare(
        `SELECT count(*) AS n FROM signin_events e WHERE ${STRING_COLUMNS.map((c) => `(e.${c} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM signin_strings s WHERE s.id = e.${c}))`).join(' OR ')}`,
      )
      .get() as { n: number }
  ).n;
const domains = (store: EvidenceStore) => store.db.prepare('SELECT domain FROM account_domains ORDER BY domain').pluck().all();

function logon(user: string, ip: string, timeMs: number, operation = 'UserLoggedIn'): EvidenceRecord {
  const raw = JSON.stringify({ Operation: operation, UserId: user, ClientIP: ip, CreationTime: new Date(timeMs).toISOString() });
  return {
    kind: 'audit',
    format: 'ual',
    sourceId: `${user}-${timeMs}`,
    dedupKey: `ual:${user}-${timeMs}:${raw.length}`,
    fields: { ...emptyFields(), time_ms: timeMs, operation, user_upn: user, client_ip: ip, result: operation === 'UserLoggedIn' ? 'success' : 'failure' },
    raw: Buffer.from(raw),
    text: raw,
  };
}

const mailReadCounts = (store: EvidenceStore) => store.db.prepare('SELECT user_upn, hour, n FROM mail_items_accessed_hourly ORDER BY user_upn, hour').raw(true).all();

describe('the tables the batch writer keeps beside the records', () => {
  it('gives every stored sign-in event its row, each string stored once; notes the accounts’ domains and counts MailItemsAccessed', async () => {
    const store = newStore();
    const signIns = await importFile(store, path.join(FIXTURES, 'msticnb-signin-obfuscated/aad_signin_random.json'));
    const logons = await importFile(store, path.join(FIXTURES, 'otrf-m365-atomic/o365spray_default.json'));
    const audit = await importFile(store, path.join(FIXTURES, 'otrf-m365-atomic/add_a_user_to_company_administrator_role.json'));
    expect(signIns.inserted).toBeGreaterThan(0);
    expect(logons.inserted).toBeGreaterThan(0);
    expect(audit.inserted).toBeGreaterThan(0);
    const mailReads = await importFile(store, path.join(FIXTURES, 'otrf-goldensaml/OfficeActivityEvents.json'));
    expect(mailReads.inserted).toBeGreaterThan(0);

    const stored = signInRecords(store);
    expect(stored.length).toBeGreaterThan(signIns.inserted); // the sign-ins, and the spray's failed logons
    expect(events(store)).toEqual(stored);
    const strings = store.db.prepare('SELECT count(*) AS n, count(DISTINCT value) AS distinct_ FROM signin_strings').get() as { n: number; distinct_: number };
    expect(strings.n).toBe(strings.distinct_);

    // The domains, as migration 7 worked them out from the records.
    const expected = store.db
      .prepare(
        `SELECT DISTINCT lower(substr(user_upn, length(rtrim(user_upn, replace(user_upn, '@', ''))) + 1)) AS d FROM records
         WHERE user_upn IS NOT NULL AND instr(user_upn, '#ext#') = 0 AND length(rtrim(user_upn, replace(user_upn, '@', ''))) > 1 ORDER BY d`,
      )
      .pluck()
      .all();
    expect(expected.length).toBeGreaterThan(0);
    expect(domains(store)).toEqual(expected);

    // MailItemsAccessed per account and hour, as migration 6 counted them from the records.
    const counted = store.db
      .prepare(
        `SELECT user_upn, time_ms / 3600000 AS hour, count(*) AS n FROM records
         WHERE operation = 'MailItemsAccessed' AND user_upn IS NOT NULL AND time_ms IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .raw(true)
      .all();
    expect(counted.length).toBeGreaterThan(0);
    expect(mailReadCounts(store)).toEqual(counted);
    store.close();
  });

  it('keeps no number from a batch that was rolled back: the same strings written again are stored again', () => {
    const store = newStore();
    const t = Date.UTC(2026, 4, 2, 9);
    const first = new BatchWriter(store, { source: 'test', origin: 'kept' });
    first.add(logon('adele@contoso.com', '203.0.113.7', t));
    first.commit();

    // New strings (an account, an address, a result, a domain) numbered in a batch that is then abandoned.
    const abandoned = new BatchWriter(store, { source: 'test', origin: 'abandoned' });
    abandoned.add(logon('megan@fabrikam.example', '198.51.100.23', t + 1000, 'UserLoginFailed'));
    abandoned.abort();
    expect(events(store)).toHaveLength(1);
    expect(domains(store)).toEqual(['contoso.com']);

    // Other strings take those numbers; then the abandoned ones come back.
    const other = new BatchWriter(store, { source: 'test', origin: 'other' });
    other.add(logon('alex@contoso.com', '192.0.2.10', t + 2000));
    other.commit();
    const again = new BatchWriter(store, { source: 'test', origin: 'again' });
    again.add(logon('megan@fabrikam.example', '198.51.100.23', t + 1000, 'UserLoginFailed'));
    again.commit();

    expect(danglingCodes(store)).toBe(0);
    expect(events(store)).toEqual(signInRecords(store));
    expect(events(store).map((e) => (e as { user_upn: string }).user_upn)).toEqual(['adele@contoso.com', 'megan@fabrikam.example', 'alex@contoso.com']);
    expect(domains(store)).toEqual(['contoso.com', 'fabrikam.example']);
    store.close();
  });

  it('reads strings another connection stored, and a record removed takes its event with it', () => {
    const dir = tempDir();
    const a = newStore(dir);
    const b = newStore(dir);
    const t = Date.UTC(2026, 4, 2, 9);
    const fromA = new BatchWriter(a, { source: 'test', origin: 'a' });
    fromA.add(logon('adele@contoso.com', '203.0.113.7', t));
    fromA.commit();
    const fromB = new BatchWriter(b, { source: 'test', origin: 'b' });
    fromB.add(logon('adele@contoso.com', '203.0.113.7', t + 5000));
    fromB.commit();
    expect(b.db.prepare('SELECT count(*) AS n FROM signin_strings WHERE value = ?').get('adele@contoso.com')).toEqual({ n: 1 });
    expect(events(b)).toEqual(signInRecords(b));

    const firstId = (events(b)[0] as { id: number }).id;
    b.db.prepare('DELETE FROM records WHERE id = ?').run(firstId);
    expect(events(b)).toEqual(signInRecords(b));
    expect(events(b)).toHaveLength(1);
    a.close();
    b.close();
  });
});
