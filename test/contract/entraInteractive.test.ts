// msal-node's public client against the emulator, unmodified: interactive sign-in completed in Chromium through the
// emulator's HTML pages (password, then TOTP), then silent token renewal with the refresh token.
import { PublicClientApplication } from '@azure/msal-node';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import { launchChromiumTrusting } from './support/browser.ts';
import { msalNetworkClient, request, TEST_DATA_DIR, trustingDispatcher } from './support/clients.ts';
import { freshTotpCode, type SignInUser } from './support/formSignIn.ts';
import { claimsOf } from './support/jwt.ts';
import { tinyTenant } from './support/tinyTenant.ts';

let emulator: RunningEmulator;
let browser: Browser;
let dispatcher: ReturnType<typeof trustingDispatcher>;

beforeAll(async () => {
  emulator = await startEmulator({ tenant: tinyTenant({ days: 1 }), dataDir: TEST_DATA_DIR, tokenLifetimeSeconds: 60, logLevel: 'warn' });
  dispatcher = trustingDispatcher(emulator.info.caCert);
  browser = await launchChromiumTrusting(emulator.info.serverSpkiSha256);
});

afterAll(async () => {
  await browser?.close();
  await emulator?.stop();
  await dispatcher?.close();
});

function publicClient(): PublicClientApplication {
  return new PublicClientApplication({
    auth: { clientId: emulator.info.publicClientId, authority: emulator.info.authority, knownAuthorities: [new URL(emulator.info.authority).host] },
    system: { networkClient: msalNetworkClient(dispatcher) },
  });
}

function readyUser(index: number): SignInUser {
  const user = emulator.info.users[index];
  if (!user) throw new Error(`no ready-line user ${index}`);
  return user;
}

/** Drives the emulator's sign-in page the way a person does, optionally typing a wrong code first. */
async function signInInBrowser(url: string, user: SignInUser, options: { wrongCodeFirst?: boolean; deny?: boolean } = {}): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.getByLabel('User name').fill(user.upn);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const code = page.getByLabel('Code from your authenticator app');
    if (options.wrongCodeFirst) {
      await code.fill('000000');
      await page.getByRole('button', { name: 'Verify' }).click();
      expect(await page.getByRole('alert').textContent()).toContain("didn't enter the expected verification code");
    }
    if (options.deny) {
      await page.getByRole('button', { name: 'Deny' }).click();
    } else {
      await code.fill(freshTotpCode(user));
      await page.getByRole('button', { name: 'Verify' }).click();
    }
    await page.waitForURL(/^http:\/\/localhost:\d+\/?$/);
  } finally {
    await context.close();
  }
}

describe('msal-node public client against the emulator', () => {
  it('signs in interactively with password and TOTP, then renews silently with the refresh token', async () => {
    const user = readyUser(0);
    const app = publicClient();
    const result = await app.acquireTokenInteractive({
      scopes: ['https://graph.microsoft.com/AuditLog.Read.All'],
      openBrowser: (url) => signInInBrowser(url, user, { wrongCodeFirst: true }),
      successTemplate: 'Signed in to the emulator.',
    });
    expect(result.account?.username).toBe(user.upn);
    expect(result.account?.tenantId).toBe(emulator.info.tenantId);
    const claims = claimsOf(result.accessToken);
    expect(claims['aud']).toBe('https://graph.microsoft.com');
    expect(String(claims['scp']).split(' ')).toContain('AuditLog.Read.All');
    expect(claims['amr']).toEqual(['pwd', 'mfa']);
    expect(claims['upn']).toBe(user.upn);

    // The token works against Graph: a Global Administrator may read sign-ins.
    const signIns = await request(dispatcher, `${emulator.info.graph}/v1.0/auditLogs/signIns?$top=1`, {
      headers: { Authorization: `Bearer ${result.accessToken}` },
    });
    expect(signIns.status).toBe(200);

    // Access tokens live 60 s here, inside msal's 5-minute renewal margin: acquireTokenSilent must refresh.
    const silent = await app.acquireTokenSilent({ account: result.account!, scopes: ['https://graph.microsoft.com/AuditLog.Read.All'] });
    expect(silent.accessToken).not.toBe(result.accessToken);
    const log = await request(dispatcher, `${emulator.info.admin}/requests`);
    const grants = (log.body as { requests: Array<{ path: string; note?: { grant?: string } }> }).requests
      .filter((r) => r.path.includes('/oauth2/v2.0/token'))
      .map((r) => r.note?.grant);
    expect(grants).toEqual(['authorization_code', 'refresh_token']);

    // The same refresh token gets a token for another resource (Exchange).
    const exo = await app.acquireTokenSilent({ account: result.account!, scopes: ['https://outlook.office365.com/Exchange.Manage'] });
    expect(claimsOf(exo.accessToken)['aud']).toBe('https://outlook.office365.com');

    // Revoking the user's sessions makes the next refresh fail with AADSTS50173.
    await request(dispatcher, `${emulator.info.admin}/refresh-tokens/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ upn: user.upn }),
    });
    await expect(
      app.acquireTokenSilent({ account: result.account!, scopes: ['https://graph.microsoft.com/User.Read'], forceRefresh: true }),
    ).rejects.toMatchObject({ errorCode: 'invalid_grant', errorMessage: expect.stringContaining('AADSTS50173') });
  });

  it('rejects a wrong code and lets the user deny, which msal reports as access_denied', async () => {
    const user = readyUser(1);
    const app = publicClient();
    await expect(
      app.acquireTokenInteractive({ scopes: ['User.Read'], openBrowser: (url) => signInInBrowser(url, user, { wrongCodeFirst: true, deny: true }) }),
    ).rejects.toMatchObject({ errorCode: 'access_denied' });
  });
});
