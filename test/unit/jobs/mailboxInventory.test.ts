// `warden inventory mailboxes` against the emulator with 10,000 users: under injected faults and 60-second
// tokens it ends with every mailbox exactly once and never retries a host before its Retry-After; killed
// with SIGKILL mid-run it resumes from its checkpoint; a page that keeps failing ends the job incomplete,
// naming what is missing, with exit code 4.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/index.ts';
import { emulatorAdmin } from '../../support/emulatorAdmin.ts';
import { runWarden } from '../support/runWarden.ts';

const WARDEN = path.resolve('main/cli/warden.ts');
const vaultService = `Warden jobs test ${randomUUID()}`;
const env = { WARDEN_VAULT_SERVICE: vaultService };
let emulator: RunningEmulator;
let admin: ReturnType<typeof emulatorAdmin>;
let mailboxCount: number;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    seed: 'inventory',
    users: 10_000,
    days: 1,
    scenarios: 'none',
    tokenLifetimeSeconds: 60,
    dataDir: mkdtempSync(path.join(tmpdir(), 'warden-emu-')),
    logLevel: 'warn',
  } as Parameters<typeof startEmulator>[0]);
  admin = emulatorAdmin(emulator.info);
  mailboxCount = emulator.tenant.state.mailboxes.length;
}, 60_000);
afterAll(async () => {
  await admin?.close();
  await emulator?.stop();
  for (const c of await keytar.findCredentials(vaultService)) await keytar.deletePassword(vaultService, c.account);
});

/** A data folder with the emulator as the active tenant and its app certificate signed in (no browser). */
async function signedInDataDir(): Promise<string> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'warden-inventory-'));
  expect((await runWarden(['--data-dir', dataDir, 'tenant', 'add', 'emu', '--emulator', JSON.stringify(emulator.info)], { env })).code).toBe(0);
  const pem = path.join(dataDir, 'automation.pem');
  writeFileSync(pem, readFileSync(emulator.info.app.certPem, 'utf8') + readFileSync(emulator.info.app.keyPem, 'utf8'));
  const login = await runWarden(['--data-dir', dataDir, 'login', '--app', '--cert', pem, '--client-id', emulator.info.app.clientId], { env });
  expect(login.code, login.stderr).toBe(0);
  return dataDir;
}

interface InventoryResult {
  job: number;
  status: string;
  items: number;
  missing: Array<{ what: string; reason: string }>;
  pages: number;
}

const exoPages = (requests: Awaited<ReturnType<typeof admin.requests>>) => requests.filter((r) => r.service === 'exo' && r.status === 200).length;

describe('mailbox inventory jobs', () => {
  it('collects every mailbox exactly once through 429s, 503s and resets, honouring Retry-After', async () => {
    const dataDir = await signedInDataDir();
    await admin.clearRequests();
    await admin.setFaults({ rates: '429=0.05,503=0.02,reset=0.01' });
    try {
      const run = await runWarden(['--data-dir', dataDir, '--json', 'inventory', 'mailboxes', '--app'], { env, timeoutMs: 180_000 });
      expect(run.code, run.stderr).toBe(0);
      const result = run.json<InventoryResult>();
      expect(result).toMatchObject({ status: 'succeeded', items: mailboxCount, missing: [] });
      expect(mailboxCount).toBeGreaterThanOrEqual(10_000);
    } finally {
      await admin.clearFaults();
    }
    const log = await admin.requests();
    const throttles = log.filter((r) => r.status === 429 && r.retryAfter !== undefined);
    expect(log.some((r) => r.fault === '429')).toBe(true);
    // Nothing went to the emulator (one host) before a Retry-After had passed.
    for (const t of throttles) {
      const allowedAt = Date.parse(t.arrivedAt) + t.retryAfter! * 1000;
      const early = log.filter((r) => r.seq > t.seq && Date.parse(r.arrivedAt) < allowedAt - 5);
      expect(early, `requests within the Retry-After of request ${t.seq}`).toEqual([]);
    }
  }, 200_000);

  it('resumes from its checkpoint after SIGKILL, fetching fewer pages, and ends with the same mailboxes', async () => {
    const dataDir = await signedInDataDir();
    // A fresh run's page count, for comparison.
    await admin.clearRequests();
    const fresh = await runWarden(['--data-dir', dataDir, '--json', 'inventory', 'mailboxes', '--app'], { env, timeoutMs: 120_000 });
    expect(fresh.code, fresh.stderr).toBe(0);
    const freshPages = exoPages(await admin.requests());

    const killedDir = await signedInDataDir();
    await admin.clearRequests();
    await admin.setFaults({ rules: [{ kind: 'slow', match: { service: 'exo' }, delayMs: 250 }] });
    const killedAfter = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, [WARDEN, '--data-dir', killedDir, '--json', 'inventory', 'mailboxes', '--app'], { env: { ...process.env, ...env } });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        const done = [...stderr.matchAll(/"done":(\d+)/g)].map((m) => Number(m[1])).at(-1) ?? 0;
        if (done >= 4000 && child.exitCode === null) child.kill('SIGKILL');
      });
      child.on('close', (code, signal) => (signal === 'SIGKILL' ? resolve(code ?? -1) : reject(new Error(`not killed: exit ${code}\n${stderr}`))));
    });
    expect(killedAfter).toBe(-1);
    await admin.clearFaults();
    const pagesBeforeKill = exoPages(await admin.requests());
    await admin.clearRequests();

    const resumed = await runWarden(['--data-dir', killedDir, '--json', 'inventory', 'mailboxes', '--app'], { env, timeoutMs: 120_000 });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/Resuming job 1 .* from its checkpoint/);
    const result = resumed.json<InventoryResult>();
    expect(result).toMatchObject({ job: 1, status: 'succeeded', items: mailboxCount });
    const resumedPages = exoPages(await admin.requests());
    expect(resumedPages).toBeLessThan(freshPages);
    expect(pagesBeforeKill + resumedPages).toBeGreaterThanOrEqual(freshPages);
  }, 300_000);

  it('ends incomplete, naming the missing part, when a page keeps failing', async () => {
    const dataDir = await signedInDataDir();
    await admin.setFaults({ rules: [{ kind: '503', match: { service: 'exo', cmdlet: 'Get-CASMailbox' }, skip: 2 }] });
    try {
      const run = await runWarden(['--data-dir', dataDir, '--json', 'inventory', 'mailboxes', '--app'], { env: { ...env, WARDEN_HTTP_MAX_ATTEMPTS: '3' }, timeoutMs: 120_000 });
      expect(run.code).toBe(4);
      const result = run.json<InventoryResult>();
      expect(result.status).toBe('incomplete');
      expect(result.missing).toHaveLength(1);
      expect(result.missing[0]!.what).toMatch(/^CAS protocol settings after the first 2,000 \(Get-CASMailbox\)/);
      expect(result.missing[0]!.reason).toMatch(/still failing after 3 attempts \(last: 503\)/);
      expect(run.stderr).toMatch(/incomplete: job \d+ is missing: CAS protocol settings/);
      const show = await runWarden(['--data-dir', dataDir, '--json', 'jobs', 'show', String(result.job)], { env });
      expect(show.json<{ job: { state: string } }>().job.state).toBe('incomplete');
    } finally {
      await admin.clearFaults();
    }
  }, 200_000);
});
