// `warden login` against the emulator, the sign-in completed in Chromium with the TOTP step, then
// whoami in fresh processes (the account survives a restart), and a scan proving tokens live in the
// OS keyring, not in the data folder.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import { launchChromium } from '../support/chromium.ts';
import { completeSignIn, openSystemBrowserPage } from '../support/emulatorSignIn.ts';
import { emulatorAdmin } from '../support/emulatorAdmin.ts';
import { runWarden } from '../unit/support/runWarden.ts';

const WARDEN = path.resolve('main/cli/warden.ts');
let emulator: RunningEmulator;
let browser: Browser;
const vaultService = `Warden e2e ${randomUUID()}`;
const env = { WARDEN_VAULT_SERVICE: vaultService };

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'cli-login', users: 40, days: 2, scenarios: 'none', dataDir: mkdtempSync(path.join(tmpdir(), 'warden-emu-')) });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await emulator?.stop();
  for (const c of await keytar.findCredentials(vaultService)) await keytar.deletePassword(vaultService, c.account);
  for (const c of await keytar.findCredentials(`${vaultService} MSAL`)) await keytar.deletePassword(`${vaultService} MSAL`, c.account);
});

/** Starts `warden login`, hands the printed sign-in address to `signIn`, and returns the finished run. */
function loginWith(dataDir: string, signIn: (url: string) => Promise<void>, extraEnv: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [WARDEN, '--data-dir', dataDir, '--json', 'login', '--no-browser'], { env: { ...process.env, ...env, ...extraEnv } });
    let stdout = '';
    let stderr = '';
    let started = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const url = /https:\/\/127\.0\.0\.1:\d+\/\S+\/oauth2\/v2\.0\/authorize\S+/.exec(stderr)?.[0];
      if (url && !started) {
        started = true;
        signIn(url).catch(reject);
      }
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

async function addEmulatorProfile(dataDir: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const added = await runWarden(['--data-dir', dataDir, 'tenant', 'add', 'demo', '--emulator', JSON.stringify(emulator.info)], { env: { ...env, ...extraEnv } });
  expect(added.code, added.stderr).toBe(0);
}

describe('warden login with MFA against the emulator', () => {
  it('signs in through the browser with TOTP, survives a restart, and keeps tokens only in the keyring', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'warden-login-'));
    await addEmulatorProfile(dataDir);
    const admin = emulator.info.users[0]!;
    const page = await openSystemBrowserPage(browser);
    const login = await loginWith(dataDir, (url) => completeSignIn(page, url, { upn: admin.upn, password: admin.password, totpSecret: admin.totpSecret }, { wrongCodeFirst: true }));
    expect(login.code, login.stderr).toBe(0);
    expect(JSON.parse(login.stdout.trim().split('\n').at(-1)!)).toMatchObject({ profile: 'demo', user: { username: admin.upn }, persistent: true });

    // A new process: the account is back from the OS store, and Graph answers with no prompt.
    const whoami = await runWarden(['--data-dir', dataDir, '--json', 'whoami'], { env });
    expect(whoami.code, whoami.stderr).toBe(0);
    const who = whoami.json<{ user: { username: string; roles: string[] }; persistent: boolean; tokenFreshness: unknown[] }>();
    expect(who.user.username).toBe(admin.upn);
    expect(who.user.roles).toContain('Global Administrator');
    expect(who.tokenFreshness.length).toBeGreaterThan(0);

    // The real tokens, read back from the keyring where msal-node-extensions put them...
    const profileId = (JSON.parse(readFileSync(path.join(dataDir, 'profiles.json'), 'utf8')) as { profiles: Array<{ id: string }> }).profiles[0]!.id;
    const cacheText = await keytar.getPassword(`${vaultService} MSAL`, profileId);
    expect(cacheText).toBeTruthy();
    const cache = JSON.parse(cacheText!) as Record<string, Record<string, { secret: string }>>;
    const secrets = ['AccessToken', 'RefreshToken', 'IdToken'].flatMap((kind) => Object.values(cache[kind] ?? {}).map((e) => e.secret));
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    // ...are nowhere in the data folder, nor in what the CLI printed.
    for (const file of filesUnder(dataDir)) {
      const content = readFileSync(file, 'latin1');
      for (const secret of secrets) expect(content.includes(secret), `${file} holds a token`).toBe(false);
    }
    for (const secret of secrets) expect(login.stdout + login.stderr + whoami.stdout + whoami.stderr).not.toContain(secret);
    await page.context().close();
  });

  it('without a keyring: still signs in, says tokens are not persisted, and writes none to disk', async () => {
    const noKeyring = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/warden-no-bus', DISPLAY: '' };
    const dataDir = mkdtempSync(path.join(tmpdir(), 'warden-login-nokeyring-'));
    await addEmulatorProfile(dataDir, noKeyring);
    const admin = emulator.info.users[1]!;
    const page = await openSystemBrowserPage(browser);
    const login = await loginWith(dataDir, (url) => completeSignIn(page, url, { upn: admin.upn, password: admin.password, totpSecret: admin.totpSecret }), noKeyring);
    expect(login.code, login.stderr).toBe(0);
    expect(JSON.parse(login.stdout.trim().split('\n').at(-1)!)).toMatchObject({ persistent: false });
    expect(login.stderr).toMatch(/tokens are kept in memory only and are not persisted/);
    for (const file of filesUnder(dataDir)) {
      const content = readFileSync(file, 'latin1');
      expect(content).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}\./);
      expect(content).not.toMatch(/"RefreshToken"/);
    }
    // The next process has nothing: it asks for a sign-in (exit code 3), it does not crash.
    const whoami = await runWarden(['--data-dir', dataDir, 'whoami'], { env: { ...env, ...noKeyring } });
    expect(whoami.code).toBe(3);
    expect(whoami.stderr).toMatch(/Nobody is signed in/);
    await page.context().close();
  });

  it('reports a denied sign-in plainly and keeps no partial account', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'warden-login-deny-'));
    await addEmulatorProfile(dataDir);
    const admin = emulator.info.users[0]!;
    const page = await openSystemBrowserPage(browser);
    const login = await loginWith(dataDir, (url) => completeSignIn(page, url, { upn: admin.upn, password: admin.password, totpSecret: admin.totpSecret }, { deny: 'mfa' }));
    expect(login.code).toBe(3);
    expect(login.stderr).toMatch(/sign-in was denied in the browser/);
    const whoami = await runWarden(['--data-dir', dataDir, 'whoami'], { env });
    expect(whoami.code).toBe(3);
    expect(statSync(path.join(dataDir, 'profiles.json')).isFile()).toBe(true);
    await page.context().close();
  });

  it('tells the admin plainly when consent for an API is missing', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'warden-login-consent-'));
    await addEmulatorProfile(dataDir);
    const admin = emulator.info.users[0]!;
    const page = await openSystemBrowserPage(browser);
    const login = await loginWith(dataDir, (url) => completeSignIn(page, url, { upn: admin.upn, password: admin.password, totpSecret: admin.totpSecret }));
    expect(login.code, login.stderr).toBe(0);
    const control = emulatorAdmin(emulator.info);
    await control.call('POST', '/consent', { resource: 'exchange', granted: false });
    try {
      const run = await runWarden(['--data-dir', dataDir, 'inventory', 'mailboxes'], { env });
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(/Exchange Online: consent is missing \(AADSTS65001/);
    } finally {
      await control.call('POST', '/consent', { resource: 'exchange', granted: true });
      await control.close();
      await page.context().close();
    }
  });
});

describe('warden login --app (certificate, unattended)', () => {
  it('signs in as the app from a PFX read with --cert-password-stdin, and whoami --json works from a script', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'warden-app-'));
    await addEmulatorProfile(dataDir);
    const pfx = path.join(dataDir, 'automation.pfx');
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', emulator.info.app.keyPem, '-in', emulator.info.app.certPem, '-out', pfx, '-passout', 'pass:P@ss w0rd!']);
    const login = await runWarden(['--data-dir', dataDir, '--json', 'login', '--app', '--cert', pfx, '--cert-password-stdin', '--client-id', emulator.info.app.clientId], {
      env,
      stdin: 'P@ss w0rd!\n',
    });
    expect(login.code, login.stderr).toBe(0);
    expect(login.json()).toMatchObject({ app: { clientId: emulator.info.app.clientId, thumbprint: emulator.info.app.thumbprint, expiry: { state: 'valid' } }, persistent: true });
    const whoami = await runWarden(['--data-dir', dataDir, '--json', 'whoami'], { env });
    expect(whoami.code, whoami.stderr).toBe(0);
    expect(whoami.json()).toMatchObject({ user: null, app: { clientId: emulator.info.app.clientId, working: true } });
    // The key is in the keyring, not in the data folder (the PFX we made there is the user's own file).
    const key = readFileSync(emulator.info.app.keyPem, 'utf8').split('\n').slice(1, 4).join('');
    for (const file of filesUnder(dataDir).filter((f) => !f.endsWith('automation.pfx'))) expect(readFileSync(file, 'latin1').replace(/\s/g, '')).not.toContain(key);
    // A wrong password is named as such.
    const wrong = await runWarden(['--data-dir', dataDir, 'login', '--app', '--cert', pfx, '--cert-password-stdin', '--client-id', emulator.info.app.clientId], { env, stdin: 'nope' });
    expect([wrong.code, wrong.stderr]).toEqual([2, expect.stringMatching(/the PFX password is wrong/)]);
  });

  it('refuses an expired certificate with a clear message and keeps nothing of it', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'warden-app-expired-'));
    await addEmulatorProfile(dataDir);
    const control = emulatorAdmin(emulator.info);
    const expired = await control.call<{ certPem: string; keyPem: string }>('POST', '/apps/certificates', { expired: true });
    await control.close();
    const pem = path.join(dataDir, 'expired.pem');
    writeFileSync(pem, expired.certPem + expired.keyPem);
    const login = await runWarden(['--data-dir', dataDir, 'login', '--app', '--cert', pem, '--client-id', emulator.info.app.clientId], { env });
    expect(login.code).toBe(2);
    expect(login.stderr).toMatch(/expired on \d{4}-\d{2}-\d{2}; Entra will refuse it/);
    const whoami = await runWarden(['--data-dir', dataDir, '--json', 'whoami'], { env });
    expect(whoami.code).toBe(3);
    const profile = JSON.parse(readFileSync(path.join(dataDir, 'profiles.json'), 'utf8')) as { profiles: Array<{ id: string; app: unknown }> };
    expect(profile.profiles[0]!.app).toBeNull();
    expect(await keytar.getPassword(vaultService, `app-credential:${profile.profiles[0]!.id}`)).toBeNull();
  });
});

