// Issue 5, acceptance 4, end to end in Chromium: an admin signs in, runs the role inventory from the Roles
// view, adds a member to a role group with a reason (previewed live, confirmed), sees the journal entry,
// sees it verified once the emulator's audit record arrives, undoes it, and the member is gone from
// Exchange (checked with Get-RoleGroupMember through the emulator's own API, not through Warden).
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import type { Browser, Page } from 'playwright-core';
import type { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import type { ConnectedProfile } from '../../main/core/profiles/profileSchema.ts';
import { appTokens } from '../contract/support/appTokens.ts';
import { trustingDispatcher } from '../contract/support/clients.ts';
import { invoke } from '../contract/support/exo.ts';
import { startAppHarness, type AppHarness } from '../support/appHarness.ts';
import { launchChromium } from '../support/chromium.ts';
import { emulatorAdmin } from '../support/emulatorAdmin.ts';
import { completeSignIn, openSystemBrowserPage } from '../support/emulatorSignIn.ts';

const vaultService = `Warden admin e2e ${randomUUID()}`;
const GROUP = 'Compliance Management';
let emulator: RunningEmulator;
let admin: ReturnType<typeof emulatorAdmin>;
let browser: Browser;
let app: AppHarness;
let dispatcher: Agent;
let exchangeToken: () => Promise<string>;

/** Role group members as the emulator's Exchange answers Get-RoleGroupMember (as the automation app). */
async function membersInExchange(group: string): Promise<string[]> {
  const result = await invoke<{ WindowsLiveID: string }>(dispatcher, emulator.info, await exchangeToken(), 'Get-RoleGroupMember', { Identity: group });
  expect(result.status).toBe(200);
  return result.value.map((m) => m.WindowsLiveID.toLowerCase());
}

beforeAll(async () => {
  process.env['WARDEN_VAULT_SERVICE'] = vaultService;
  emulator = await startEmulator({
    port: 0,
    seed: 'admin-e2e',
    users: 60,
    days: 1,
    scenarios: 'none',
    dataDir: mkdtempSync(path.join(tmpdir(), 'warden-emu-')),
    logLevel: 'warn',
  } as Parameters<typeof startEmulator>[0]);
  admin = emulatorAdmin(emulator.info);
  dispatcher = trustingDispatcher(emulator.info.caCert);
  const tokens = appTokens(emulator.info, dispatcher);
  exchangeToken = () => tokens('https://outlook.office365.com');
  browser = await launchChromium();
  const signInPage = await openSystemBrowserPage(browser);
  const user = emulator.info.users[0]!; // Global Administrator: Organization Management
  app = await startAppHarness(browser, {
    dataDir: mkdtempSync(path.join(tmpdir(), 'warden-admin-')),
    openSignInPage: () => (url) => completeSignIn(signInPage, url, { upn: user.upn, password: user.password, totpSecret: user.totpSecret }),
  });
  const profile = (await app.services.profiles.add({
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
  // Open the store before the views do: EvidenceStores.forProfile opens a second connection when two
  // first calls race (reported to the lead), and two connections to one store contend for its lock.
  await app.services.stores.forProfile(profile.id);
  await app.services.auth.signIn(profile, app.services.options.openSignInPage(profile), new AbortController().signal);
}, 90_000);

afterAll(async () => {
  await app?.close();
  await browser?.close();
  await dispatcher?.close();
  await admin?.close();
  await emulator?.stop();
  delete process.env['WARDEN_VAULT_SERVICE'];
  for (const service of [vaultService, `${vaultService} MSAL`]) for (const c of await keytar.findCredentials(service)) await keytar.deletePassword(service, c.account);
});

async function openView(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByText(name, { exact: true }).click();
  await expect.poll(() => page.locator('#view-title').textContent()).toBe(name);
}

describe('a role group change, safely (acceptance 4)', () => {
  it('adds a member with a reason, journals it, proves it with the audit record, undoes it', async () => {
    const { page } = app;
    const member = emulator.info.users[2]!.upn.toLowerCase(); // an ordinary member
    expect(await membersInExchange(GROUP)).not.toContain(member);
    // Exchange makes audit records searchable after a delay (30-90 minutes for real); here, 4 seconds.
    await admin.call('POST', '/clock', { ingestionDelaySeconds: 4 });

    await page.goto(app.origin);
    await openView(page, 'Roles');
    await page.getByRole('button', { name: 'Run role inventory' }).click();
    const groups = page.getByRole('navigation', { name: 'Role groups' });
    await groups.getByRole('button', { name: new RegExp(`^${GROUP}`) }).click({ timeout: 60_000 });
    const detail = page.getByTestId('role-group-detail');
    await expect.poll(() => detail.getByRole('heading', { level: 2 }).textContent()).toContain(GROUP);

    await detail.getByLabel('Member to add').fill(member);
    await detail.getByRole('button', { name: 'Add member…' }).click();
    const dialog = page.getByRole('dialog');
    const preview = dialog.getByRole('table', { name: 'Before and after' });
    await preview.waitFor({ timeout: 30_000 });
    await expect.poll(() => dialog.getByRole('heading').first().textContent()).toBe(`Add ${member} to ${GROUP}`);
    const memberRow = preview.getByRole('row', { name: new RegExp(`${member.replace(/[.]/g, '\\.')} is a member`) });
    expect(await memberRow.getByRole('cell').allTextContents()).toEqual([`${member} is a member`, 'No', 'Yes']);
    // Nothing happens before a reason is given and the change confirmed.
    expect(await dialog.getByRole('button', { name: 'Make this change' }).isDisabled()).toBe(true);
    expect(await membersInExchange(GROUP)).not.toContain(member);
    await dialog.getByLabel(/Reason/).fill('Needs compliance reporting for the Q3 audit (ticket 4711)');
    await dialog.getByRole('button', { name: 'Make this change' }).click();
    await expect.poll(() => dialog.getByTestId('change-result').textContent(), { timeout: 30_000 }).toBe('Done. Journal entry 1.');
    expect(await membersInExchange(GROUP)).toContain(member);
    await dialog.getByRole('button', { name: 'Close' }).click();

    await openView(page, 'Journal');
    const first = page.locator('[data-entry="1"]');
    await first.waitFor();
    const text = await first.textContent();
    expect(text).toContain(`Add ${member} to ${GROUP}`);
    expect(text).toContain(`by ${emulator.info.users[0]!.upn}`);
    expect(text).toContain('Needs compliance reporting for the Q3 audit (ticket 4711)');
    expect(text).toContain(`${member} is a member: No → Yes`);
    expect(await first.getByText('succeeded').count()).toBe(1);

    // Until Exchange has ingested the record, the change waits for its proof; then it is verified.
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Check audit log now' }).click();
          await page.getByRole('button', { name: 'Check audit log now' }).isEnabled();
          return page.getByTestId('audit-1').textContent();
        },
        { timeout: 30_000, intervals: [2000] },
      )
      .toBe('verified');
    expect(await first.textContent()).toMatch(/Logged by Exchange at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(Add-RoleGroupMember by /);

    await first.getByRole('button', { name: 'Undo change 1' }).click();
    const undo = page.getByRole('dialog');
    expect(await undo.getByRole('table', { name: 'What Undo puts back' }).getByRole('cell').allTextContents()).toContain('No');
    await undo.getByLabel('Reason for the Undo').fill('Reporting moved to the compliance team');
    await undo.getByRole('button', { name: 'Undo this change' }).click();
    await expect.poll(() => undo.getByTestId('undo-result').textContent(), { timeout: 30_000 }).toBe('Undone. Journal entry 2.');
    await undo.getByRole('button', { name: 'Close' }).click();

    const second = page.locator('[data-entry="2"]');
    await expect.poll(() => second.textContent()).toContain(`Remove ${member} from ${GROUP}`);
    expect(await second.textContent()).toContain('Undo of #1');
    await expect.poll(() => first.textContent()).toContain('Undone by #2');
    expect(await first.getByRole('button', { name: 'Undo change 1' }).count()).toBe(0);
    // The member is gone in Exchange itself.
    expect(await membersInExchange(GROUP)).not.toContain(member);
    expect(app.problems).toEqual([]);
  }, 150_000);
});
