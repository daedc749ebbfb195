// The Management Activity history generated on a worker thread (the CLI's default) is the same, byte for byte, as
// generated on the serving thread; a failure on the worker reaches the caller as an error naming the hour.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import { GeneratorThread } from '../../emulator/manage/generatorThread.ts';
import { HistoryBlobs } from '../../emulator/manage/historyBlobs.ts';
import { AuditRecordSource } from '../../emulator/state/auditRecordSource.ts';
import { IngestionClock } from '../../emulator/state/ingestionClock.ts';
import { OverlayAuditLog } from '../../emulator/state/overlayAuditLog.ts';
import { admin } from './support/admin.ts';
import { appTokens } from './support/appTokens.ts';
import { request, TEST_DATA_DIR, trustingDispatcher } from './support/clients.ts';

const DAY_MS = 86_400_000;
const END = new Date(Date.UTC(2026, 10, 27, 12));

interface Side {
  emulator: RunningEmulator;
  dispatcher: ReturnType<typeof trustingDispatcher>;
  token: string;
}

async function side(generatorThread: boolean): Promise<Side> {
  const emulator = await startEmulator({
    seed: 'thread-contract',
    users: 150,
    days: 3,
    end: END,
    scenarios: 'all',
    dataDir: TEST_DATA_DIR,
    logLevel: 'warn',
    generatorThread,
  });
  const dispatcher = trustingDispatcher(emulator.info.caCert);
  // Only the bytes are compared here, not Microsoft's request budget.
  await admin(dispatcher, emulator.info, '/throttling', { manage: null });
  const token = await appTokens(emulator.info, dispatcher)('https://manage.office.com');
  return { emulator, dispatcher, token };
}

/** Every blob of the last `days` days of one content type, in listing order: [contentId, body text]. */
async function pull(s: Side, type: string, days: number): Promise<Array<[string, string]>> {
  const root = `${s.emulator.info.manage}/api/v1.0/${s.emulator.info.tenantId}/activity/feed`;
  const headers = { Authorization: `Bearer ${s.token}` };
  await request(s.dispatcher, `${root}/subscriptions/start?contentType=${type}`, { method: 'POST', headers });
  const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19);
  const blobs: Array<[string, string]> = [];
  // The emulator publishes up to the real clock; END lies in the past, so these windows are all published.
  for (let day = days; day >= 1; day--) {
    let next: string | null =
      `${root}/subscriptions/content?contentType=${type}&startTime=${stamp(END.getTime() - day * DAY_MS)}&endTime=${stamp(END.getTime() - (day - 1) * DAY_MS)}`;
    while (next) {
      const list = await request(s.dispatcher, next, { headers });
      expect(list.status, list.text).toBe(200);
      for (const entry of list.body as Array<{ contentId: string; contentUri: string }>) {
        const blob = await request(s.dispatcher, entry.contentUri, { headers });
        expect(blob.status, blob.text).toBe(200);
        blobs.push([entry.contentId, blob.text]);
      }
      next = list.headers.get('nextpageuri');
    }
  }
  return blobs;
}

describe('history generated on a worker thread', () => {
  let threaded: Side;
  let inline: Side;

  beforeAll(async () => {
    threaded = await side(true);
    inline = await side(false);
  });

  afterAll(async () => {
    for (const s of [threaded, inline]) {
      await s?.emulator.stop();
      await s?.dispatcher.close();
    }
  });

  it('serves the same blobs, byte for byte, as the serving thread generates', async () => {
    // Exchange first, then Azure AD: the second walk reads blobs kept from the first one's hours.
    for (const type of ['Audit.Exchange', 'Audit.AzureActiveDirectory']) {
      const [a, b] = await Promise.all([pull(threaded, type, 2), pull(inline, type, 2)]);
      expect(a.length).toBe(2 * 24 * 4);
      expect(a.map(([id]) => id)).toEqual(b.map(([id]) => id));
      const records = a.reduce((sum, [, text]) => sum + (JSON.parse(text) as unknown[]).length, 0);
      expect(records).toBeGreaterThan(500);
      for (let i = 0; i < a.length; i++) expect(a[i]![1] === b[i]![1], `blob ${a[i]![0]}`).toBe(true);
    }
  });

  it('grows a shared buffer that an hour does not fit, and gives the same records', async () => {
    const thread = new GeneratorThread(threaded.emulator.tenant.options, { slots: 1, slotBytes: 1024 });
    try {
      for (const h of [30, 31, 30]) {
        const hour = await thread.hour(h);
        const expected = inline.emulator.tenant.activity.auditRecords(h).map((r) => JSON.stringify(r));
        expect(hour.bytes.length).toBeGreaterThan(1024);
        expect(Array.from({ length: hour.count }, (_, i) => hour.bytes.toString('utf8', hour.start[i]!, hour.end[i]!))).toEqual(expected);
        hour.release();
      }
    } finally {
      await thread.close();
    }
  });

  it('generates on the serving thread once the worker is gone, with the same bytes', async () => {
    const tenant = threaded.emulator.tenant;
    const source = () => new AuditRecordSource(tenant, new OverlayAuditLog(), new IngestionClock(30));
    const types = ['Audit.Exchange', 'Audit.AzureActiveDirectory'] as const;
    const failures: Error[] = [];
    const thread = new GeneratorThread(tenant.options, { onFailure: (e) => failures.push(e) });
    const withThread = new HistoryBlobs(source(), 4, types, { thread });
    const inline = new HistoryBlobs(source(), 4, types);
    const text = async (blobs: HistoryBlobs, h: number) => {
      const body = await blobs.blob(h, 'Audit.Exchange', 1);
      body.release();
      return Buffer.concat(body.chunks).toString('utf8');
    };
    expect(await text(withThread, 40)).toBe(await text(inline, 40));
    // The worker dies (as if it crashed) while hour 41, asked ahead, may be on its way.
    await thread['worker'].terminate();
    expect(thread.broken).toBe(true);
    expect(failures.map((e) => e.message)).toEqual(['the generator thread exited (code 1)']);
    for (const h of [41, 42, 50]) expect(await text(withThread, h)).toBe(await text(inline, h));
  });

  it('names the hour when generating it fails on the worker, and keeps serving', async () => {
    const thread = new GeneratorThread(threaded.emulator.tenant.options);
    try {
      await expect(thread.hour(-1)).rejects.toThrow(/generating hour -1 failed on the generator thread: RangeError: hour -1 is outside the history/);
      const hour = await thread.hour(5);
      expect(hour.count).toBeGreaterThan(0);
      expect(JSON.parse(hour.bytes.toString('utf8', hour.start[0]!, hour.end[0]!))).toHaveProperty('CreationTime');
      hour.release();
    } finally {
      await thread.close();
    }
    await expect(thread.hour(6)).rejects.toThrow(/closed/);
  });
});
