// The Jobs view: a mailbox inventory started through IPC shows live progress and ends succeeded; with
// the page failing for good it ends incomplete and the view names what is missing.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import type { ConnectedProfile } from '../../main/core/profiles/profileSchema.ts';
import { startAppHarness, type AppHarness } from '../support/appHarness.ts';
import { launchChromium } from '../support/chromium.ts';
import { emulatorAdmin } from '../support/emulatorAdmin.ts';

const vaultService = `Warden jobs e2e ${randomUUID()}`;
let emulator: RunningEmulator;
let browser: Browser;
let app: AppHarness;

beforeAll(async () => {
  process.env['WARDEN_VAULT_SERVICE'] = vaultService;
  process.env['WARDEN_HTTP_MAX_ATTEMPTS'] = '2';
  emulator = await startEmulator({ port: 0, seed: 'jobs-view', users: 1500, days: 1, scenarios: 'none', dataDir: mkdtempSync(path.join(tmpdir(), 'warden-emu-')), logLevel: 'warn' } as Parameters<typeof startEmulator>[0]);
  browser = await launchChromium();
  app = await startAppHarness(browser, { dataDir: mkdtempSync(path.join(tmpdir(), 'warden-jobs-')) });
  const profile = (await app.services.profiles.add({
    kind: 'emulator',
    name: 'emu',
    tenantId: emulator.info.tenantId,
    clientId: emulator.info.publicClientId,
    authority: emulator.info.authority,
    graph: emulator.info.graph,
    exchange: emulator.info.exo,
    manage: emulator.info.manage,
    caCertPem: readFileSync(emulator.info.caCert, 'utf8'),
    app: null,
  })) as ConnectedProfile;
  const pem = path.join(mkdtempSync(path.join(tmpdir(), 'warden-cert-')), 'app.pem');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(pem, readFileSync(emulator.info.app.certPem, 'utf8') + readFileSync(emulator.info.app.keyPem, 'utf8'));
  await app.services.auth.importAppCertificate(profile, pem, undefined, emulator.info.app.clientId);
}, 90_000);

afterAll(async () => {
  await app?.close();
  await browser?.close();
  await emulator?.stop();
  delete process.env['WARDEN_VAULT_SERVICE'];
  delete process.env['WARDEN_HTTP_MAX_ATTEMPTS'];
  for (const c of await keytar.findCredentials(vaultService)) await keytar.deletePassword(vaultService, c.account);
});

describe('the Jobs view', () => {
  it('shows a running inventory live, then its result', async () => {
    const { page } = app;
    await page.goto(app.origin);
    await page.getByRole('navigation').getByText('Jobs', { exact: true }).click();
    await page.getByText('No jobs').waitFor();
    const started = await page.evaluate(() => window.warden.invoke('jobs.start', { kind: 'inventory.mailboxes', params: { details: false }, authMode: 'app' }));
    expect(started).toMatchObject({ ok: true, value: { kind: 'inventory.mailboxes' } });
    const id = (started as { value: { id: number } }).value.id;
    const row = page.getByTestId(`job-${id}`);
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toMatch(/succeeded/);
    // Every mailbox and its CAS settings: two items per mailbox.
    expect(await row.textContent()).toContain(`${(emulator.tenant.state.mailboxes.length * 2).toLocaleString('en-US')} items`);
    expect(app.problems).toEqual([]);
  });

  it('names what is missing when a page keeps failing, and offers Resume', async () => {
    const admin = emulatorAdmin(emulator.info);
    await admin.setFaults({ rules: [{ kind: '503', match: { service: 'exo', cmdlet: 'Get-CASMailbox' }, skip: 1 }] });
    try {
      const { page } = app;
      const started = await page.evaluate(() => window.warden.invoke('jobs.start', { kind: 'inventory.mailboxes', params: { details: false }, authMode: 'app' }));
      const id = (started as { value: { id: number } }).value.id;
      const row = page.getByTestId(`job-${id}`);
      await expect.poll(() => row.textContent(), { timeout: 60_000 }).toMatch(/incomplete/);
      expect(await row.textContent()).toMatch(/Missing: CAS protocol settings after the first 1,000 \(Get-CASMailbox\)/);
      await admin.clearFaults();
      await page.getByRole('button', { name: `Resume job ${id}` }).click();
      await expect.poll(() => row.textContent(), { timeout: 30_000 }).toMatch(/succeeded/);
    } finally {
      await admin.clearFaults();
      await admin.close();
    }
  });
});
