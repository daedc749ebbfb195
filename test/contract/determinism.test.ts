// Same seed, same flags: identical labels and identical responses, run after run.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import { admin } from './support/admin.ts';
import { appTokens } from './support/appTokens.ts';
import { request, TEST_DATA_DIR, trustingDispatcher } from './support/clients.ts';
import { invoke } from './support/exo.ts';

const HOUR_MS = 3_600_000;
const end = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS);
const options = { seed: 'determinism', users: 60, days: 3, scenarios: 'all', end, dataDir: TEST_DATA_DIR, logLevel: 'warn' } as const;
const running: RunningEmulator[] = [];

afterAll(async () => {
  for (const e of running) await e.stop();
});

/** Starts an emulator, reads its labels and a fixed series of responses (bodies, with its own origin masked). */
async function capture(): Promise<{ labels: string; responses: string[] }> {
  const emulator = await startEmulator(options);
  running.push(emulator);
  const labels = readFileSync(emulator.info.labels, 'utf8');
  const dispatcher = trustingDispatcher(emulator.info.caCert);
  await admin(dispatcher, emulator.info, '/throttling', { graphIdentityReports: null });
  const tokens = appTokens(emulator.info, dispatcher);
  const graph = await tokens('https://graph.microsoft.com');
  const exo = await tokens('https://outlook.office365.com');
  const manage = await tokens('https://manage.office.com');
  const origin = new URL(emulator.info.authority).origin;
  const responses: string[] = [];
  const keep = (text: string) => responses.push(text.split(origin).join('ORIGIN'));
  const g = async (path: string) => keep((await request(dispatcher, `${emulator.info.graph}${path}`, { headers: { Authorization: `Bearer ${graph}` } })).text);
  await g('/v1.0/users?$top=50&$select=id,userPrincipalName,displayName,accountEnabled');
  const firstSignIns = await request(dispatcher, `${emulator.info.graph}/beta/auditLogs/signIns?$top=200`, { headers: { Authorization: `Bearer ${graph}` } });
  keep(firstSignIns.text);
  const next = (firstSignIns.body as { '@odata.nextLink': string })['@odata.nextLink'];
  keep((await request(dispatcher, next, { headers: { Authorization: `Bearer ${graph}` } })).text);
  await g('/v1.0/auditLogs/directoryAudits?$top=100');
  await g('/v1.0/roleManagement/directory/roleAssignments');
  await g('/v1.0/reports/authenticationMethods/userRegistrationDetails');
  for (const [cmdlet, parameters] of [
    ['Get-Mailbox', { ResultSize: 'Unlimited' }],
    ['Get-RoleGroup', {}],
    ['Get-InboxRule', { Mailbox: emulator.info.users[2]!.upn }],
    ['Get-MailboxPermission', { Identity: emulator.info.users[0]!.upn }],
    [
      'Search-UnifiedAuditLog',
      {
        StartDate: new Date(end.getTime() - 72 * HOUR_MS).toISOString().slice(0, 19),
        EndDate: end.toISOString().slice(0, 19),
        SessionId: 's',
        SessionCommand: 'ReturnLargeSet',
        ResultSize: 500,
      },
    ],
  ] as const) {
    keep((await invoke(dispatcher, emulator.info, exo, cmdlet, parameters)).response.text);
  }
  const root = `${emulator.info.manage}/api/v1.0/${emulator.info.tenantId}/activity/feed`;
  await request(dispatcher, `${root}/subscriptions/start?contentType=Audit.Exchange`, { method: 'POST', headers: { Authorization: `Bearer ${manage}` } });
  const window = `startTime=${new Date(end.getTime() - 25 * HOUR_MS).toISOString().slice(0, 19)}&endTime=${new Date(end.getTime() - HOUR_MS).toISOString().slice(0, 19)}`;
  const list = await request(dispatcher, `${root}/subscriptions/content?contentType=Audit.Exchange&${window}`, {
    headers: { Authorization: `Bearer ${manage}` },
  });
  keep(list.text);
  if (list.status !== 200) throw new Error(`content list answered ${list.status}: ${list.text}`);
  const blobs = list.body as Array<{ contentUri: string }>;
  const lastBlobs: string[] = [];
  for (const blob of blobs.slice(-8)) lastBlobs.push((await request(dispatcher, blob.contentUri, { headers: { Authorization: `Bearer ${manage}` } })).text);
  keep(lastBlobs.join('\n'));
  await emulator.stop();
  await dispatcher.close();
  return { labels, responses };
}

describe('determinism', () => {
  it('gives identical labels and identical responses for the same seed and flags', async () => {
    const first = await capture();
    const second = await capture();
    expect(first.labels.length).toBeGreaterThan(100);
    expect(second.labels).toBe(first.labels);
    expect(first.responses.every((r) => r.length > 50)).toBe(true);
    for (const [i, response] of first.responses.entries()) expect(second.responses[i], `response ${i}`).toBe(response);
  }, 60_000);
});
