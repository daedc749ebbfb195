// The Accounts view end to end: start the demo tenant from Home, sign in as its admin through the
// emulator's sign-in page (password, then the TOTP code the app shows), see the account and its roles,
// and prove that no token crossed IPC.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoEmulator } from '../../main/electron/demoEmulator.ts';
import { startAppHarness, type AppHarness } from '../support/appHarness.ts';
import { launchChromium } from '../support/chromium.ts';
import { openSystemBrowserPage } from '../support/emulatorSignIn.ts';

const vaultService = `Warden e2e ${randomUUID()}`;
let browser: Browser;
let app: AppHarness;
let signInUrls: string[];

beforeAll(async () => {
  process.env['WARDEN_VAULT_SERVICE'] = vaultService;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  delete process.env['WARDEN_VAULT_SERVICE'];
  for (const service of [vaultService, `${vaultService} MSAL`]) for (const c of await keytar.findCredentials(service)) await keytar.deletePassword(service, c.account);
});
afterEach(async () => {
  await app?.close();
});

async function startDemoFromHome(): Promise<{ page: Page; dataDir: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'warden-accounts-'));
  signInUrls = [];
  app = await startAppHarness(browser, { dataDir, startDemoTenant: startDemoEmulator, openSignInPage: () => async (url) => void signInUrls.push(url) });
  const { page } = app;
  await page.goto(app.origin);
  await page.getByRole('button', { name: 'Explore the demo tenant' }).click();
  await expect.poll(() => page.locator('#view-title').textContent(), { timeout: 30_000 }).toBe('Accounts');
  await page.getByTestId('demo-upn').waitFor();
  return { page, dataDir };
}

/** The user reads the demo credentials off the app and types them into the sign-in page. */
async function readCredentials(page: Page) {
  return {
    upn: (await page.getByTestId('demo-upn').textContent())!,
    password: (await page.getByTestId('demo-password').textContent())!,
  };
}

describe('Accounts: signing in to the demo tenant', () => {
  it('signs in with password and TOTP, shows the account and its roles, and never sends a token over IPC', async () => {
    const { page, dataDir } = await startDemoFromHome();
    const { upn, password } = await readCredentials(page);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => signInUrls.length).toBe(1);

    const browserPage = await openSystemBrowserPage(browser);
    await browserPage.goto(signInUrls[0]!);
    await browserPage.getByLabel('User name').fill(upn);
    await browserPage.getByLabel('Password').fill(password);
    await browserPage.getByRole('button', { name: 'Sign in' }).click();
    await browserPage.getByLabel('Code from your authenticator app').waitFor();
    // The code the app shows right now (it changes every 30 seconds).
    const code = (await page.getByTestId('demo-totp').textContent())!;
    await browserPage.getByLabel('Code from your authenticator app').fill(code);
    await browserPage.getByRole('button', { name: 'Verify' }).click();
    await browserPage.getByText('You can close this tab and return to Warden.').waitFor();

    await expect.poll(() => page.getByTestId('account-user').textContent(), { timeout: 20_000 }).toContain(upn);
    await expect.poll(() => page.getByTestId('account-roles').textContent()).toContain('Global Administrator');
    expect(await page.getByTestId('account-secret-store').textContent()).toMatch(/Secret Service/);

    // The real tokens, from the keyring...
    const profileId = app.services.profiles.active()!.id;
    const cache = JSON.parse((await keytar.getPassword(`${vaultService} MSAL`, profileId))!) as Record<string, Record<string, { secret: string }>>;
    const secrets = ['AccessToken', 'RefreshToken', 'IdToken'].flatMap((kind) => Object.values(cache[kind] ?? {}).map((e) => e.secret));
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    // ...never crossed IPC, and are not in the data folder.
    const traffic = JSON.stringify(app.captured);
    expect(traffic).toContain(upn);
    for (const secret of secrets) expect(traffic.includes(secret)).toBe(false);
    for (const entry of readdirSync(dataDir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const content = readFileSync(path.join(entry.parentPath, entry.name), 'latin1');
      for (const secret of secrets) expect(content.includes(secret), `${entry.name} holds a token`).toBe(false);
    }
    expect(app.problems).toEqual([]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByTestId('account-user').textContent()).toBe('nobody');
    const after = JSON.parse((await keytar.getPassword(`${vaultService} MSAL`, profileId)) ?? '{}') as Record<string, Record<string, unknown>>;
    expect(Object.keys(after['RefreshToken'] ?? {})).toHaveLength(0);
    await browserPage.context().close();
  });

  it('says plainly when the user denies the sign-in, and when the sign-in is cancelled', async () => {
    const { page } = await startDemoFromHome();
    const { upn, password } = await readCredentials(page);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => signInUrls.length).toBe(1);
    const browserPage = await openSystemBrowserPage(browser);
    await browserPage.goto(signInUrls[0]!);
    await browserPage.getByLabel('User name').fill(upn);
    await browserPage.getByLabel('Password').fill(`${password}-wrong`);
    await browserPage.getByRole('button', { name: 'Sign in' }).click();
    // A wrong password is Entra's to report, on its page; the user can try again or give up.
    await browserPage.getByText(/AADSTS50126/).waitFor();
    await browserPage.getByRole('button', { name: 'Deny' }).click();
    await expect.poll(() => page.getByTestId('sign-in-error').textContent(), { timeout: 20_000 }).toMatch(/denied in the browser/);
    expect(await page.getByTestId('account-user').textContent()).toBe('nobody');

    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Cancel sign-in' }).click();
    await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toMatch(/Sign-in was cancelled/);
    await browserPage.context().close();
  });
});
