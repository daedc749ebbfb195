// Home's posture card end to end in Chromium: over a real encrypted store holding an imported unified audit log
// export (someone turning ingestion off) and an audit-configuration snapshot that reads it off, Home shows the
// score, the failing check with why and how to fix, the record of the change (opened in a dialog), and the
// unknowns with what to run.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../../main/core/importers/importFile.ts';
import { AUDIT_ITEM } from '../../main/core/inventory/auditConfigInventory.ts';
import { InventoryRepository } from '../../main/core/inventory/inventoryRepository.ts';
import { evaluatePosture } from '../../main/core/posture/evaluatePosture.ts';
import { startAppHarness, type AppHarness } from '../support/appHarness.ts';
import { launchChromium } from '../support/chromium.ts';

const FIXTURES = path.resolve('test/fixtures/real/otrf-m365-atomic');
const vaultService = `Warden e2e posture ${randomUUID()}`;

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
  app = await startAppHarness(browser, { dataDir: mkdtempSync(path.join(tmpdir(), 'warden-posture-')) });
  await app.page.setViewportSize({ width: 1400, height: 1000 });
  const store = await app.services.stores.active();
  await importFile(store, path.join(FIXTURES, 'unified_auditlog_ingestion_stopped.json'));
  const repo = new InventoryRepository(store.db);
  const id = repo.createSnapshot(1, 'audit-config', Date.now());
  repo.putItems(id, [
    { type: AUDIT_ITEM.adminAuditLog, identity: 'organization', data: { UnifiedAuditLogIngestionEnabled: false } },
    { type: AUDIT_ITEM.organization, identity: 'organization', data: { AuditDisabled: false } },
  ]);
  repo.complete(id, Date.now());
});
afterEach(async () => {
  await app?.close();
});

describe('Home posture card', () => {
  it('shows the score, the failing check with its fix and the record of the change, and the unknowns', async () => {
    const { page } = app;
    const expected = evaluatePosture(await app.services.stores.active());
    // unified-audit-log fails (critical, weight 4), mailbox-auditing passes (high, weight 3): 3/7.
    expect(expected.score).toBe(43);
    await page.goto(app.origin);
    await expect.poll(() => page.getByTestId('posture-score').textContent(), { timeout: 15_000 }).toBe('43/100');

    const failing = page.getByRole('listitem', { name: 'Failing check unified-audit-log' });
    await expect.poll(() => failing.textContent(), { timeout: 15_000 }).toContain('UnifiedAuditLogIngestionEnabled is False');
    expect(await failing.textContent()).toContain('Set-AdminAuditLogConfig -UnifiedAuditLogIngestionEnabled $true');
    expect(await page.getByRole('listitem', { name: /^Failing check/ }).count()).toBe(1);

    // The evidence: who turned it off and when; the record opens as stored.
    const evidence = expected.checks.find((c) => c.id === 'unified-audit-log')!.evidence[0]!;
    expect(evidence.actor).toBe('stinger@contoso.onmicrosoft.com');
    await failing.getByRole('button', { name: `Open record ${evidence.recordId}` }).click();
    const raw = page.getByTestId('posture-record-raw');
    await expect.poll(() => raw.textContent(), { timeout: 15_000 }).toContain('"Operation": "Set-AdminAuditLogConfig"');
    await page.getByRole('button', { name: 'Close' }).click();

    // What is not collected is listed with what to run, not counted.
    const unknowns = page.getByRole('list', { name: 'Unknown checks' });
    await expect.poll(() => unknowns.textContent(), { timeout: 15_000 }).toContain('warden posture collect');
    expect(await unknowns.getByRole('listitem').count()).toBe(expected.unknown);
  });
});
