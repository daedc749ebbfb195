// Bad requests get the reference's client errors, never a crash: every answer is a well-formed 4xx, and the
// emulator keeps serving afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import { appTokens } from './support/appTokens.ts';
import { request, TEST_DATA_DIR, trustingDispatcher } from './support/clients.ts';
import { tinyTenant } from './support/tinyTenant.ts';

let emulator: RunningEmulator;
let dispatcher: ReturnType<typeof trustingDispatcher>;
let tokens: Record<'graph' | 'exo' | 'manage', string>;

beforeAll(async () => {
  emulator = await startEmulator({ tenant: tinyTenant({ days: 1 }), dataDir: TEST_DATA_DIR, logLevel: 'silent' });
  dispatcher = trustingDispatcher(emulator.info.caCert);
  const get = appTokens(emulator.info, dispatcher);
  tokens = { graph: await get('https://graph.microsoft.com'), exo: await get('https://outlook.office365.com'), manage: await get('https://manage.office.com') };
});

afterAll(async () => {
  await emulator?.stop();
  await dispatcher?.close();
});

interface Probe {
  name: string;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Expected status; the body must be JSON unless html is set. */
  status: number;
  html?: boolean;
}

describe('bad requests', () => {
  it('answer with client errors in each service format and never take the emulator down', async () => {
    const i = emulator.info;
    const t = i.tenantId;
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const json = { 'Content-Type': 'application/json' };
    const g = { Authorization: `Bearer ${tokens.graph}` };
    const x = { Authorization: `Bearer ${tokens.exo}`, ...json };
    const m = { Authorization: `Bearer ${tokens.manage}` };
    const probes: Probe[] = [
      {
        name: 'token with a JSON body',
        path: `/${t}/oauth2/v2.0/token`,
        method: 'POST',
        headers: json,
        body: '{"grant_type":"client_credentials"}',
        status: 400,
      },
      { name: 'token with garbage form', path: `/${t}/oauth2/v2.0/token`, method: 'POST', headers: form, body: '%%%&&&===', status: 400 },
      {
        name: 'token for an unknown tenant',
        path: `/not-a-tenant/oauth2/v2.0/token`,
        method: 'POST',
        headers: form,
        body: 'grant_type=client_credentials',
        status: 400,
      },
      {
        name: 'refresh with a made-up token',
        path: `/${t}/oauth2/v2.0/token`,
        method: 'POST',
        headers: form,
        body: `grant_type=refresh_token&client_id=${i.publicClientId}&refresh_token=abc&scope=User.Read`,
        status: 400,
      },
      {
        name: 'code for the wrong client',
        path: `/${t}/oauth2/v2.0/token`,
        method: 'POST',
        headers: form,
        body: `grant_type=authorization_code&client_id=${i.publicClientId}&code=zzz&redirect_uri=http://localhost&code_verifier=x`,
        status: 400,
      },
      {
        name: 'client credentials without .default',
        path: `/${t}/oauth2/v2.0/token`,
        method: 'POST',
        headers: form,
        body: `grant_type=client_credentials&client_id=${i.app.clientId}&scope=User.Read`,
        status: 401,
      },
      { name: 'authorize without parameters', path: `/${t}/oauth2/v2.0/authorize`, status: 400, html: true },
      { name: 'login post without a flow', path: `/${t}/login`, method: 'POST', headers: form, body: 'username=a&password=b', status: 400, html: true },
      { name: 'mfa post without a flow', path: `/${t}/SAS/ProcessAuth`, method: 'POST', headers: form, body: 'otc=123456', status: 400, html: true },
      { name: 'discovery for an unknown tenant', path: `/nope/v2.0/.well-known/openid-configuration`, status: 400 },
      { name: 'graph with a forged skiptoken', path: '/graph/v1.0/auditLogs/signIns?$skiptoken=%7B%7D', headers: g, status: 400 },
      { name: 'graph with $top=0', path: '/graph/v1.0/users?$top=0', headers: g, status: 400 },
      { name: 'graph with a half-open filter', path: `/graph/v1.0/auditLogs/signIns?$filter=${encodeURIComponent("(userId eq 'x'")}`, headers: g, status: 400 },
      {
        name: 'graph with a bad date',
        path: `/graph/v1.0/auditLogs/signIns?$filter=${encodeURIComponent('createdDateTime ge yesterday')}`,
        headers: g,
        status: 400,
      },
      { name: 'graph with an unknown version', path: '/graph/v2.0/users', headers: g, status: 400 },
      { name: 'graph with a forged token', path: '/graph/v1.0/users', headers: { Authorization: `Bearer ${tokens.graph.slice(0, -4)}AAAA` }, status: 401 },
      {
        name: 'graph audit query with a non-JSON body',
        path: '/graph/beta/security/auditLog/queries',
        method: 'POST',
        headers: { ...g, ...json },
        body: 'nope',
        status: 400,
      },
      { name: 'graph audit query for an unknown id', path: '/graph/beta/security/auditLog/queries/123/records', headers: g, status: 404 },
      {
        name: 'exo with Parameters as an array',
        path: `/exo/adminapi/beta/${t}/InvokeCommand`,
        method: 'POST',
        headers: x,
        body: '{"CmdletInput":{"CmdletName":"Get-Mailbox","Parameters":[1,2]}}',
        status: 400,
      },
      {
        name: 'exo with a bad ResultSize',
        path: `/exo/adminapi/beta/${t}/InvokeCommand`,
        method: 'POST',
        headers: x,
        body: '{"CmdletInput":{"CmdletName":"Get-Mailbox","Parameters":{"ResultSize":-3}}}',
        status: 400,
      },
      {
        name: 'exo with a forged skiptoken',
        path: `/exo/adminapi/beta/${t}/InvokeCommand?$skiptoken=99_0`,
        method: 'POST',
        headers: x,
        body: '{"CmdletInput":{"CmdletName":"Get-Mailbox"}}',
        status: 400,
      },
      {
        name: 'exo for another tenant',
        path: `/exo/adminapi/beta/other.onmicrosoft.com/InvokeCommand`,
        method: 'POST',
        headers: x,
        body: '{"CmdletInput":{"CmdletName":"Get-Mailbox"}}',
        status: 404,
      },
      { name: 'exo with GET', path: `/exo/adminapi/beta/${t}/InvokeCommand`, headers: x, status: 405 },
      {
        name: 'exo Set-Mailbox without Identity',
        path: `/exo/adminapi/beta/${t}/InvokeCommand`,
        method: 'POST',
        headers: x,
        body: '{"CmdletInput":{"CmdletName":"Set-Mailbox","Parameters":{"AuditEnabled":"maybe"}}}',
        status: 400,
      },
      {
        name: 'exo Search with a bad date',
        path: `/exo/adminapi/beta/${t}/InvokeCommand`,
        method: 'POST',
        headers: x,
        body: '{"CmdletInput":{"CmdletName":"Search-UnifiedAuditLog","Parameters":{"StartDate":"soon","EndDate":"later"}}}',
        status: 400,
      },
      { name: 'manage without contentType', path: `/manage/api/v1.0/${t}/activity/feed/subscriptions/content`, headers: m, status: 400 },
      {
        name: 'manage start with a bad webhook body',
        path: `/manage/api/v1.0/${t}/activity/feed/subscriptions/start?contentType=Audit.Exchange`,
        method: 'POST',
        headers: m,
        body: '{webhook',
        status: 400,
      },
      {
        name: 'manage with a bad time',
        path: `/manage/api/v1.0/${t}/activity/feed/subscriptions/content?contentType=Audit.Exchange&startTime=x&endTime=y`,
        headers: m,
        status: 400,
      },
      { name: 'admin with invalid JSON', path: '/_emulator/clock', method: 'POST', headers: json, body: '{', status: 400 },
      {
        name: 'admin revoke for an unknown user',
        path: '/_emulator/refresh-tokens/revoke',
        method: 'POST',
        headers: json,
        body: '{"upn":"ghost@nowhere"}',
        status: 404,
      },
      { name: 'unknown path', path: '/definitely/not/here', status: 404 },
    ];
    for (const probe of probes) {
      const response = await request(dispatcher, `${new URL(i.authority).origin}${probe.path}`, {
        method: probe.method,
        headers: probe.headers,
        body: probe.body,
      });
      expect(response.status, probe.name).toBe(probe.status);
      if (probe.html) expect(response.headers.get('content-type'), probe.name).toContain('text/html');
      else expect(response.body, `${probe.name}: ${response.text.slice(0, 120)}`).toBeTypeOf('object');
    }
    const huge = await request(dispatcher, `${i.authority}/oauth2/v2.0/token`, { method: 'POST', headers: form, body: 'a'.repeat(9 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    const alive = await request(dispatcher, `${i.authority}/v2.0/.well-known/openid-configuration`);
    expect(alive.status).toBe(200);
  });

  it('refuses an expired access token with 401, the lifetime message and a WWW-Authenticate challenge', async () => {
    const dispatcherInfo = emulator.info;
    await request(dispatcher, `${dispatcherInfo.admin}/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ accessTokenSeconds: 1 }),
    });
    const shortLived = await appTokens(dispatcherInfo, dispatcher)('https://graph.microsoft.com');
    await request(dispatcher, `${dispatcherInfo.admin}/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ accessTokenSeconds: 3600 }),
    });
    await new Promise((r) => setTimeout(r, 2100));
    const graph = await request(dispatcher, `${dispatcherInfo.graph}/v1.0/users`, { headers: { Authorization: `Bearer ${shortLived}` } });
    expect(graph.status).toBe(401);
    expect(graph.body).toMatchObject({ error: { code: 'InvalidAuthenticationToken', message: 'Lifetime validation failed, the token is expired.' } });
    expect(graph.headers.get('www-authenticate')).toMatch(
      /^Bearer realm="", authorization_uri="https:\/\/127\.0\.0\.1:\d+\/common\/oauth2\/authorize", client_id="00000003-0000-0000-c000-000000000000"$/,
    );
  });
});
