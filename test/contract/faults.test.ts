// Injected faults: deterministic --faults rates, and per-endpoint rules set through the admin API (429 storms,
// 503s, connections reset mid-body, truncated JSON, slow answers, a page that keeps failing), all visible in the
// request log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import { admin, requestLog } from './support/admin.ts';
import { appTokens } from './support/appTokens.ts';
import { request, TEST_DATA_DIR, trustingDispatcher } from './support/clients.ts';
import { errorDetail, invoke } from './support/exo.ts';
import { tinyTenant } from './support/tinyTenant.ts';

let emulator: RunningEmulator;
let dispatcher: ReturnType<typeof trustingDispatcher>;
let graph: string;

beforeAll(async () => {
  emulator = await startEmulator({ tenant: tinyTenant({ days: 1 }), dataDir: TEST_DATA_DIR, logLevel: 'warn' });
  dispatcher = trustingDispatcher(emulator.info.caCert);
  graph = await appTokens(emulator.info, dispatcher)('https://graph.microsoft.com');
});

afterAll(async () => {
  await emulator?.stop();
  await dispatcher?.close();
});

const users = () => request(dispatcher, `${emulator.info.graph}/v1.0/users?$top=2`, { headers: { Authorization: `Bearer ${graph}` } });

describe('fault injection', () => {
  it('plays a 429 storm with Retry-After, then recovers, and logs each answer', async () => {
    await admin(dispatcher, emulator.info, '/faults', {
      rules: [{ kind: '429', match: { service: 'graph', path: '/users' }, count: 3, retryAfterSeconds: 2 }],
    });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await users();
      statuses.push(r.status);
      if (r.status === 429) {
        expect(r.headers.get('retry-after')).toBe('2');
        expect(r.body).toMatchObject({ error: { code: 'TooManyRequests' } });
      }
    }
    expect(statuses).toEqual([429, 429, 429, 200]);
    const log = (await requestLog(dispatcher, emulator.info)).filter((r) => r.path.startsWith('/graph/v1.0/users'));
    expect(log.slice(-4).map((r) => [r.status, r.fault ?? null, r.retryAfter ?? null])).toEqual([
      [429, '429', 2],
      [429, '429', 2],
      [429, '429', 2],
      [200, null, null],
    ]);
  });

  it('throttles one Exchange cmdlet with 429, Retry-After and the module error shape', async () => {
    const exo = await appTokens(emulator.info, dispatcher)('https://outlook.office365.com');
    await admin(dispatcher, emulator.info, '/faults', {
      rules: [{ kind: '429', match: { service: 'exo', cmdlet: 'get-mailbox' }, count: 1, retryAfterSeconds: 3 }],
    });
    const throttled = await invoke(dispatcher, emulator.info, exo, 'Get-Mailbox');
    expect(throttled.status).toBe(429);
    expect(throttled.response.headers.get('retry-after')).toBe('3');
    expect(errorDetail(throttled).message).toContain('Please wait and try again');
    expect((await invoke(dispatcher, emulator.info, exo, 'Get-RoleGroup')).status).toBe(200);
    expect((await invoke(dispatcher, emulator.info, exo, 'Get-Mailbox')).status).toBe(200);
    const logged = (await requestLog(dispatcher, emulator.info)).filter((r) => r.service === 'exo');
    expect(logged.map((r) => [r.note?.['cmdlet'] ?? null, r.status])).toEqual([
      ['Get-Mailbox', 429],
      ['Get-RoleGroup', 200],
      ['Get-Mailbox', 200],
    ]);
  });

  it('resets the connection mid-body, truncates JSON, answers slowly and keeps one page failing', async () => {
    await admin(dispatcher, emulator.info, '/faults', { rules: [{ kind: 'reset', match: { path: '/users' }, count: 1 }] });
    await expect(users()).rejects.toThrow();
    await admin(dispatcher, emulator.info, '/faults', { rules: [{ kind: 'truncate', match: { path: '/users' }, count: 1 }] });
    const truncated = await users();
    expect(truncated.status).toBe(200);
    expect(truncated.body).toBeUndefined();
    expect(() => JSON.parse(truncated.text)).toThrow();
    await admin(dispatcher, emulator.info, '/faults', { rules: [{ kind: 'slow', match: { path: '/users' }, count: 1, delayMs: 400 }] });
    const t0 = performance.now();
    expect((await users()).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(400);

    // Every request for the second page fails with 503, for good; the first page is fine.
    await admin(dispatcher, emulator.info, '/faults', { rules: [{ kind: '503', match: { service: 'graph', path: '$skiptoken=' } }] });
    const first = await users();
    expect(first.status).toBe(200);
    const next = (first.body as { '@odata.nextLink': string })['@odata.nextLink'];
    for (let i = 0; i < 3; i++) {
      const again = await request(dispatcher, next, { headers: { Authorization: `Bearer ${graph}` } });
      expect(again.status).toBe(503);
      expect(again.body).toMatchObject({ error: { code: 'serviceNotAvailable' } });
    }
    await request(dispatcher, `${emulator.info.admin}/faults`, { method: 'DELETE' });
    expect((await request(dispatcher, next, { headers: { Authorization: `Bearer ${graph}` } })).status).toBe(200);
  });

  it('draws --faults rates deterministically from the seed', async () => {
    const run = async () => {
      const e = await startEmulator({ tenant: tinyTenant({ days: 1 }), dataDir: TEST_DATA_DIR, faults: '429=0.3,503=0.2', logLevel: 'warn' });
      const d = trustingDispatcher(e.info.caCert);
      const token = await appTokens(e.info, d)('https://graph.microsoft.com');
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++)
        statuses.push((await request(d, `${e.info.graph}/v1.0/users?$top=${1 + (i % 5)}`, { headers: { Authorization: `Bearer ${token}` } })).status);
      await e.stop();
      await d.close();
      return statuses;
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    expect(a.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(a.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(0);
  });

  it('refuses malformed fault rules with the reason', async () => {
    const bad = await request(dispatcher, `${emulator.info.admin}/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ rules: [{ kind: 'explode' }] }),
    });
    expect(bad.status).toBe(400);
    expect((bad.body as { message: string }).message).toContain('rules.0.kind');
    const spec = await request(dispatcher, `${emulator.info.admin}/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ rates: 'slow=lots' }),
    });
    expect(spec.status).toBe(400);
    expect((spec.body as { message: string }).message).toContain('rate must be a number from 0 to 1');
  });
});
