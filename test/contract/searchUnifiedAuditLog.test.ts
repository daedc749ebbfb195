// Search-UnifiedAuditLog through InvokeCommand: sessions with ReturnLargeSet stop at 50,000 records and say so
// honestly through ResultIndex / ResultCount; preview pages; the "short session" fault.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import { admin } from './support/admin.ts';
import { appTokens } from './support/appTokens.ts';
import { TEST_DATA_DIR, trustingDispatcher } from './support/clients.ts';
import { errorDetail, invoke, invokeAll } from './support/exo.ts';
import { tinyTenant } from './support/tinyTenant.ts';

interface SearchRow {
  Identity: string;
  ResultIndex: number;
  ResultCount: number;
  CreationDate: string;
  AuditData: string;
}

let emulator: RunningEmulator;
let dispatcher: ReturnType<typeof trustingDispatcher>;
let token: string;
let window: { StartDate: string; EndDate: string };
let total: number;

beforeAll(async () => {
  // 1,500 records an hour for two days: 72,000 hits, more than one session may return.
  emulator = await startEmulator({ tenant: tinyTenant({ days: 2, auditRecordsPerHour: 1500 }), dataDir: TEST_DATA_DIR, logLevel: 'warn' });
  dispatcher = trustingDispatcher(emulator.info.caCert);
  token = await appTokens(emulator.info, dispatcher)('https://outlook.office365.com');
  const activity = emulator.tenant.activity;
  window = { StartDate: activity.hourStart(0).toISOString().slice(0, 19), EndDate: activity.hourStart(activity.hourCount).toISOString().slice(0, 19) };
  total = Array.from({ length: activity.hourCount }, (_, h) => activity.auditRecords(h).length).reduce((a, b) => a + b, 0);
});

afterAll(async () => {
  await emulator?.stop();
  await dispatcher?.close();
});

/** One cmdlet call, its pages followed through @odata.nextLink (1,000 per page), as the module does. */
async function search(parameters: Record<string, unknown>): Promise<SearchRow[]> {
  return (await invokeAll<SearchRow>(dispatcher, emulator.info, token, 'Search-UnifiedAuditLog', { ...window, ...parameters }, 1000)).items;
}

/** Re-runs a ReturnLargeSet session until it returns nothing, as CIPP and the docs prescribe. */
async function drain(sessionId: string, resultSize: number): Promise<{ rows: SearchRow[]; calls: number }> {
  const rows: SearchRow[] = [];
  let calls = 0;
  for (;;) {
    const page = await search({ SessionId: sessionId, SessionCommand: 'ReturnLargeSet', ResultSize: resultSize });
    calls += 1;
    if (page.length === 0 || calls > 40) return { rows, calls };
    rows.push(...page);
  }
}

describe('Search-UnifiedAuditLog', () => {
  it('returns at most 50,000 records per ReturnLargeSet session, with honest ResultIndex and ResultCount', async () => {
    expect(total).toBe(72_000);
    const { rows, calls } = await drain('cap-session', 5000);
    expect(rows).toHaveLength(50_000);
    expect(calls).toBe(11);
    expect(rows.map((r) => r.ResultIndex)).toEqual(Array.from({ length: 50_000 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.ResultCount))).toEqual(new Set([total]));
    expect(new Set(rows.map((r) => r.Identity)).size).toBe(50_000);
    const first = JSON.parse(rows[0]!.AuditData) as { Id: string; CreationTime: string };
    expect(first.Id).toBe(rows[0]!.Identity);
    expect(rows[0]!.CreationDate.startsWith(first.CreationTime)).toBe(true);
  }, 60_000);

  it('pages one call through @odata.nextLink without advancing the session twice', async () => {
    const params = { ...window, SessionId: 'paged-session', SessionCommand: 'ReturnLargeSet', ResultSize: 3000 };
    const first = await invoke<SearchRow>(dispatcher, emulator.info, token, 'Search-UnifiedAuditLog', params, { pageSize: 1000 });
    expect(first.value.map((r) => r.ResultIndex)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    const second = await invoke<SearchRow>(dispatcher, emulator.info, token, 'Search-UnifiedAuditLog', params, { pageSize: 1000, url: first.nextLink });
    const third = await invoke<SearchRow>(dispatcher, emulator.info, token, 'Search-UnifiedAuditLog', params, { pageSize: 1000, url: second.nextLink });
    expect(third.nextLink).toBeUndefined();
    expect(third.value.at(-1)?.ResultIndex).toBe(3000);
    const next = await invoke<SearchRow>(dispatcher, emulator.info, token, 'Search-UnifiedAuditLog', params, { pageSize: 1000 });
    expect(next.value[0]?.ResultIndex).toBe(3001);
  });

  it('serves newest-first preview pages up to 5,000 and validates ResultSize', async () => {
    const preview = await search({ SessionId: 'preview', SessionCommand: 'ReturnNextPreviewPage', ResultSize: 5000 });
    expect(preview).toHaveLength(5000);
    const dates = preview.map((r) => r.CreationDate);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(await search({ SessionId: 'preview', SessionCommand: 'ReturnNextPreviewPage', ResultSize: 5000 })).toEqual([]);

    const tooBig = await invoke(dispatcher, emulator.info, token, 'Search-UnifiedAuditLog', { ...window, ResultSize: 5001 });
    expect(tooBig.status).toBe(400);
    expect(errorDetail(tooBig).message).toContain('greater than the maximum allowed range of 5000');
    const bareString = await invoke(dispatcher, emulator.info, token, 'Search-UnifiedAuditLog', { ...window, UserIds: 'someone@example.com' });
    expect(bareString.status).toBe(400);
    expect(errorDetail(bareString).type).toBe('System.Management.Automation.ParameterBindingException');
    const noDates = await invoke(dispatcher, emulator.info, token, 'Search-UnifiedAuditLog', {});
    expect(noDates.status).toBe(400);
  });

  it('can be told to hand out fewer records than ResultCount promises (fault)', async () => {
    const activity = emulator.tenant.activity;
    const sixHours = { StartDate: window.StartDate, EndDate: activity.hourStart(6).toISOString().slice(0, 19) };
    await admin(dispatcher, emulator.info, '/search-sessions/short', { missing: 1234, count: 1 });
    const rows: SearchRow[] = [];
    for (let calls = 0; calls < 10; calls++) {
      const page = await search({ ...sixHours, SessionId: 'short-session', SessionCommand: 'ReturnLargeSet', ResultSize: 5000 });
      if (page.length === 0) break;
      rows.push(...page);
    }
    expect(rows).toHaveLength(9000 - 1234);
    expect(rows[0]!.ResultCount).toBe(9000);
  });
});
