import * as OTPAuth from 'otpauth';
import type { Browser, Page } from 'playwright-core';

export interface SignInAs {
  upn: string;
  password: string;
  totpSecret: string;
}

/** The current RFC 6238 code for a user's authenticator secret, as the user's phone would show it. */
export function totpNow(secret: string, offsetSteps = 0): string {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  return totp.generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

/** Codes already used per secret: like Entra, the emulator refuses a TOTP code a second time. */
const usedCodes = new Map<string, string>();

/** A code that has not been used yet: waits for the next 30-second step when the current one was. */
async function freshCode(secret: string): Promise<string> {
  let code = totpNow(secret);
  while (usedCodes.get(secret) === code) {
    await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 50));
    code = totpNow(secret);
  }
  usedCodes.set(secret, code);
  return code;
}

/**
 * Plays the user at Entra's (the emulator's) sign-in page in a browser page: user name and password,
 * then the authenticator code. The "system browser" of the tests: its own context, which accepts the
 * emulator's private CA the way a user would have to in a real browser.
 */
export async function openSystemBrowserPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  return context.newPage();
}

export async function completeSignIn(page: Page, url: string, user: SignInAs, options: { wrongCodeFirst?: boolean; deny?: 'password' | 'mfa' } = {}): Promise<void> {
  await page.goto(url);
  await page.getByLabel('User name').fill(user.upn);
  await page.getByLabel('Password').fill(user.password);
  if (options.deny === 'password') {
    await page.getByRole('button', { name: 'Deny' }).click();
    return;
  }
  await page.getByRole('button', { name: 'Sign in' }).click();
  const code = page.getByLabel('Code from your authenticator app');
  await code.waitFor();
  if (options.deny === 'mfa') {
    await page.getByRole('button', { name: 'Deny' }).click();
    return;
  }
  if (options.wrongCodeFirst) {
    await code.fill(totpNow(user.totpSecret, 10));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText(/didn't enter the expected verification code/).waitFor();
    await page.getByLabel('Code from your authenticator app').fill(await freshCode(user.totpSecret));
  } else {
    await code.fill(await freshCode(user.totpSecret));
  }
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByText('You can close this tab and return to Warden.').waitFor();
}
