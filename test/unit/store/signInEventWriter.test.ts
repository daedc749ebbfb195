import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../main/core/importers/importFile.ts';
import { BatchWriter } from '../../../main/core/store/batchWriter.ts';
import type { EvidenceStore } from '../../../main/core/store/openStore.ts';
import { emptyFields, type EvidenceRecord } from '../../../main/core/store/recordFields.ts';
import { decodedSignInEvents, FIXTURES, newStore, signInEventRecords, tempDir } from './testStore.ts';

const events = (store: EvidenceStore) => decodedSignInEvents(store.db);
const signInRecords = (store: EvidenceStore) => signInEventRecords(store.db);
/** Numbers an event or a shape holds that name no stored string (or shape). */
const danglingCodes = (store: EvidenceStore) => {
  const missing = (table: string, column: string) =>
    `(SELECT count(*) FROM ${table} t WHERE t.${column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM signin_strings s WHERE s.id = t.${column}))`;
  const checks = [
    ...['user_upn', 'client_ip', 'country', 'session_id', 'device_id'].map((c) => missing('signin_events', c)),
    ...['kind', 'result', 'client_app', 'app_name', 'app_id', 'auth_protocol', 'auth_detail', 'failure_reason', 'risk_level', 'risk_state'].map((c) =>
      missing('signin_shapes', c),
    ),
    '(SELECT count(*) FROM signin_events e WHERE NOT EXISTS (SELECT 1 FROM signin_shapes s WHERE s.id = e.shape))',
  ];
  return store.db
    .prepare(`SELECT ${checks.join(' + ')}`)
    .pluck()
    .get() as number;
};
const domains = (store: EvidenceStore) => store.db.prepare('SELECT domain FROM account_domains ORDER BY domain').pluck().all();

function logon(user: string, ip: string, timeMs: number, operation = 'UserLoggedIn', errorCode: number | null = null): EvidenceRecord {
  const raw = JSON.stringify({ Operation: operation, UserId: user, ClientIP: ip, CreationTime: new Date(timeMs).toISOString() });
  return {
    kind: 'audit',
    format: 'ual',
    sourceId: `${user}-${timeMs}`,
    dedupKey: `ual:${user}-${timeMs}:${raw.length}`,
    fields: {
      ...emptyFields(),
      time_ms: timeMs,
      operation,
      user_upn: user,
      client_ip: ip,
      result: operation === 'UserLoggedIn' ? 'success' : 'failure',
      error_code: errorCode,
    },
    raw: Buffer.from(raw),
    text: raw,
  };
}

const mailReadCounts = (store: EvidenceStore) =>
  store.db.prepare('SELECT user_upn, hour, n FROM mail_items_accessed_hourly ORDER BY user_upn, hour').raw(true).all();

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

  it('keeps no number from a batch that was rolled back: the same strings and shapes written again are stored again', () => {
    const store = newStore();
    const t = Date.UTC(2026, 4, 2, 9);
    const first = new BatchWriter(store, { source: 'test', origin: 'kept' });
    first.add(logon('adele@contoso.com', '203.0.113.7', t));
    first.add(logon('adele@contoso.com', '203.0.113.7', t + 500, 'UserLoginFailed'));
    first.commit();

    // New strings (an account, an address, a domain) and a new shape (an error code) numbered in a batch then abandoned.
    const abandoned = new BatchWriter(store, { source: 'test', origin: 'abandoned' });
    abandoned.add(logon('megan@fabrikam.example', '198.51.100.23', t + 1000, 'UserLoginFailed', 50126));
    abandoned.abort();
    expect(events(store)).toHaveLength(2);
    expect(domains(store)).toEqual(['contoso.com']);

    // Other strings and another shape take those numbers; then the abandoned ones come back.
    const other = new BatchWriter(store, { source: 'test', origin: 'other' });
    other.add(logon('alex@contoso.com', '192.0.2.10', t + 2000, 'UserLoginFailed', 50053));
    other.commit();
    const again = new BatchWriter(store, { source: 'test', origin: 'again' });
    again.add(logon('megan@fabrikam.example', '198.51.100.23', t + 1000, 'UserLoginFailed', 50126));
    again.commit();

    expect(danglingCodes(store)).toBe(0);
    expect(events(store)).toEqual(signInRecords(store));
    expect(
      events(store)
        .map((e) => e as { user_upn: string; error_code: number | null })
        .map((e) => [e.user_upn, e.error_code]),
    ).toEqual([
      ['adele@contoso.com', null],
      ['adele@contoso.com', null],
      ['megan@fabrikam.example', 50126],
      ['alex@contoso.com', 50053],
    ]);
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
