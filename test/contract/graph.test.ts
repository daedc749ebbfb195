// Microsoft Graph against the official Graph SDK: its PageIterator walks every sign-in through @odata.nextLink,
// honouring the identity-reports throttling budget (429 + Retry-After); plus filters, paging limits, errors and the
// audit log query API.
import { Client, PageIterator, type PageCollection } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import { admin, requestLog } from './support/admin.ts';
import { appTokens } from './support/appTokens.ts';
import { request, TEST_DATA_DIR, trustingDispatcher } from './support/clients.ts';

/** The signIn fields these tests read. */
interface SignIn {
  id?: string;
  createdDateTime?: string;
  userPrincipalName?: string;
}

let emulator: RunningEmulator;
let dispatcher: ReturnType<typeof trustingDispatcher>;
let token: string;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 'graph-contract', users: 20, days: 1, scenarios: 'all', dataDir: TEST_DATA_DIR, logLevel: 'warn' });
  dispatcher = trustingDispatcher(emulator.info.caCert);
  token = await appTokens(emulator.info, dispatcher)('https://graph.microsoft.com');
});

afterAll(async () => {
  await emulator?.stop();
  await dispatcher?.close();
});

function graphClient(): Client {
  return Client.initWithMiddleware({
    authProvider: { getAccessToken: async () => token },
    baseUrl: `${emulator.info.graph}/`,
    defaultVersion: 'v1.0',
    customHosts: new Set([new URL(emulator.info.graph).hostname]),
    fetchOptions: { dispatcher },
  });
}

function get(path: string, bearer: string | null = token) {
  return request(dispatcher, `${emulator.info.graph}${path}`, { headers: bearer ? { Authorization: `Bearer ${bearer}` } : {} });
}

/** Every interactive sign-in the tenant holds, newest first: what /v1.0/auditLogs/signIns must return in full. */
function interactiveSignInIds(): string[] {
  const activity = emulator.tenant.activity;
  const ids: string[] = [];
  for (let h = activity.hourCount - 1; h >= 0; h--) {
    const hour = activity.signIns(h).filter((s) => s.signInEventTypes.includes('interactiveUser'));
    for (let i = hour.length - 1; i >= 0; i--) ids.push(hour[i]!.id);
  }
  return ids;
}

describe('Graph', () => {
  it('lets the SDK PageIterator walk every sign-in, waiting out 429s for as long as Retry-After says', async () => {
    const expected = interactiveSignInIds();
    expect(expected.length).toBeGreaterThan(40);
    // About eight pages: more requests than the budget of five allows in ten seconds.
    const top = Math.ceil(expected.length / 8);
    const client = graphClient();
    const first = (await client.api('/auditLogs/signIns').top(top).get()) as PageCollection;
    const seen: string[] = [];
    const iterator = new PageIterator(client, first, (item: SignIn) => {
      seen.push(item.id ?? '');
      return true;
    });
    await iterator.iterate();
    expect(seen).toEqual(expected);

    // The budget is 5 requests / 10 s: the walk was throttled, and the SDK never came back before Retry-After.
    const log = (await requestLog(dispatcher, emulator.info)).filter((r) => r.path.includes('/auditLogs/signIns'));
    const throttled = log.filter((r) => r.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    for (const rejection of throttled) {
      expect(rejection.retryAfter).toBeGreaterThan(0);
      const retry = log.find((r) => r.seq > rejection.seq && r.path === rejection.path);
      expect(retry).toBeDefined();
      expect(Date.parse(retry!.arrivedAt) - Date.parse(rejection.arrivedAt)).toBeGreaterThanOrEqual(rejection.retryAfter! * 1000);
    }
  }, 90_000);

  describe('without the throttling budget', () => {
    beforeAll(async () => {
      await admin(dispatcher, emulator.info, '/throttling', { graphIdentityReports: null });
    });

    it('filters on createdDateTime ge/lt and userPrincipalName eq', async () => {
      const all = interactiveSignInIds().length;
      const activity = emulator.tenant.activity;
      const middle = activity.hourStart(Math.floor(activity.hourCount / 2)).toISOString();
      const end = activity.hourStart(activity.hourCount).toISOString();
      const recent = await get(`/v1.0/auditLogs/signIns?$filter=${encodeURIComponent(`createdDateTime ge ${middle} and createdDateTime lt ${end}`)}`);
      expect(recent.status).toBe(200);
      const value = (recent.body as { value: SignIn[] }).value;
      expect(value.length).toBeGreaterThan(0);
      expect(value.length).toBeLessThan(all);
      expect(value.every((s) => s.createdDateTime! >= middle && s.createdDateTime! < end)).toBe(true);

      const upn = value[0]!.userPrincipalName!;
      const mine = await get(`/v1.0/auditLogs/signIns?$filter=${encodeURIComponent(`userPrincipalName eq '${upn}'`)}`);
      const mineValue = (mine.body as { value: SignIn[] }).value;
      expect(mineValue.length).toBeGreaterThan(0);
      expect(mineValue.every((s) => s.userPrincipalName === upn)).toBe(true);
    });

    it('serves non-interactive sign-ins on beta only, with the beta properties', async () => {
      const filter = encodeURIComponent("signInEventTypes/any(t: t eq 'nonInteractiveUser')");
      const beta = await get(`/beta/auditLogs/signIns?$top=5&$filter=${filter}`);
      expect(beta.status).toBe(200);
      const rows = (beta.body as { value: Array<{ isInteractive: boolean; signInEventTypes: string[] }> }).value;
      expect(rows.length).toBe(5);
      expect(rows.every((r) => !r.isInteractive && r.signInEventTypes.includes('nonInteractiveUser'))).toBe(true);
      const v1 = await get(`/v1.0/auditLogs/signIns?$top=5&$filter=${filter}`);
      expect(v1.status).toBe(400);
      const plain = await get('/v1.0/auditLogs/signIns?$top=1');
      expect(Object.keys((plain.body as { value: object[] }).value[0]!)).not.toContain('signInEventTypes');
    });

    it('rejects unsupported filters, page sizes and missing tokens with Graph error bodies', async () => {
      const badFilter = await get(`/v1.0/auditLogs/signIns?$filter=${encodeURIComponent("startswith(appDisplayName,'Office')")}`);
      expect(badFilter.status).toBe(400);
      expect(badFilter.body).toMatchObject({
        error: {
          code: 'BadRequest',
          message: expect.stringContaining('Invalid filter clause'),
          innerError: { 'request-id': expect.any(String), date: expect.any(String) },
        },
      });
      const unsupported = await get(`/v1.0/auditLogs/signIns?$filter=${encodeURIComponent("userAgent eq 'x'")}`);
      expect(unsupported.status).toBe(400);
      expect((unsupported.body as { error: { message: string } }).error.message).toContain("property 'userAgent'");
      const top = await get('/v1.0/auditLogs/signIns?$top=1001');
      expect(top.status).toBe(400);
      expect((top.body as { error: { message: string } }).error.message).toContain('Must be between 1 and 1000');
      const usersTop = await get('/v1.0/users?$top=1000');
      expect(usersTop.status).toBe(400);
      const anonymous = await get('/v1.0/users', null);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
      expect(anonymous.body).toMatchObject({ error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' } });
      const wrongAudience = await get('/v1.0/users', await appTokens(emulator.info, dispatcher)('https://manage.office.com'));
      expect(wrongAudience.status).toBe(401);
    });

    it('pages users with $select and never serves secrets', async () => {
      const page = await get('/v1.0/users?$top=10&$select=id,userPrincipalName,accountEnabled');
      const body = page.body as { value: Array<Record<string, unknown>>; '@odata.nextLink'?: string };
      expect(body.value).toHaveLength(10);
      expect(Object.keys(body.value[0]!).sort()).toEqual(['accountEnabled', 'id', 'userPrincipalName']);
      expect(body['@odata.nextLink']).toContain('$skiptoken=');
      const full = await get('/v1.0/users?$top=999');
      expect(full.text).not.toContain('totpSecret');
      expect(full.text).not.toContain('password');
      const bad = await get('/v1.0/users?$select=password');
      expect(bad.status).toBe(400);
    });

    it('serves role assignments filtered by principal, with the principal expanded', async () => {
      const admin0 = emulator.tenant.users[0]!;
      const response = await get(
        `/v1.0/roleManagement/directory/roleAssignments?$filter=${encodeURIComponent(`principalId eq '${admin0.id}'`)}&$expand=principal`,
      );
      const rows = (response.body as { value: Array<{ principalId: string; roleDefinitionId: string; principal: { userPrincipalName: string } }> }).value;
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.principalId === admin0.id && r.principal.userPrincipalName === admin0.userPrincipalName)).toBe(true);
      const defs = await get('/v1.0/roleManagement/directory/roleDefinitions');
      const names = (defs.body as { value: Array<{ id: string; displayName: string }> }).value;
      expect(names.find((d) => d.id === rows[0]!.roleDefinitionId)?.displayName).toBe(admin0.directoryRoles[0]);
    });

    it('runs an audit log query: create, poll until succeeded, page its records', async () => {
      const activity = emulator.tenant.activity;
      const start = activity.hourStart(0).toISOString();
      const end = activity.hourStart(activity.hourCount).toISOString();
      const expected = Array.from({ length: activity.hourCount }, (_, h) => activity.auditRecords(h))
        .flat()
        .filter((r) => r.RecordType === 1)
        .map((r) => r.Id);
      expect(expected.length).toBeGreaterThan(0);
      const created = await request(dispatcher, `${emulator.info.graph}/beta/security/auditLog/queries`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ displayName: 'admin changes', filterStartDateTime: start, filterEndDateTime: end, recordTypeFilters: ['exchangeAdmin'] }),
      });
      expect(created.status).toBe(201);
      const id = (created.body as { id: string; status: string }).id;
      let status = (created.body as { status: string }).status;
      expect(status).toBe('notStarted');
      while (status !== 'succeeded') {
        await new Promise((r) => setTimeout(r, 300));
        status = ((await get(`/beta/security/auditLog/queries/${id}`)).body as { status: string }).status;
      }
      const ids: string[] = [];
      let next: string | undefined = `${emulator.info.graph}/beta/security/auditLog/queries/${id}/records?$top=50`;
      while (next) {
        const page = await request(dispatcher, next, { headers: { Authorization: `Bearer ${token}` } });
        const body = page.body as { value: Array<{ id: string; auditLogRecordType: string; auditData: { RecordType: number } }>; '@odata.nextLink'?: string };
        for (const r of body.value) {
          expect(r.auditLogRecordType).toBe('exchangeAdmin');
          expect(r.auditData.RecordType).toBe(1);
          ids.push(r.id);
        }
        next = body['@odata.nextLink'];
      }
      expect(ids).toEqual(expected);
      const v1 = await request(dispatcher, `${emulator.info.graph}/v1.0/security/auditLog/queries`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(v1.status).toBe(400);
    });
  });
});
