import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, beforeAll } from 'vitest';
import { silentLogger } from '../../../main/core/log.ts';
import { importFile, type FileImportResult } from '../../../main/core/importers/importFile.ts';
import { openStore, type EvidenceStore } from '../../../main/core/store/openStore.ts';
import { FIXTURES, fixtureFiles, newStore, tempDir, TEST_KEY } from '../store/testStore.ts';

// Records per file, counted independently of the importer (PROVENANCE.md and a line/row count).
const EXPECTED: Record<string, number> = {
  'msticnb-signin-obfuscated/aad_signin_random.json': 300,
  'msticpy-aad-logons/aad_logons.json': 86,
  'otrf-goldensaml/AADAuditEvents.json': 4,
  'otrf-goldensaml/OfficeActivityEvents.json': 1,
  'sentinel-training-lab/AuditLogs_Hunting.csv': 5,
  'sentinel-training-lab/disable_accounts.csv': 4,
  'sentinel-training-lab/office_activity.csv': 266,
  'sentinel-training-lab/office_activity_inbox_rule.csv': 2,
  'sentinel-training-lab/sign-in_adelete.csv': 56,
};

function ndjsonCount(file: string): number {
  return readFileSync(path.join(FIXTURES, file), 'utf8').split('\n').filter((l) => l.trim() !== '').length;
}

type Row = Record<string, unknown>;
const one = (store: EvidenceStore, sql: string, ...params: unknown[]) => store.db.prepare(sql).get(...params) as Row;

describe('importing every real fixture', () => {
  const dir = tempDir();
  let store: EvidenceStore;
  const results = new Map<string, FileImportResult>();

  beforeAll(async () => {
    store = newStore(dir);
    for (const file of fixtureFiles()) results.set(file, await importFile(store, path.join(FIXTURES, file)));
  });

  it('accounts for every record of every file', () => {
    let ual = 0;
    for (const file of fixtureFiles()) {
      const r = results.get(file)!;
      const expected = EXPECTED[file] ?? ndjsonCount(file);
      if (file.startsWith('otrf-m365-atomic/')) ual += r.read;
      expect(r.read, file).toBe(expected);
      expect(r.rejected, file).toBe(0);
      expect(r.inserted + r.duplicates, file).toBe(r.read);
    }
    // PROVENANCE.md says 33; the nine files hold 32 JSON objects (counted with Python's
    // json.raw_decode over each file), and every one of them is read.
    expect(ual).toBe(32);
    // Exact repeats in the spray capture are the only duplicates: same Id and same bytes.
    expect(results.get('otrf-m365-atomic/o365spray_reporting.json')!.duplicates).toBe(3);
    const total = one(store, 'SELECT count(*) AS n FROM records').n as number;
    expect(total).toBe([...results.values()].reduce((s, r) => s + r.inserted, 0));
  });

  it('maps user, operation, time and IP from each shape', () => {
    // Management Activity NDJSON (ExchangeAdmin): port stripped from "104.28.196.199:28491".
    expect(one(store, `SELECT user_upn, operation, time_ms, client_ip, record_type, workload, result FROM records WHERE source_id = '21e87b2c-7fc0-4f65-d5e9-08db59208799'`)).toEqual({
      user_upn: 'stinger@contoso.onmicrosoft.com',
      operation: 'Set-AdminAuditLogConfig',
      time_ms: Date.parse('2023-05-20T10:54:05Z'),
      client_ip: '104.28.196.199',
      record_type: 'ExchangeAdmin',
      workload: 'Exchange',
      result: 'success',
    });
    // STS logon failure: error number and device properties.
    expect(one(store, `SELECT user_upn, error_code, client_ip, result, device_os FROM records WHERE source_id = '2eaee53c-1a71-468b-ae64-3b61f5770600'`)).toEqual({
      user_upn: 'henrietta@contoso.onmicrosoft.com',
      error_code: 500011, // "ErrorNumber":"500011" in the record
      client_ip: '2a09:bac5:114:105::1a:9b',
      result: 'failure',
      device_os: 'Windows 10',
    });
    // Log Analytics OfficeActivity CSV without TimeGenerated: "[v6]:port", time from Start_Time [UTC].
    expect(one(store, `SELECT user_upn, operation, time_ms, client_ip FROM records WHERE source_id = 'd28096ba-03b1-4c2a-1503-08d908826606'`)).toEqual({
      user_upn: 'adelev@contoso.onmicrosoft.com',
      operation: 'New-InboxRule',
      time_ms: Date.parse('2021-04-26T07:17:10Z'),
      client_ip: '2a01:110:8068:7:9bf8:aa87:e00a:5f1f',
    });
    // SigninLogs CSV: "4/28/2021, 2:08:45.221 PM" in a "CreatedDateTime [UTC]" column, *_dynamic columns.
    expect(one(store, `SELECT user_upn, time_ms, client_ip, country, city, app_name, client_app, error_code FROM records WHERE source_id = 'cfb68155-70f5-4e28-b046-0a3a7086c401'`)).toEqual({
      user_upn: 'adelev@m365x816222.onmicrosoft.com',
      time_ms: Date.parse('2021-04-28T14:08:45.221Z'),
      client_ip: '175.45.176.99',
      country: 'IL',
      city: 'Azor',
      app_name: 'Azure Portal',
      client_app: 'Browser',
      error_code: 0,
    });
    // SigninLogs without a time column: the first authentication step's time; failure code and reason.
    expect(one(store, `SELECT user_upn, time_ms, error_code, result, country FROM records WHERE source_id = '698711b3-cf4e-45f4-ae04-d4e340f06b00'`)).toEqual({
      user_upn: 'johns@m365x816222.onmicrosoft.com',
      time_ms: Date.parse('2021-04-19T12:13:19.483Z'),
      error_code: 50057,
      result: 'failure',
      country: 'KP',
    });
    // SigninLogs JSON array (pickled DataFrame): nested objects, lat/long.
    expect(one(store, `SELECT user_upn, time_ms, client_ip, latitude, is_interactive FROM records WHERE source_id = 'f05079ed-f820-4531-ab26-498b53af3800' LIMIT 1`)).toMatchObject({
      user_upn: 'ctfuser3@seccxp.ninja',
      time_ms: Date.parse('2020-05-20T18:19:04.000Z'),
      client_ip: '24.13.212.221',
      latitude: 41.9971809387207,
      is_interactive: 1,
    });
    // Entra AuditLogs hunting projection: no time column at all, initiator from InitiatedBy JSON text.
    expect(one(store, `SELECT user_upn, operation, time_ms, client_ip FROM records WHERE source_id = 'Directory_9cee9603-bca7-4e62-9634-f1bfdc39ca2f_1261B_35670955'`)).toEqual({
      user_upn: 'victim@buildseccxpninja.onmicrosoft.com',
      operation: 'Update application – Certificates and secrets management', // normalized fields are trimmed; raw keeps the space
      time_ms: null,
      client_ip: '45.153.160.2',
    });
  });

  it('keeps every record byte for byte', () => {
    const raw = store.db.prepare(`SELECT w.raw FROM record_raw w JOIN records r ON r.id = w.id WHERE r.source_id = '21e87b2c-7fc0-4f65-d5e9-08db59208799'`).get() as { raw: Buffer };
    const source = readFileSync(path.join(FIXTURES, 'otrf-m365-atomic/unified_auditlog_ingestion_stopped.json'));
    expect(raw.raw.equals(source.subarray(source.indexOf('{'), source.lastIndexOf('}') + 1))).toBe(true);
  });

  it('adds nothing when the same files are imported again', async () => {
    const before = one(store, 'SELECT count(*) AS n FROM records').n;
    for (const file of fixtureFiles()) {
      const again = await importFile(store, path.join(FIXTURES, file));
      expect(again.inserted, file).toBe(0);
      expect(again.duplicates, file).toBe(again.read);
    }
    expect(one(store, 'SELECT count(*) AS n FROM records').n).toBe(before);
  });

  it('leaves no readable record text on disk and cannot be opened without the key', () => {
    const file = store.file;
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toContain('SQLite format 3');
    for (const needle of ['stinger@contoso.onmicrosoft.com', 'adelev@m365x816222.onmicrosoft.com', 'New-InboxRule', 'Set-AdminAuditLogConfig']) {
      expect(bytes.includes(Buffer.from(needle)), needle).toBe(false);
    }
    const digest = createHash('sha256').update(bytes).digest('hex');
    expect(() => openStore({ file, key: Buffer.alloc(32, 1), log: silentLogger })).toThrow(/wrong key or not a Warden store/);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(digest);
    const reopened = openStore({ file, key: TEST_KEY, log: silentLogger });
    expect((reopened.db.prepare('SELECT count(*) AS n FROM records').get() as Row).n).toBeGreaterThan(700);
    reopened.close();
  });
});
