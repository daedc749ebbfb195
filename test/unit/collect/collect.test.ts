// `warden collect` against the emulator, with a tenant that has a dense hour (over 50,000 unified audit records
// in one hour, older than the activity feed reaches): through injected 429s, 503s, resets and cut-off bodies,
// every record arrives exactly once (compared with the tenant's own generated records) and the ledger shows
// every window complete; a search session that loses results in transit is run again; a forced unrecoverable
// gap (a short search session, blobs or a Graph page that keep failing) shows in the ledger and in the job
// (`incomplete`, exit code 4, naming source and window), and `--gaps` fills it once the fault is gone.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/index.ts';
import { generateTenant } from '../../../emulator/tenant/index.ts';
import type { Tenant } from '../../../emulator/tenant/model.ts';
import { recordLedgerWindow } from '../../../main/core/store/ledger.ts';
import { emulatorAdmin } from '../../support/emulatorAdmin.ts';
import { collectHarness, creationMs, expectExactlyOnce, HOUR_MS, ledger, storedIds } from './support/collectHarness.ts';
import { withDenseHour } from './support/denseTenant.ts';

const DAY_MS = 24 * HOUR_MS;
/** Hour of the history made dense: 14.5 days ago, older than the activity feed's 7 days. */
const DENSE_HOUR = 12;
const DENSE_EXTRA = 51_000;
const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

const vaultService = `Warden collect test ${randomUUID()}`;
let emulator: RunningEmulator;
let tenant: Tenant;
let admin: ReturnType<typeof emulatorAdmin>;
const h = collectHarness(() => emulator, vaultService);

beforeAll(async () => {
  const now = Date.now();
  // The history (9 days) ends 6 days ago: most of it is older than the activity feed reaches (searched), and
  // its last day is in the feed (its content blobs are all published by now).
  const end = new Date(now - (now % HOUR_MS) - 6 * DAY_MS);
  tenant = withDenseHour(generateTenant({ seed: 'collect', users: 20, days: 9, end, scenarios: [] }), DENSE_HOUR, DENSE_EXTRA);
  emulator = await startEmulator({ port: 0, tenant, dataDir: mkdtempSync(path.join(tmpdir(), 'warden-emu-')), logLevel: 'warn' });
  admin = emulatorAdmin(emulator.info);
}, 60_000);
afterAll(async () => {
  await admin?.close();
  await emulator?.stop();
  for (const c of await keytar.findCredentials(vaultService)) await keytar.deletePassword(vaultService, c.account);
});

const activity = () => tenant.activity;
const hourStart = (hour: number) => activity().hourStart(hour).getTime();
const historyStart = () => hourStart(0);
const historyEnd = () => hourStart(activity().hourCount);
function auditIds(fromMs = -Infinity, toMs = Infinity): string[] {
  const ids: string[] = [];
  for (let hour = 0; hour < activity().hourCount; hour++) {
    if (hourStart(hour) + HOUR_MS <= fromMs || hourStart(hour) >= toMs) continue;
    for (const r of activity().auditRecords(hour)) {
      const t = creationMs(r);
      if (t >= fromMs && t < toMs) ids.push(r.Id);
    }
  }
  return ids;
}
function signInIds(fromMs: number, toMs = Infinity): string[] {
  const ids: string[] = [];
  for (let hour = 0; hour < activity().hourCount; hour++) {
    for (const s of activity().signIns(hour)) {
      const t = Date.parse(s.createdDateTime);
      if (t >= fromMs && t < toMs) ids.push(s.id);
    }
  }
  return ids;
}

describe('collection into the evidence store', () => {
  it('collects the unified audit log, a dense hour included, through faults: every record exactly once, the ledger complete', async () => {
    const dataDir = await h.signedInDataDir();
    await admin.clearRequests();
    // Throttling and 503s everywhere; dropped connections and cut-off bodies on the feed and, once, on the
    // search (a lost search page is exercised on its own below, where it is known to hit a running session).
    await admin.setFaults({
      rules: [
        { kind: '429', rate: 0.03 },
        { kind: '503', rate: 0.03 },
        { kind: 'reset', match: { service: 'manage' }, rate: 0.01 },
        { kind: 'truncate', match: { service: 'manage' }, rate: 0.01 },
        { kind: 'reset', match: { cmdlet: 'Search-UnifiedAuditLog' }, count: 1 },
      ],
    });
    let run;
    try {
      run = await h.collect(dataDir, ['audit', '--from', iso(historyStart())]);
    } finally {
      await admin.clearFaults();
    }
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    expect(run.result).toMatchObject({ status: 'succeeded', missing: [], openWindowCount: 0 });
    const log = await admin.requests();
    for (const kind of ['429', '503', 'reset'])
      expect(
        log.some((r) => r.fault === kind),
        `a ${kind} was injected`,
      ).toBe(true);

    const truth = auditIds();
    expect(truth.length).toBeGreaterThan(DENSE_EXTRA);
    const denseStart = hourStart(DENSE_HOUR);
    expect(auditIds(denseStart, denseStart + HOUR_MS).length).toBeGreaterThan(50_000);
    await h.withStore(dataDir, (store) => {
      expectExactlyOnce(storedIds(store, 'audit'), truth);
      const search = ledger(store, 'ual-search');
      const feed = ledger(store).filter((w) => w.source.startsWith('activity:'));
      expect(search.length).toBeGreaterThan(0);
      expect(feed.length).toBeGreaterThan(0);
      expect([...search, ...feed].filter((w) => w.status !== 'complete')).toEqual([]);
      // The dense hour was searched in parts, each under the 50,000 cap, that together saw all of it.
      const dense = search.filter((w) => w.startMs < denseStart + HOUR_MS && w.endMs > denseStart);
      expect(dense.some((w) => w.endMs - w.startMs < HOUR_MS)).toBe(true);
      for (const w of dense) expect(w.expected).toBeLessThan(50_000);
      expect(dense.reduce((n, w) => n + w.received, 0)).toBeGreaterThan(50_000);
      // Search windows cover the history without a hole up to where the feed's windows begin.
      const sorted = [...search].sort((a, b) => a.startMs - b.startMs);
      expect(sorted[0]!.startMs).toBe(historyStart());
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.startMs).toBe(sorted[i - 1]!.endMs);
      const feedStart = Math.min(...feed.map((w) => w.startMs));
      expect(feedStart).toBeLessThanOrEqual(sorted[sorted.length - 1]!.endMs);
      expect(Math.max(...feed.map((w) => w.endMs))).toBeGreaterThan(historyEnd());
    });

    // Incremental: collecting again asks the feed for the last hour or so only, and stores nothing twice.
    await admin.clearRequests();
    const again = await h.collect(dataDir, ['audit']);
    expect(again.code, again.stderr.slice(-2000)).toBe(0);
    expect(again.result.status).toBe('succeeded');
    expect(again.result.summary!.inserted).toBe(0);
    const second = await admin.requests();
    expect(second.filter((r) => r.service === 'exo')).toEqual([]);
    expect(second.filter((r) => r.service === 'manage' && r.path.includes('/activity/feed/audit/')).length).toBeLessThan(20);
    await h.withStore(dataDir, (store) => expectExactlyOnce(storedIds(store, 'audit'), truth));
  }, 400_000);

  it('collects interactive and non-interactive sign-ins and directory audits exactly once through faults', async () => {
    const dataDir = await h.signedInDataDir();
    // The last 30 hours of the history, or more when they hold too few sign-ins to page through: the history
    // ends six days before the test runs, so on a Saturday evening its last 30 hours are a quiet weekend
    // (exactly 100 sign-ins once, in CI).
    let startHour = activity().hourCount - 30;
    while (startHour > 6 && signInIds(hourStart(startHour)).length <= 150) startHour -= 6;
    const from = hourStart(startHour);
    await admin.setFaults({ rates: '429=0.05,503=0.05,reset=0.02,truncate=0.02' });
    try {
      for (const what of ['signins', 'directory-audits']) {
        const run = await h.collect(dataDir, [what, '--from', iso(from), '--to', iso(historyEnd())]);
        expect(run.code, run.stderr.slice(-2000)).toBe(0);
        expect(run.result).toMatchObject({ status: 'succeeded', missing: [], openWindowCount: 0 });
      }
    } finally {
      await admin.clearFaults();
    }
    const signIns = signInIds(from);
    const audits: string[] = [];
    for (let hour = startHour; hour < activity().hourCount; hour++)
      audits.push(
        ...activity()
          .directoryAudits(hour)
          .map((a) => a.id),
      );
    expect(signIns.length).toBeGreaterThan(100);
    await h.withStore(dataDir, (store) => {
      expectExactlyOnce(storedIds(store, 'signin'), signIns);
      expectExactlyOnce(storedIds(store, 'audit', { format: 'graph-directory-audit' }), audits);
      const interactive = store.db.prepare(`SELECT is_interactive AS i, COUNT(*) AS n FROM records WHERE kind = 'signin' GROUP BY is_interactive`).all() as {
        i: number;
        n: number;
      }[];
      expect(interactive.map((r) => r.i).sort()).toEqual([0, 1]);
      for (const source of ['graph:signIns', 'graph:nonInteractiveSignIns', 'graph:directoryAudits']) {
        const windows = ledger(store, source);
        expect(windows.length, source).toBeGreaterThan(0);
        expect(
          windows.filter((w) => w.status !== 'complete'),
          source,
        ).toEqual([]);
      }
    });
  }, 300_000);

  it('runs a search session again when results are lost in transit (ResultIndex jumps)', async () => {
    const dataDir = await h.signedInDataDir();
    const from = hourStart(DENSE_HOUR);
    const to = from + HOUR_MS / 4;
    await admin.clearRequests();
    // The 6th request is the second call of the session (5,000 results are read in 5 pages of 1,000): its
    // answer is lost after the service has moved the session on, so the retried call starts at 10,001.
    await admin.setFaults({ rules: [{ kind: 'reset', match: { cmdlet: 'Search-UnifiedAuditLog' }, skip: 5, count: 1 }] });
    let run;
    try {
      run = await h.collect(dataDir, ['audit', '--from', iso(from), '--to', iso(to)]);
    } finally {
      await admin.clearFaults();
    }
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    expect(run.result.status).toBe('succeeded');
    const reset = (await admin.requests()).filter((r) => r.fault === 'reset');
    expect(reset).toHaveLength(1);
    expect(reset[0]!.path).not.toContain('skiptoken');
    await h.withStore(dataDir, (store) => {
      expectExactlyOnce(storedIds(store, 'audit', { fromMs: from, toMs: to }), auditIds(from, to));
      const windows = ledger(store, 'ual-search');
      expect(windows).toHaveLength(1);
      expect(windows[0]).toMatchObject({ startMs: from, endMs: to, status: 'complete', retried: 1 });
      expect(windows[0]!.expected).toBe(auditIds(from, to).length);
    });
  }, 200_000);

  it('shows a search session that stays short as a gap, in the ledger and the job, and --gaps fills it', async () => {
    const dataDir = await h.signedInDataDir();
    // Half of the first whole day of the history, older than the activity feed reaches, or of the next day when the
    // dense hour falls in it (it does when the test runs from noon UTC on): one search session must cover the window.
    let from = Math.ceil(historyStart() / DAY_MS) * DAY_MS;
    const denseStart = hourStart(DENSE_HOUR);
    if (denseStart < from + 12 * HOUR_MS && denseStart + HOUR_MS > from) from += DAY_MS;
    const to = from + 12 * HOUR_MS;
    const expected = auditIds(from, to).length;
    expect(expected).toBeGreaterThan(10);
    expect(expected).toBeLessThan(50_000);
    // The first session and both retries hand out 7 results fewer than their ResultCount.
    await admin.call('POST', '/search-sessions/short', { missing: 7, count: 3 });
    const run = await h.collect(dataDir, ['audit', '--from', iso(from), '--to', iso(to)]);
    expect(run.code, run.stderr.slice(-2000)).toBe(4);
    expect(run.result.status).toBe('incomplete');
    expect(run.result.missing).toEqual([
      {
        what: `ual-search ${iso(from)}..${iso(to)}`,
        reason: `the session returned ${(expected - 7).toLocaleString('en-US')} of its ${expected.toLocaleString('en-US')} results (tried 3 sessions)`,
      },
    ]);
    expect(run.stderr).toMatch(/incomplete: job \d+ is missing: ual-search /);
    expect(run.result.openWindows).toMatchObject([{ source: 'ual-search', status: 'gap', expected, received: expected - 7 }]);
    await h.withStore(dataDir, (store) => {
      expect(ledger(store, 'ual-search')).toMatchObject([{ startMs: from, endMs: to, status: 'gap', expected, received: expected - 7, retried: 2 }]);
    });

    const filled = await h.collect(dataDir, ['audit', '--gaps']);
    expect(filled.code, filled.stderr.slice(-2000)).toBe(0);
    expect(filled.result).toMatchObject({ status: 'succeeded', missing: [], openWindowCount: 0 });
    await h.withStore(dataDir, (store) => {
      expect(ledger(store, 'ual-search')).toMatchObject([{ startMs: from, endMs: to, status: 'complete', expected, received: expected }]);
      expectExactlyOnce(storedIds(store, 'audit'), auditIds(from, to));
    });
  }, 200_000);

  it('shows blobs and a Graph page that keep failing as gaps, and --gaps fills them once the fault is gone', async () => {
    const retryOnce = { WARDEN_HTTP_MAX_ATTEMPTS: '2' };
    // The feed: every content blob fails.
    const feedDir = await h.signedInDataDir();
    const feedFrom = historyEnd() - HOUR_MS;
    await admin.setFaults({ rules: [{ kind: '503', match: { service: 'manage', path: '/activity/feed/audit/' }, retryAfterSeconds: 0 }] });
    let broken;
    try {
      broken = await h.collect(feedDir, ['audit', '--from', iso(feedFrom), '--to', iso(historyEnd())], retryOnce);
    } finally {
      await admin.clearFaults();
    }
    expect(broken.code, broken.stderr.slice(-2000)).toBe(4);
    expect(broken.result.status).toBe('incomplete');
    expect(broken.result.missing.length).toBeGreaterThan(0);
    for (const m of broken.result.missing) {
      expect(m.what).toMatch(/^activity:Audit\.(Exchange|AzureActiveDirectory) \S+Z\.\.\S+Z$/);
      expect(m.reason).toMatch(/content blobs could not be fetched .*still failing after 2 attempts \(last: 503\)/);
    }
    await h.withStore(feedDir, (store) => {
      const gaps = ledger(store).filter((w) => w.status === 'gap');
      expect(gaps.length).toBe(broken.result.missing.length);
      expect(storedIds(store, 'audit').size).toBe(0);
    });
    const feedFilled = await h.collect(feedDir, ['audit', '--gaps']);
    expect(feedFilled.code, feedFilled.stderr.slice(-2000)).toBe(0);
    expect(feedFilled.result).toMatchObject({ status: 'succeeded', openWindowCount: 0 });
    await h.withStore(feedDir, (store) => {
      expect(ledger(store).filter((w) => w.status !== 'complete')).toEqual([]);
      expectExactlyOnce(storedIds(store, 'audit', { fromMs: feedFrom }), auditIds(feedFrom));
    });

    // Graph: the first page of one day of non-interactive sign-ins fails.
    const graphDir = await h.signedInDataDir();
    const day = Math.floor((historyEnd() - DAY_MS) / DAY_MS) * DAY_MS;
    const page = `createdDateTime ge ${iso(day)} and createdDateTime lt ${iso(day + DAY_MS)} and signInEventTypes/any(t: t eq 'nonInteractiveUser')`;
    await admin.setFaults({ rules: [{ kind: '503', match: { service: 'graph', path: page }, retryAfterSeconds: 0 }] });
    let graphBroken;
    try {
      graphBroken = await h.collect(graphDir, ['signins', '--from', iso(day), '--to', iso(day + DAY_MS)], retryOnce);
    } finally {
      await admin.clearFaults();
    }
    expect(graphBroken.code, graphBroken.stderr.slice(-2000)).toBe(4);
    expect(graphBroken.result.missing).toMatchObject([{ what: `graph:nonInteractiveSignIns ${iso(day)}..${iso(day + DAY_MS)}` }]);
    expect(graphBroken.result.missing[0]!.reason).toMatch(/still failing after 2 attempts \(last: 503\)/);
    await h.withStore(graphDir, (store) => {
      expect(ledger(store, 'graph:nonInteractiveSignIns')).toMatchObject([{ startMs: day, endMs: day + DAY_MS, status: 'gap' }]);
      expect(ledger(store, 'graph:signIns')).toMatchObject([{ startMs: day, endMs: day + DAY_MS, status: 'complete' }]);
    });
    const graphFilled = await h.collect(graphDir, ['signins', '--gaps']);
    expect(graphFilled.code, graphFilled.stderr.slice(-2000)).toBe(0);
    await h.withStore(graphDir, (store) => {
      expect(ledger(store, 'graph:nonInteractiveSignIns')).toMatchObject([{ startMs: day, endMs: day + DAY_MS, status: 'complete' }]);
      expectExactlyOnce(storedIds(store, 'signin'), signInIds(day, day + DAY_MS));
    });
  }, 300_000);

  it('resumes after SIGKILL from its checkpoint and still stores every record exactly once', async () => {
    const dataDir = await h.signedInDataDir();
    const from = hourStart(DENSE_HOUR);
    const to = from + HOUR_MS / 4;
    await admin.setFaults({ rules: [{ kind: 'slow', match: { service: 'exo' }, delayMs: 300 }] });
    let killedAt = 0;
    try {
      killedAt = await new Promise<number>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [path.resolve('main/cli/warden.ts'), '--data-dir', dataDir, '--json', 'collect', 'audit', '--from', iso(from), '--to', iso(to), '--app'],
          {
            env: { ...process.env, ...h.env },
          },
        );
        let stderr = '';
        let done = 0;
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          done = [...stderr.matchAll(/"done":(\d+)/g)].map((m) => Number(m[1])).at(-1) ?? 0;
          // Progress is reported as a page commits; at 10,000 the first 5,000 have surely landed.
          if (done >= 10_000 && child.exitCode === null) child.kill('SIGKILL');
        });
        child.on('close', (code, signal) => (signal === 'SIGKILL' ? resolve(done) : reject(new Error(`not killed: exit ${code}\n${stderr.slice(-2000)}`))));
      });
    } finally {
      await admin.clearFaults();
    }
    expect(killedAt).toBeGreaterThanOrEqual(10_000);
    const stored = await h.withStore(dataDir, (store) => storedIds(store, 'audit').size);
    expect(stored).toBeGreaterThanOrEqual(5000);
    expect(stored).toBeLessThan(auditIds(from, to).length);

    const resumed = await h.collect(dataDir, ['audit', '--from', iso(from), '--to', iso(to)]);
    expect(resumed.code, resumed.stderr.slice(-2000)).toBe(0);
    expect(resumed.stderr).toMatch(/Resuming job 1 .* from its checkpoint/);
    expect(resumed.result).toMatchObject({ job: 1, status: 'succeeded' });
    await h.withStore(dataDir, (store) => {
      expectExactlyOnce(storedIds(store, 'audit'), auditIds(from, to));
      expect(ledger(store, 'ual-search')).toMatchObject([{ startMs: from, endMs: to, status: 'complete', expected: auditIds(from, to).length }]);
    });
  }, 200_000);

  it('re-collects a feed gap that has grown too old to list through Search-UnifiedAuditLog, and marks it filled', async () => {
    const dataDir = await h.signedInDataDir();
    // A collection that had found an hour of Audit.Exchange content it could not fetch, 8 days ago.
    const hour = hourStart(activity().hourCount - 2 * 24 - 3);
    const first = await h.collect(dataDir, ['directory-audits', '--from', iso(historyEnd() - HOUR_MS), '--to', iso(historyEnd())]);
    expect(first.code, first.stderr.slice(-2000)).toBe(0);
    await h.withStore(
      dataDir,
      (store) => {
        recordLedgerWindow(store, {
          source: 'activity:Audit.Exchange',
          startMs: hour,
          endMs: hour + HOUR_MS,
          received: 0,
          gap: true,
          detail: 'a blob could not be fetched',
        });
      },
      { write: true },
    );
    const filled = await h.collect(dataDir, ['audit', '--gaps']);
    expect(filled.code, filled.stderr.slice(-2000)).toBe(0);
    expect(filled.result).toMatchObject({ status: 'succeeded', openWindowCount: 0 });
    await h.withStore(dataDir, (store) => {
      expect(ledger(store, 'activity:Audit.Exchange')).toMatchObject([{ startMs: hour, endMs: hour + HOUR_MS, status: 'complete' }]);
      expect(ledger(store, 'activity:Audit.Exchange')[0]!.detail).toMatch(/filled through Search-UnifiedAuditLog/);
      expect(ledger(store, 'ual-search')).toMatchObject([{ startMs: hour - HOUR_MS, endMs: hour + HOUR_MS, status: 'complete' }]);
      expectExactlyOnce(storedIds(store, 'audit', { fromMs: hour - HOUR_MS, toMs: hour + HOUR_MS }), auditIds(hour - HOUR_MS, hour + HOUR_MS));
    });
  }, 200_000);
});
