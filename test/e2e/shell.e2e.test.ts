// The built renderer in Debian's Chromium, talking to the real main-side handlers through the
// shared dispatch. Run `npm run build` first (`npm test` does).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { events } from '../../shared/ipc/events.ts';
import { launchChromium } from '../support/chromium.ts';
import { startAppHarness, type AppHarness } from '../support/appHarness.ts';
import { serveRenderer, type RendererServer } from '../support/rendererServer.ts';
import { pageEmitter } from '../support/testBridge.ts';

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

let browser: Browser;
let foreign: RendererServer;
let app: AppHarness;
let dataDir: string;
const opened: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  foreign = await serveRenderer(path.resolve('out/renderer'));
});
afterAll(async () => {
  await browser?.close();
  await foreign?.close();
});
beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'warden-e2e-'));
  app = await startAppHarness(browser, { dataDir, version, openExternal: async (url) => void opened.push(url) });
});
afterEach(async () => {
  await app?.close();
});

/** Every view in the rail; all but Home and Accounts start with an honest empty state on a fresh install. */
const VIEWS = ['Mailboxes', 'Roles', 'Sign-ins', 'Audit', 'Findings', 'Jobs', 'Journal', 'Accounts', 'Home'] as const;
const WITHOUT_EMPTY_STATE = new Set(['Accounts', 'Home']);

describe('the app shell in Chromium', () => {
  it('shows app.info from main on Home, then every view, with no CSP violation or error', async () => {
    const { page } = app;
    await page.goto(app.origin);
    await expect.poll(() => page.getByTestId('app-version').textContent()).toBe(version);
    expect(await page.getByTestId('app-data-dir').textContent()).toBe(dataDir);
    expect(await page.getByTestId('app-platform').textContent()).toContain(process.platform);
    expect(await page.getByTestId('app-secret-store').textContent()).toMatch(/Secret Service \(libsecret/);
    expect(app.captured.some((c) => c.channel === 'app.info' && (c.result as { ok: boolean }).ok)).toBe(true);

    for (const label of VIEWS) {
      await page.getByRole('navigation').getByText(label, { exact: true }).click();
      await expect.poll(() => page.locator('#view-title').textContent()).toBe(label);
      if (!WITHOUT_EMPTY_STATE.has(label)) {
        const empty = page.getByRole('status').getByRole('heading').first();
        await empty.waitFor();
        expect(await empty.textContent(), `${label} shows what it is waiting for`).toMatch(/^No /);
      }
    }
    await expect.poll(() => page.getByTestId('app-version').textContent()).toBe(version);
    expect(app.problems).toEqual([]);
    // Looking creates nothing: no tenant profile (and so no store) appears from opening views.
    expect(app.services.profiles.list(), `channels called: ${[...new Set(app.captured.map((c) => c.channel))].join(', ')}`).toEqual([]);
  });

  it('offers the demo tenant and connecting a tenant on first start', async () => {
    const { page } = app;
    await page.goto(app.origin);
    await expect(page.getByRole('button', { name: 'Explore the demo tenant' }).waitFor()).resolves.toBeUndefined();
    await page.getByRole('button', { name: 'Connect your tenant' }).click();
    await expect.poll(() => page.locator('#view-title').textContent()).toBe('Accounts');
    await page.getByLabel('Profile name').fill('contoso');
    await page.getByLabel('Tenant ID or domain').fill('contoso.onmicrosoft.com');
    await page.getByLabel('Application (client) ID').fill('11111111-2222-3333-4444-555555555555');
    await page.getByRole('button', { name: 'Add tenant' }).click();
    await page.getByRole('table', { name: 'Tenant profiles' }).getByText('contoso.onmicrosoft.com').waitFor();
    expect(app.services.profiles.active()?.name).toBe('contoso');
  });

  it('switches view when main pushes app.navigate', async () => {
    const { page } = app;
    await page.goto(app.origin);
    await page.getByTestId('app-version').waitFor();
    pageEmitter(events, page)('app.navigate', { view: 'findings' });
    await expect.poll(() => page.locator('#view-title').textContent()).toBe('Findings');
  });

  it('opens the help page through main, which picks the URL', async () => {
    const { page } = app;
    await page.goto(app.origin);
    const before = opened.length;
    await page.getByRole('button', { name: /Exchange Online documentation/ }).click();
    await expect.poll(() => opened.length).toBe(before + 1);
    expect(opened.at(-1)).toBe('https://learn.microsoft.com/en-us/exchange/exchange-online');
  });

  it('follows the OS dark mode', async () => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(app.origin);
    await expect.poll(() => page.locator('[data-color-scheme]').getAttribute('data-color-scheme')).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => page.locator('[data-color-scheme]').getAttribute('data-color-scheme')).toBe('light');
  });

  it('exposes a frozen window.warden with invoke and on only', async () => {
    const { page } = app;
    await page.goto(app.origin);
    const shape = await page.evaluate(() => ({
      keys: Object.keys(window.warden).sort(),
      frozen: Object.isFrozen(window.warden),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(shape).toEqual({ keys: ['invoke', 'on'], frozen: true, require: 'undefined', process: 'undefined' });
  });

  it('answers a malformed call from the page with a typed error', async () => {
    const { page } = app;
    await page.goto(app.origin);
    const results = await page.evaluate(async () => [
      await window.warden.invoke('app.openExternalHelp', { topic: 'javascript:alert(1)' }),
      await window.warden.invoke('app.nope', {}),
      await window.warden.invoke('app.info', { extra: 1 }),
      await window.warden.invoke('accounts.signIn', { profileId: 'no-such-profile' }),
    ]);
    expect(results.map((r) => (r as { ok: boolean; error: { code: string } }).error.code)).toEqual(['invalid-input', 'unknown-channel', 'invalid-input', 'not-found']);
  });

  it('refuses calls from a foreign origin', async () => {
    const { page } = app;
    await page.goto(`${foreign.origin}/`);
    const result = await page.evaluate(() => window.warden.invoke('app.info', {}));
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-origin' } });
  });
});
