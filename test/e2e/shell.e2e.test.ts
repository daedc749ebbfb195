// The built renderer in Debian's Chromium, talking to the real main-side handlers through the
// shared dispatch. Run `npm run build` first (`npm test` does).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../shared/ipc/contract.ts';
import { events } from '../../shared/ipc/events.ts';
import { createHandlers } from '../../main/core/api/handlers.ts';
import { createDispatch } from '../../main/core/ipc/dispatch.ts';
import { silentLogger } from '../../main/core/log.ts';
import { launchChromium } from '../support/chromium.ts';
import { serveRenderer, type RendererServer } from '../support/rendererServer.ts';
import { installTestBridge, pageEmitter, type IpcCapture } from '../support/testBridge.ts';

const rendererDir = path.resolve('out/renderer');
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

let browser: Browser;
let server: RendererServer;
let foreign: RendererServer;
const dataDir = mkdtempSync(path.join(tmpdir(), 'warden-e2e-'));
const opened: string[] = [];

beforeAll(async () => {
  if (!existsSync(path.join(rendererDir, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first.');
  server = await serveRenderer(rendererDir);
  foreign = await serveRenderer(rendererDir);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await foreign?.close();
});

let context: BrowserContext;
let page: Page;
let captured: IpcCapture[];
let problems: string[];

beforeEach(async () => {
  await context?.close();
  context = await browser.newContext({ colorScheme: 'light' });
  const dispatch = createDispatch(
    contract,
    createHandlers({
      version,
      dataDir,
      electronVersion: null,
      chromeVersion: null,
      openExternal: async (url) => void opened.push(url),
    }),
    { allowedOrigins: [server.origin], log: silentLogger },
  );
  captured = await installTestBridge(context, dispatch);
  page = await context.newPage();
  problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // CSP violations are reported as DOM events; collect them from the start.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
});

const VIEWS = [
  ['Mailboxes', 'No mailbox inventory yet'],
  ['Roles', 'No role groups yet'],
  ['Sign-ins', 'No sign-ins collected'],
  ['Audit', 'No audit records stored'],
  ['Findings', 'No findings'],
  ['Jobs', 'No jobs'],
  ['Accounts', 'No accounts'],
  ['Home', null],
] as const;

describe('the app shell in Chromium', () => {
  it('shows app.info from main on Home, then every view, with no CSP violation or error', async () => {
    await page.goto(server.origin);
    await expect.poll(() => page.getByTestId('app-version').textContent()).toBe(version);
    expect(await page.getByTestId('app-data-dir').textContent()).toBe(dataDir);
    expect(await page.getByTestId('app-platform').textContent()).toContain(process.platform);
    expect(await page.getByTestId('app-secret-store').textContent()).toMatch(/Secret Service \(libsecret/);
    expect(captured.some((c) => c.channel === 'app.info' && (c.result as { ok: boolean }).ok)).toBe(true);

    for (const [label, emptyTitle] of VIEWS) {
      await page.getByRole('navigation').getByText(label, { exact: true }).click();
      await expect.poll(() => page.locator('#view-title').textContent()).toBe(label);
      if (emptyTitle) expect(await page.getByRole('status').getByRole('heading').textContent()).toBe(emptyTitle);
    }
    await expect.poll(() => page.getByTestId('app-version').textContent()).toBe(version);
    expect(problems).toEqual([]);
  });

  it('switches view when main pushes app.navigate', async () => {
    await page.goto(server.origin);
    await page.getByTestId('app-version').waitFor();
    pageEmitter(events, page)('app.navigate', { view: 'findings' });
    await expect.poll(() => page.locator('#view-title').textContent()).toBe('Findings');
  });

  it('opens the help page through main, which picks the URL', async () => {
    await page.goto(server.origin);
    const before = opened.length;
    await page.getByRole('button', { name: /Exchange Online documentation/ }).click();
    await expect.poll(() => opened.length).toBe(before + 1);
    expect(opened.at(-1)).toBe('https://learn.microsoft.com/en-us/exchange/exchange-online');
  });

  it('follows the OS dark mode', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(server.origin);
    await expect.poll(() => page.locator('[data-color-scheme]').getAttribute('data-color-scheme')).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => page.locator('[data-color-scheme]').getAttribute('data-color-scheme')).toBe('light');
  });

  it('exposes a frozen window.warden with invoke and on only', async () => {
    await page.goto(server.origin);
    const shape = await page.evaluate(() => ({
      keys: Object.keys(window.warden).sort(),
      frozen: Object.isFrozen(window.warden),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(shape).toEqual({ keys: ['invoke', 'on'], frozen: true, require: 'undefined', process: 'undefined' });
  });

  it('answers a malformed call from the page with a typed error', async () => {
    await page.goto(server.origin);
    const results = await page.evaluate(async () => [
      await window.warden.invoke('app.openExternalHelp', { topic: 'javascript:alert(1)' }),
      await window.warden.invoke('app.nope', {}),
      await window.warden.invoke('app.info', { extra: 1 }),
    ]);
    expect(results.map((r) => (r as { ok: boolean; error: { code: string } }).error.code)).toEqual(['invalid-input', 'unknown-channel', 'invalid-input']);
  });

  it('refuses calls from a foreign origin', async () => {
    await page.goto(`${foreign.origin}/`);
    const result = await page.evaluate(() => window.warden.invoke('app.info', {}));
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-origin' } });
    await expect.poll(() => page.getByRole('alert').or(page.getByText("Could not read the app's information")).first().textContent()).toMatch(/Warden's own pages/);
  });
});
