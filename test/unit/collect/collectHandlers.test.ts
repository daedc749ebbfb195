// The collect.* channels through the real dispatch and job engine (no tenant is reached: the jobs started here
// have nothing to fetch): bad payloads are named, imports cannot be "re-collected", status shows watermarks and
// open ledger windows, and re-collecting a ledger with no gaps ends at once, succeeded.
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectChannels } from '../../../shared/ipc/collect.ts';
import { contract } from '../../../shared/ipc/contract.ts';
import { collectHandlers } from '../../../main/core/api/collect.ts';
import type { AuthService } from '../../../main/core/auth/authService.ts';
import { collectJob } from '../../../main/core/collect/collectJob.ts';
import { advanceWatermark } from '../../../main/core/collect/collectWatermarks.ts';
import type { EvidenceStores } from '../../../main/core/evidenceStores.ts';
import { createDispatch } from '../../../main/core/ipc/dispatch.ts';
import { JobEngine } from '../../../main/core/jobs/jobEngine.ts';
import { JOB_KINDS } from '../../../main/core/jobs/jobKinds.ts';
import { silentLogger } from '../../../main/core/log.ts';
import { ProfileRegistry } from '../../../main/core/profiles/profileRegistry.ts';
import { recordLedgerWindow } from '../../../main/core/store/ledger.ts';
import { openStore, type EvidenceStore } from '../../../main/core/store/openStore.ts';

let engine: JobEngine | undefined;
let store: EvidenceStore | undefined;
let profileId = '';
afterEach(async () => {
  await engine?.shutdown();
  store?.close();
});

async function setup(kind: 'emulator' | 'offline' = 'emulator') {
  const dir = mkdtempSync(path.join(tmpdir(), 'warden-collect-ipc-'));
  store = openStore({ file: path.join(dir, 'store.sqlite'), key: randomBytes(32), log: silentLogger });
  const profiles = await ProfileRegistry.open(dir);
  if (kind === 'offline') await profiles.add({ kind: 'offline', name: 'local' });
  else {
    profileId = (
      await profiles.add({
        kind: 'emulator',
        name: 'e',
        tenantId: '6f1b7c2e-0c1d-4a8e-9f4b-2d5e6a7b8c9d',
        clientId: '11111111-2222-3333-4444-555555555555',
        authority: 'https://127.0.0.1:1/t',
        graph: 'https://127.0.0.1:1/g',
        exchange: 'https://127.0.0.1:1/x',
        manage: 'https://127.0.0.1:1/m',
        caCertPem: '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----',
        app: null,
      })
    ).id;
  }
  const auth = new EventEmitter() as EventEmitter & { defaultMode: () => string };
  auth.defaultMode = () => 'app';
  engine = new JobEngine({
    auth: auth as unknown as AuthService,
    profiles,
    store: async () => store!,
    kinds: [collectJob],
    log: silentLogger,
    // Nothing in these tests reaches a tenant: a request would fail on these endpoints.
    clients: async () =>
      ({ endpoints: { tenantId: '6f1b7c2e-0c1d-4a8e-9f4b-2d5e6a7b8c9d', manage: 'https://127.0.0.1:1/m', graph: 'https://127.0.0.1:1/g' } }) as never,
  });
  const handlers = collectHandlers({ jobs: engine, profiles, stores: { forProfile: async () => store! } as unknown as EvidenceStores });
  const dispatch = createDispatch(collectChannels, handlers, { allowedOrigins: ['app://warden'], log: silentLogger });
  return (channel: string, input: unknown) => dispatch({ channel, input, senderUrl: 'app://warden/index.html' });
}

describe('the collect channels', () => {
  it('are in the contract, and the collect job kind is registered', () => {
    for (const name of Object.keys(collectChannels)) expect(contract).toHaveProperty([name]);
    expect(JOB_KINDS.map((k) => k.kind)).toContain('collect');
  });

  it('name what is wrong with a request', async () => {
    const call = await setup();
    const cases: [string, unknown, RegExp][] = [
      ['collect.start', { sources: [] }, /sources/],
      ['collect.start', { sources: ['mail'] }, /sources/],
      ['collect.start', { sources: ['audit'], fromMs: 1_800_000_000_000, toMs: 1_700_000_000_000 }, /must end after it starts/],
      ['collect.start', { sources: ['audit'], fromMs: -5 }, /fromMs/],
      ['collect.start', { sources: ['audit'], extra: 1 }, /extra/],
      ['collect.gaps', { ledgerSources: Array.from({ length: 21 }, () => 'ual-search') }, /ledgerSources/],
      ['collect.gaps', { ledgerSources: ['import:evil.json'] }, /import:evil\.json is a log Warden collects|imports cannot be re-collected/],
    ];
    for (const [channel, input, message] of cases) {
      const result = await call(channel, input);
      expect(result, `${channel} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      if (!result.ok) expect(result.error.message).toMatch(message);
    }
  });

  it('refuse an offline profile', async () => {
    const call = await setup('offline');
    const result = await call('collect.start', { sources: ['signins'] });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (!result.ok) expect(result.error.message).toMatch(/offline profile/);
    expect(await call('collect.status', {})).toEqual({ ok: true, value: { logs: [] } });
  });

  it('show each log’s watermark and open windows, and re-collecting a ledger without gaps succeeds at once', async () => {
    const call = await setup();
    const t = Date.UTC(2026, 5, 1);
    advanceWatermark(store!.db, 'graph:signIns', { startMs: t - 3_600_000, endMs: t });
    recordLedgerWindow(store!, { source: 'ual-search', startMs: t, endMs: t + 3_600_000, expected: 9, received: 4 });
    const status = await call('collect.status', {});
    expect(status.ok).toBe(true);
    const logs = (status as { value: { logs: Array<{ source: string; watermarkMs: number | null; openWindows: number }> } }).value.logs;
    expect(logs.find((l) => l.source === 'graph:signIns')).toEqual({ source: 'graph:signIns', family: 'signins', watermarkMs: t, openWindows: 0 });
    expect(logs.find((l) => l.source === 'ual-search')).toMatchObject({ family: 'audit', watermarkMs: null, openWindows: 1 });

    // Directory audits have no open windows: the job has nothing to fetch and ends succeeded.
    const started = await call('collect.gaps', { ledgerSources: ['graph:directoryAudits'] });
    expect(started).toMatchObject({ ok: true, value: { kind: 'collect', title: 'Re-collect the gaps of graph:directoryAudits' } });
    const job = await engine!.wait(profileId, (started as { value: { id: number } }).value.id);
    expect(job).toMatchObject({ state: 'succeeded', missing: [] });
  });
});
