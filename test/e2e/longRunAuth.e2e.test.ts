// Issue 4, acceptance 3: with 60-second access tokens, a job that lasts several token lifetimes completes
// without a prompt (silent renewal); with the refresh token revoked mid-run, the job pauses as
// needs-sign-in and resumes by itself once the admin signs in again.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import type { ConnectedProfile } from '../../main/core/profiles/profileSchema.ts';
import type { Services } from '../../main/core/services.ts';
import type { JobSnapshot } from '../../shared/model/jobs.ts';
import { launchChromium } from '../support/chromium.ts';
import { emulatorAdmin } from '../support/emulatorAdmin.ts';
import { completeSignIn, openSystemBrowserPage } from '../support/emulatorSignIn.ts';
import { createTestServices } from '../support/services.ts';

const vaultService = `Warden long-run ${randomUUID()}`;
let emulator: RunningEmulator;
let admin: ReturnType<typeof emulatorAdmin>;
let browser: Browser;
let browserPage: Page;
let services: Services;
let profile: ConnectedProfile;

beforeAll(async () => {
  process.env['WARDEN_VAULT_SERVICE'] = vaultService;
  emulator = await startEmulator({ port: 0, seed: 'long-run', users: 60, days: 1, scenarios: 'none', tokenLifetimeSeconds: 60, dataDir: mkdtempSync(path.join(tmpdir(), 'warden-emu-')), logLevel: 'warn' } as Parameters<typeof startEmulator>[0]);
  admin = emulatorAdmin(emulator.info);
  browser = await launchChromium();
  browserPage = await openSystemBrowserPage(browser);
  const user = emulator.info.users[1]!; // the Exchange Administrator
  services = await createTestServices({
    dataDir: mkdtempSync(path.join(tmpdir(), 'warden-long-run-')),
    openSignInPage: () => (url) => completeSignIn(browserPage, url, { upn: user.upn, password: user.password, totpSecret: user.totpSecret }),
  });
  profile = (await services.profiles.add({
    kind: 'emulator',
    name: 'emu',
    tenantId: emulator.info.tenantId,
    clientId: emulator.info.publicClientId,
    authority: emulator.info.authority,
    graph: emulator.info.graph,
    exchange: emulator.info.exo,
    manage: emulator.info.manage,
    caCertPem: await readFile(emulator.info.caCert, 'utf8'),
    app: null,
  })) as ConnectedProfile;
  await services.auth.signIn(profile, services.options.openSignInPage(profile), new AbortController().signal);
}, 90_000);

afterAll(async () => {
  await services?.close();
  await browser?.close();
  await admin?.close();
  await emulator?.stop();
  delete process.env['WARDEN_VAULT_SERVICE'];
  for (const service of [vaultService, `${vaultService} MSAL`]) for (const c of await keytar.findCredentials(service)) await keytar.deletePassword(service, c.account);
});

function waitForState(jobId: number, accept: (s: JobSnapshot) => boolean): Promise<JobSnapshot> {
  return new Promise((resolve) => {
    const onUpdate = (_profileId: string, snapshot: JobSnapshot) => {
      if (snapshot.id === jobId && accept(snapshot)) {
        services.jobs.off('update', onUpdate);
        resolve(snapshot);
      }
    };
    services.jobs.on('update', onUpdate);
  });
}

const refreshGrants = (log: Awaited<ReturnType<ReturnType<typeof emulatorAdmin>['requests']>>) =>
  log.filter((r) => r.service === 'entra' && r.path.includes('/oauth2/v2.0/token') && r.status === 200).length;

describe('silent renewal during long work', () => {
  it('runs through several 60-second token lifetimes without a prompt', async () => {
    await admin.clearRequests();
    await admin.setFaults({ rules: [{ kind: 'slow', match: { service: 'exo' }, delayMs: 900 }] });
    const started = Date.now();
    const first = await services.jobs.startOrResume(profile.id, 'inventory.mailboxes', { details: true }, 'user');
    const job = await services.jobs.wait(profile.id, first.id);
    const seconds = (Date.now() - started) / 1000;
    await admin.clearFaults();
    expect(job.state, job.error ?? '').toBe('succeeded');
    expect(seconds).toBeGreaterThan(125);
    // Tokens were renewed with the refresh token along the way, never by asking the user.
    expect(refreshGrants(await admin.requests())).toBeGreaterThanOrEqual(3);
  }, 240_000);

  it('pauses as needs-sign-in when the refresh token is revoked mid-run, and resumes after signing in again', async () => {
    await admin.setFaults({ rules: [{ kind: 'slow', match: { service: 'exo' }, delayMs: 150 }] });
    const first = await services.jobs.startOrResume(profile.id, 'inventory.mailboxes', { details: true }, 'user');
    await waitForState(first.id, (s) => s.done >= 80);
    const paused = waitForState(first.id, (s) => s.state === 'paused');
    await admin.call('POST', '/refresh-tokens/revoke', { upn: emulator.info.users[1]!.upn });
    const pausedJob = await paused;
    expect(pausedJob).toMatchObject({ state: 'paused', pauseReason: 'needs-sign-in' });
    expect(pausedJob.error).toMatch(/sign in again/i);
    const doneAtPause = pausedJob.done;

    const finished = waitForState(first.id, (s) => s.state === 'succeeded' || s.state === 'failed' || s.state === 'incomplete');
    await services.auth.signIn(profile, services.options.openSignInPage(profile), new AbortController().signal);
    const job = await finished;
    await admin.clearFaults();
    expect(job.state, job.error ?? '').toBe('succeeded');
    expect(job.done).toBeGreaterThan(doneAtPause);
  }, 180_000);
});
