// Acceptance 6 of issue 7, end to end in Chromium: after an import (through the core API), open Findings, open a
// finding, follow its evidence to the record, and triage it; the triage is in the store. The store is the real
// encrypted one, its key in the real keyring (run under dbus-run-session with gnome-keyring, as CI does).
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findingDetail, listFindings } from '../../main/core/detect/findings/findingQueries.ts';
import { importFile } from '../../main/core/importers/importFile.ts';
import { startAppHarness, type AppHarness } from '../support/appHarness.ts';
import { launchChromium } from '../support/chromium.ts';

const FIXTURES = path.resolve('test/fixtures/real/otrf-m365-atomic');
const vaultService = `Warden e2e findings ${randomUUID()}`;

let browser: Browser;
let app: AppHarness;

beforeAll(async () => {
  process.env['WARDEN_VAULT_SERVICE'] = vaultService;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  delete process.env['WARDEN_VAULT_SERVICE'];
  for (const c of await keytar.findCredentials(vaultService)) await keytar.deletePassword(vaultService, c.account);
});
beforeEach(async () => {
  app = await startAppHarness(browser, { dataDir: mkdtempSync(path.join(tmpdir(), 'warden-findings-')) });
  await app.page.setViewportSize({ width: 1400, height: 1000 });
  const store = await app.services.stores.active();
  for (const file of ['unified_auditlog_ingestion_stopped.json', 'o365spray_reporting.json', 'set-mailbox-audit_log_age_limit_to_zero.json']) {
    await importFile(store, path.join(FIXTURES, file));
  }
});
afterEach(async () => {
  await app?.close();
});

describe('Findings view', () => {
  it('opens a finding, follows its evidence to the record, and triages it', async () => {
    const { page } = app;
    await page.goto(app.origin);
    await page.getByRole('navigation').getByText('Findings', { exact: true }).click();
    await expect.poll(() => page.locator('#view-title').textContent(), { timeout: 15_000 }).toBe('Findings');

    // The view ran the rules over the import: three findings, grouped by rule.
    const finding = page.getByRole('button', { name: /Open finding \d+: UnifiedAuditLogIngestionEnabled turned off/ });
    await finding.waitFor();
    await expect.poll(() => page.getByRole('button', { name: /^Open finding/ }).count(), { timeout: 15_000 }).toBe(3);
    await page.getByRole('tab', { name: 'By account' }).click();
    await expect.poll(() => page.getByText('stinger@contoso.onmicrosoft.com (1)').count(), { timeout: 15_000 }).toBe(1);

    await finding.click();
    const explanation = page.getByTestId('finding-explanation');
    await expect
      .poll(() => explanation.textContent(), { timeout: 15_000 })
      .toMatch(/^stinger@contoso\.onmicrosoft\.com from 104\.28\.196\.199 .* set UnifiedAuditLogIngestionEnabled to False/);

    // Evidence → the record itself, as stored.
    await page.getByRole('button', { name: /Open evidence record \d+/ }).click();
    const raw = page.getByTestId('evidence-raw');
    await expect.poll(() => raw.textContent(), { timeout: 15_000 }).toContain('"Operation": "Set-AdminAuditLogConfig"');
    await expect.poll(() => raw.textContent(), { timeout: 15_000 }).toContain('"Id": "21e87b2c-7fc0-4f65-d5e9-08db59208799"');
    await page.getByRole('button', { name: 'Back to the finding' }).click();

    // Triage with a note.
    await page.getByRole('combobox', { name: 'Triage state' }).click();
    await page.getByRole('option', { name: 'confirmed' }).click();
    await page.getByRole('textbox', { name: 'Triage note' }).fill('Not us: stinger was phished. Ingestion re-enabled 2023-05-21.');
    await page.getByRole('button', { name: 'Save triage' }).click();
    await expect.poll(() => page.getByText(/new → confirmed · Not us: stinger was phished/).count(), { timeout: 15_000 }).toBe(1);

    const store = await app.services.stores.active();
    const stored = listFindings(store).find((f) => f.ruleId === 'audit-log-disabled')!;
    expect(stored.triage).toBe('confirmed');
    expect(findingDetail(store, stored.id).notes.map((n) => n.text)).toEqual(['Not us: stinger was phished. Ingestion re-enabled 2023-05-21.']);
    expect(app.problems).toEqual([]);
  });
});
