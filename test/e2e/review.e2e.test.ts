// Acceptance 6 of issue 6, end to end in Chromium: import a real log export by dropping it on the
// Audit view, brush the timeline, filter, search text, open a record and its raw JSON, tag it, and
// export CSV; the exported rows are the filtered rows. The store is the real encrypted one, its key
// in the real keyring (run under dbus-run-session with gnome-keyring, as `npm test` does in CI).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listTags } from '../../main/core/review/annotations.ts';
import { countRecords, queryPage } from '../../main/core/review/queryRecords.ts';
import type { RecordFilter } from '../../shared/model/evidence.ts';
import { startAppHarness, type AppHarness } from '../support/appHarness.ts';
import { launchChromium } from '../support/chromium.ts';

const FIXTURES = path.resolve('test/fixtures/real');
const OFFICE_ACTIVITY = path.join(FIXTURES, 'sentinel-training-lab/office_activity.csv');
const SIGN_INS = path.join(FIXTURES, 'sentinel-training-lab/sign-in_adelete.csv');
const vaultService = `Warden e2e review ${randomUUID()}`;

let browser: Browser;
let app: AppHarness;
let dataDir: string;
let exportFile: string;
const suggestedNames: string[] = [];

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
  dataDir = mkdtempSync(path.join(tmpdir(), 'warden-review-'));
  exportFile = path.join(mkdtempSync(path.join(tmpdir(), 'warden-export-')), 'chosen.csv');
  app = await startAppHarness(browser, {
    dataDir,
    // Main's save dialog, answered by the "user": the renderer never names a path.
    chooseExportFile: async (suggested) => {
      suggestedNames.push(suggested);
      return exportFile;
    },
  });
  await app.page.setViewportSize({ width: 1400, height: 1000 });
});
afterEach(async () => {
  await app?.close();
});

async function openView(page: Page, label: 'Audit' | 'Sign-ins'): Promise<void> {
  await page.goto(app.origin);
  await page.getByRole('navigation').getByText(label, { exact: true }).click();
  await expect.poll(() => page.locator('#view-title').textContent()).toBe(label);
}

/** Drags a file from the desktop onto the view: a real DragEvent whose DataTransfer holds the file. */
async function dropFile(page: Page, file: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name));
      return transfer;
    },
    { name: path.basename(file), base64: readFileSync(file).toString('base64') },
  );
  const zone = page.getByTestId('import-drop-zone');
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await expect.poll(() => page.getByText('Drop log files to import them').count()).toBe(1);
  await zone.dispatchEvent('drop', { dataTransfer });
}

/** Opens the field filters unless they are open (a time range set by the brush opens them). */
async function showFilters(page: Page): Promise<void> {
  const toggle = page.getByRole('button', { name: /^Filters/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

const countText = (page: Page) => page.getByTestId('record-count').textContent();
const tableIds = (page: Page) => page.locator('[role=row][data-record-id]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-record-id'))));

/** The filter of the last call on `channel` the page made (what the UI asked main for). */
function lastFilter(channel: string): RecordFilter {
  const call = app.captured.filter((c) => c.channel === channel).at(-1);
  return (call!.input as { filter: RecordFilter }).filter;
}

describe('reviewing audit records in the app', () => {
  it('imports a dropped file, filters, searches, opens a record, tags it and exports exactly the filtered rows', async () => {
    const { page } = app;
    await openView(page, 'Audit');
    expect(await page.getByRole('status').getByRole('heading').textContent()).toBe('No audit records stored');
    await page.getByText('Import a log file or collect from a tenant.').waitFor();

    // Import: drop the real Log Analytics OfficeActivity export.
    await dropFile(page, OFFICE_ACTIVITY);
    await expect.poll(() => page.getByTestId('import-result').textContent(), { timeout: 30_000 }).toContain('266 records read');
    expect(await page.getByTestId('import-result').textContent()).toContain('266 new, 0 already stored');
    await expect.poll(() => countText(page)).toBe('266 records');
    const store = await app.services.stores.active();
    expect(countRecords(store, { kind: 'audit' })).toEqual({ count: 266, exact: true });

    // A garbled file (through the file input) is refused whole, and the error names the file and line.
    const lines = readFileSync(path.join(FIXTURES, 'otrf-m365-atomic/o365spray_default.json'), 'utf8').trim().split('\n');
    const garbled = [...lines.slice(0, 3), '{"CreationTime": "2023-07-23T12:13:33", "Operation": oops}', ...lines.slice(3)].join('\n');
    await page.getByTestId('import-file-input').setInputFiles({ name: 'garbled.json', mimeType: 'application/json', buffer: Buffer.from(garbled) });
    await expect.poll(() => page.getByTestId('import-error').textContent(), { timeout: 30_000 }).toMatch(/garbled\.json:4: not valid JSON/);
    expect(await page.getByTestId('import-error').textContent()).toContain('Nothing from this file was imported');
    expect(countRecords(store, { kind: 'audit' }).count).toBe(266);

    // Brush the timeline: drag across the three buckets around the busiest one; the table narrows to that time.
    const histogram = app.captured.filter((c) => c.channel === 'review.histogram').at(-1)!.result as {
      value: { fromMs: number; bucketMs: number; buckets: { startMs: number; count: number }[] };
    };
    const { fromMs, bucketMs, buckets } = histogram.value;
    const slots = Math.round((buckets.at(-1)!.startMs + bucketMs - fromMs) / bucketMs);
    const busiest = buckets.reduce((a, b) => (b.count > a.count ? b : a));
    const slot = (busiest.startMs - fromMs) / bucketMs;
    const box = (await page.getByTestId('timeline').boundingBox())!;
    const xAt = (s: number) => box.x + (box.width * s) / slots;
    await page.mouse.move(xAt(slot - 0.5), box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(xAt(slot + 1.5), box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => lastFilter('review.count').fromMs).toBeDefined();
    const brushed = lastFilter('review.count');
    // Snapped to bucket edges: from the bucket before the busiest to the end of the one after it.
    expect(brushed.fromMs).toBe(busiest.startMs - bucketMs);
    expect(brushed.toMs).toBe(busiest.startMs + 2 * bucketMs);
    const inRange = countRecords(store, brushed).count;
    expect(inRange).toBeGreaterThan(0);
    expect(inRange).toBeLessThan(266);
    await expect.poll(() => countText(page)).toBe(`${inRange} records`);
    await page.getByRole('button', { name: 'Clear time range' }).click();
    await expect.poll(() => countText(page)).toBe('266 records');

    // Filter by user (any casing) and search the text.
    await showFilters(page);
    await page.getByLabel('User').fill('AdeleV@M365x816222.onmicrosoft.com');
    await page.getByLabel('Search text').fill('xlsx');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => countText(page)).toBe('7 records');
    const filter = lastFilter('review.count');
    expect(filter).toMatchObject({ kind: 'audit', users: ['AdeleV@M365x816222.onmicrosoft.com'], text: 'xlsx' });
    const expected = queryPage(store, { filter, limit: 1000 }).rows;
    expect(expected).toHaveLength(7);
    await expect.poll(() => tableIds(page)).toEqual(expected.map((r) => r.id));
    const userCells = await page.locator('[role=row][data-record-id] [role=gridcell]:nth-child(2)').allTextContents();
    expect(userCells.every((u) => u === 'adelev@m365x816222.onmicrosoft.com')).toBe(true);

    // Open the first record: its fields, and its raw JSON pretty-printed.
    await page.locator('[role=row][data-record-id]').first().click();
    const drawer = page.getByRole('dialog');
    await drawer.getByTestId('record-raw-json').waitFor();
    const raw = JSON.parse((await drawer.getByTestId('record-raw-json').textContent())!) as Record<string, string>;
    expect(raw['UserId']?.toLowerCase()).toBe('adelev@m365x816222.onmicrosoft.com');
    expect(raw['Operation']).toBe(expected[0]!.operation);
    expect(JSON.stringify(raw)).toMatch(/xlsx/i);
    expect(await drawer.getByTestId('record-fields').textContent()).toContain(expected[0]!.operation!);

    // Tag it: the tag shows, and it is in the store.
    await drawer.getByLabel('New tag').fill('exfil-check');
    await drawer.getByRole('button', { name: 'Add tag' }).click();
    await expect.poll(() => drawer.getByTestId('record-tags').textContent()).toContain('exfil-check');
    expect(listTags(store, expected[0]!.id)).toEqual(['exfil-check']);

    // Keyboard: close the drawer, then move down two rows and open that one.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await page.getByRole('grid', { name: 'Audit records' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog').getByTestId('record-fields').textContent()).toContain(expected[2]!.object ?? expected[2]!.operation!);
    await page.keyboard.press('Escape');

    // Export CSV: main asks where (the "dialog" answers exportFile) and writes exactly the filtered rows.
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menuitem', { name: /CSV/ }).click();
    await expect.poll(() => page.getByTestId('export-result').textContent()).toBe(`Exported 7 records to ${exportFile}.`);
    expect(suggestedNames.at(-1)).toMatch(/^warden-audit-\d{8}-\d{4}\.csv$/);
    const exportCall = app.captured.filter((c) => c.channel === 'review.export').at(-1)!;
    expect(Object.keys(exportCall.input as object).sort()).toEqual(['filter', 'format']);
    const [header, ...rows] = readFileSync(exportFile, 'utf8').trim().split('\r\n');
    const columns = header!.split(',');
    const exported = rows.map((line) => line.split(','));
    expect(exported.map((cells) => Number(cells[columns.indexOf('id')]))).toEqual([...(await tableIds(page))].reverse());
    expect(exported.every((cells) => cells[columns.indexOf('user')] === 'adelev@m365x816222.onmicrosoft.com')).toBe(true);

    expect(app.problems).toEqual([]);
  });
});

describe('reviewing sign-ins in the app', () => {
  it('imports sign-ins with the file input, saves a search and applies it, and shows related records', async () => {
    const { page } = app;
    await openView(page, 'Sign-ins');
    expect(await page.getByRole('status').getByRole('heading').textContent()).toBe('No sign-ins collected');
    await page.getByTestId('import-file-input').setInputFiles(SIGN_INS);
    await expect.poll(() => countText(page), { timeout: 30_000 }).toBe('56 sign-ins');
    await page.getByRole('columnheader', { name: 'Application' }).waitFor();
    const store = await app.services.stores.active();

    // Failures only, saved as a search; cleared; then applied again from the saved searches.
    await showFilters(page);
    await page.getByRole('checkbox', { name: 'Failure' }).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const failures = countRecords(store, { kind: 'signin', results: ['failure'] }).count;
    expect(failures).toBeGreaterThan(0);
    await expect.poll(() => countText(page)).toBe(`${failures} sign-ins`);
    await page.getByRole('button', { name: 'Saved searches' }).click();
    await page.getByLabel('Save the current search as').fill('Failed sign-ins');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('button', { name: 'Failed sign-ins', exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Clear all' }).click();
    await expect.poll(() => countText(page)).toBe('56 sign-ins');
    await page.getByRole('button', { name: 'Saved searches' }).click();
    await page.getByRole('button', { name: 'Failed sign-ins', exact: true }).click();
    await expect.poll(() => countText(page)).toBe(`${failures} sign-ins`);
    expect(await page.getByRole('checkbox', { name: 'Failure' }).isChecked()).toBe(true);

    // A sign-in's related records: the same user's other sign-ins within the hour.
    await page.locator('[role=row][data-record-id]').first().click();
    const related = page.getByRole('dialog').getByTestId('related-records');
    await related.waitFor();
    expect(await related.textContent()).toContain('same user');
    expect(app.problems).toEqual([]);
  });
});
