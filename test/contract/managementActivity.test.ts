// The Office 365 Management Activity API: subscriptions, content listing with the 24-hour / 7-day window rules and
// NextPageUri paging, content blobs, AF error codes, and throttling (403 AF429).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import { admin } from './support/admin.ts';
import { appTokens } from './support/appTokens.ts';
import { request, TEST_DATA_DIR, trustingDispatcher } from './support/clients.ts';

interface ContentEntry {
  contentType: string;
  contentId: string;
  contentUri: string;
  contentCreated: string;
  contentExpiration: string;
}

const DAY_MS = 86_400_000;
let emulator: RunningEmulator;
let dispatcher: ReturnType<typeof trustingDispatcher>;
let token: string;
let root: string;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 'feed-contract', users: 20, days: 9, scenarios: 'none', dataDir: TEST_DATA_DIR, logLevel: 'warn' });
  dispatcher = trustingDispatcher(emulator.info.caCert);
  token = await appTokens(emulator.info, dispatcher)('https://manage.office.com');
  root = `${emulator.info.manage}/api/v1.0/${emulator.info.tenantId}/activity/feed`;
});

afterAll(async () => {
  await emulator?.stop();
  await dispatcher?.close();
});

function feed(path: string, method = 'GET', bearer = token) {
  return request(dispatcher, path.startsWith('https://') ? path : `${root}${path}`, { method, headers: { Authorization: `Bearer ${bearer}` } });
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

describe('Management Activity API', () => {
  it('starts, lists and refuses to re-start subscriptions; lists content only for subscribed types', async () => {
    const started = await feed('/subscriptions/start?contentType=Audit.Exchange', 'POST');
    expect(started.status).toBe(200);
    expect(started.body).toEqual({ contentType: 'Audit.Exchange', status: 'enabled', webhook: null });
    expect((await feed('/subscriptions/start?contentType=Audit.Exchange', 'POST')).body).toEqual({
      error: { code: 'AF20024', message: 'The subscription is already enabled. No property change.' },
    });
    expect((await feed('/subscriptions/start?contentType=Audit.AzureActiveDirectory', 'POST')).status).toBe(200);
    expect(((await feed('/subscriptions/list')).body as Array<{ contentType: string }>).map((s) => s.contentType).sort()).toEqual([
      'Audit.AzureActiveDirectory',
      'Audit.Exchange',
    ]);
    const unsubscribed = await feed('/subscriptions/content?contentType=Audit.General');
    expect(unsubscribed.status).toBe(400);
    expect(unsubscribed.body).toMatchObject({ error: { code: 'AF20022' } });
    expect((await feed('/subscriptions/start?contentType=Audit.Nothing', 'POST')).body).toMatchObject({ error: { code: 'AF20020' } });
  });

  it('enforces the window rules with AF20030 / AF20055', async () => {
    const now = Date.now();
    const only = await feed(`/subscriptions/content?contentType=Audit.Exchange&startTime=${stamp(now - DAY_MS)}`);
    expect(only.body).toMatchObject({ error: { code: 'AF20030' } });
    const tooLong = await feed(`/subscriptions/content?contentType=Audit.Exchange&startTime=${stamp(now - 2 * DAY_MS)}&endTime=${stamp(now)}`);
    expect(tooLong.body).toMatchObject({ error: { code: 'AF20030' } });
    const tooOld = await feed(`/subscriptions/content?contentType=Audit.Exchange&startTime=${stamp(now - 8 * DAY_MS)}&endTime=${stamp(now - 7.5 * DAY_MS)}`);
    expect(tooOld.body).toMatchObject({ error: { code: 'AF20030' } });
    const backwards = await feed(`/subscriptions/content?contentType=Audit.Exchange&startTime=${stamp(now - DAY_MS)}&endTime=${stamp(now - 2 * DAY_MS)}`);
    expect(backwards.body).toMatchObject({ error: { code: 'AF20055' } });
    const badPage = await feed(`/subscriptions/content?contentType=Audit.Exchange&nextPage=garbage`);
    expect(badPage.body).toMatchObject({ error: { code: 'AF20031' } });
  });

  it('serves every record of the last seven days through 24-hour windows, NextPageUri pages and blobs', async () => {
    await admin(dispatcher, emulator.info, '/feed', { listPageSize: 7 });
    const now = Date.now();
    const seen = new Set<string>();
    let pagesWithNext = 0;
    for (const type of ['Audit.Exchange', 'Audit.AzureActiveDirectory']) {
      for (let day = 7; day >= 1; day--) {
        let next: string | undefined =
          `${root}/subscriptions/content?contentType=${type}&startTime=${stamp(now - day * DAY_MS + 60_000)}&endTime=${stamp(now - (day - 1) * DAY_MS)}`;
        while (next) {
          const page = await feed(next);
          expect(page.status).toBe(200);
          for (const entry of page.body as ContentEntry[]) {
            expect(entry.contentType).toBe(type);
            expect(Date.parse(entry.contentExpiration) - Date.parse(entry.contentCreated)).toBe(7 * DAY_MS);
            const blob = await feed(entry.contentUri);
            expect(blob.status).toBe(200);
            for (const record of blob.body as Array<{ Id: string; Workload: string }>) {
              expect(record.Workload).toBe(type === 'Audit.Exchange' ? 'Exchange' : 'AzureActiveDirectory');
              seen.add(record.Id);
            }
          }
          next = page.headers.get('nextpageuri') ?? undefined;
          if (next) pagesWithNext += 1;
        }
      }
    }
    expect(pagesWithNext).toBeGreaterThan(0);
    // Ground truth: each history hour is served as four quarter-hour blobs (records by CreationTime), each
    // published 5 minutes after its quarter ends; the last 7 days (less one minute) of publications must all have
    // been served, and nothing else. Only the two content types listed above count (an hour may hold others).
    // The server's clock moves on while the test pages (seconds, more on a loaded machine): a publication within a
    // few minutes of the 7-day edge may fall on either side, so those may be served or not; every other record
    // must be served exactly.
    const activity = emulator.tenant.activity;
    const expected = new Set<string>();
    const edge = new Set<string>();
    const edgeMs = 5 * 60_000;
    const quarterMs = 15 * 60_000;
    const oldest = now - 7 * DAY_MS + 60_000;
    for (let h = 0; h < activity.hourCount; h++) {
      const hourMs = activity.hourStart(h).getTime();
      for (const r of activity.auditRecords(h)) {
        if (!['Audit.Exchange', 'Audit.AzureActiveDirectory'].includes(activity.contentTypeOf(r))) continue;
        const quarter = Math.floor((Date.parse(`${r.CreationTime}Z`) - hourMs) / quarterMs);
        const published = hourMs + (quarter + 1) * quarterMs + 5 * 60_000;
        // The newest edge too: a blob published in the minutes around `now` may be listed or not yet (seen in CI).
        if (published >= oldest + edgeMs && published <= now - edgeMs) expected.add(r.Id);
        else if ((published >= oldest - edgeMs && published < oldest + edgeMs) || (published > now - edgeMs && published <= now + edgeMs)) edge.add(r.Id);
      }
    }
    expect(expected.size).toBeGreaterThan(1000);
    expect([...expected].filter((id) => !seen.has(id))).toEqual([]);
    expect([...seen].filter((id) => !expected.has(id) && !edge.has(id))).toEqual([]);
    await admin(dispatcher, emulator.info, '/feed', { listPageSize: 200 });
  }, 60_000);

  it('answers bad content ids, expired content, foreign tenants and wrong tokens with AF errors', async () => {
    const page = (await feed('/subscriptions/content?contentType=Audit.Exchange')).body as ContentEntry[];
    const entry = page[0]!;
    expect((await feed(`/audit/not-a-content-id`)).body).toMatchObject({ error: { code: 'AF20052' } });
    const forged = entry.contentUri.replace(/\$([0-9a-f]{32})\$04$/, `$${'0'.repeat(32)}$04`);
    expect((await feed(forged)).body).toMatchObject({ error: { code: 'AF20050' } });
    const foreign = await request(dispatcher, `${emulator.info.manage}/api/v1.0/00000000-0000-0000-0000-000000000001/activity/feed/subscriptions/list`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(foreign.body).toMatchObject({ error: { code: 'AF20010' } });
    const notGuid = await request(dispatcher, `${emulator.info.manage}/api/v1.0/contoso/activity/feed/subscriptions/list`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(notGuid.body).toMatchObject({ error: { code: 'AF20013' } });
    const graphToken = await appTokens(emulator.info, dispatcher)('https://graph.microsoft.com');
    const wrongAudience = await feed('/subscriptions/list', 'GET', graphToken);
    expect(wrongAudience.status).toBe(401);
    expect(wrongAudience.body).toEqual({ Message: 'Authorization has been denied for this request.' });

    // A day later (ingestion clock), the oldest blob is more than 7 days old.
    const oldest = (
      await feed(
        `/subscriptions/content?contentType=Audit.Exchange&startTime=${stamp(Date.now() - 7 * DAY_MS + 60_000)}&endTime=${stamp(Date.now() - 6 * DAY_MS)}`,
      )
    ).body as ContentEntry[];
    await admin(dispatcher, emulator.info, '/clock', { advanceSeconds: 86_400 });
    expect((await feed(oldest[0]!.contentUri)).body).toMatchObject({ error: { code: 'AF20051' } });
  });

  it('throttles with 403 AF429 once the tenant budget is spent, and stops subscriptions', async () => {
    await admin(dispatcher, emulator.info, '/throttling', { manage: { requests: 3, windowSeconds: 60 } });
    for (let i = 0; i < 3; i++) expect((await feed('/subscriptions/list')).status).toBe(200);
    const throttled = await feed('/subscriptions/list?PublisherIdentifier=46b472a7-c68e-4adf-8ade-3db49497518e');
    expect(throttled.status).toBe(403);
    expect(throttled.body).toEqual({
      error: { code: 'AF429', message: 'Too many requests. Method=ListSubscriptions, PublisherId=46b472a7-c68e-4adf-8ade-3db49497518e' },
    });
    await admin(dispatcher, emulator.info, '/throttling', { manage: null });
    expect((await feed('/subscriptions/stop?contentType=Audit.Exchange', 'POST')).status).toBe(200);
    expect((await feed('/subscriptions/content?contentType=Audit.Exchange')).body).toMatchObject({ error: { code: 'AF20022' } });
  });
});
