// msal-node's confidential client with the certificate the ready line prints, and the STS errors of the reference
// for bad requests: wrong grant, bad or expired assertion, expired or replayed code, PKCE mismatch, MFA or consent
// required again. None of them may take the emulator down.
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfidentialClientApplication, PublicClientApplication } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import { admin } from './support/admin.ts';
import { msalNetworkClient, request, TEST_DATA_DIR, trustingDispatcher } from './support/clients.ts';
import { authorizeWithForms, redeemCode } from './support/formSignIn.ts';
import { claimsOf } from './support/jwt.ts';
import { tinyTenant } from './support/tinyTenant.ts';

let emulator: RunningEmulator;
let dispatcher: ReturnType<typeof trustingDispatcher>;

beforeAll(async () => {
  emulator = await startEmulator({ tenant: tinyTenant({ days: 1 }), dataDir: TEST_DATA_DIR, logLevel: 'warn' });
  dispatcher = trustingDispatcher(emulator.info.caCert);
});

afterAll(async () => {
  await emulator?.stop();
  await dispatcher?.close();
});

function confidentialClient(certificate: { thumbprint?: string; thumbprintSha256?: string; privateKey: string }): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: {
      clientId: emulator.info.app.clientId,
      authority: emulator.info.authority,
      knownAuthorities: [new URL(emulator.info.authority).host],
      clientCertificate: certificate,
    },
    system: { networkClient: msalNetworkClient(dispatcher) },
  });
}

function printedCertificate(): { sha1: string; sha256: string; key: string } {
  const cert = new X509Certificate(readFileSync(emulator.info.app.certPem, 'utf8'));
  return { sha1: cert.fingerprint.replace(/:/g, ''), sha256: cert.fingerprint256.replace(/:/g, ''), key: readFileSync(emulator.info.app.keyPem, 'utf8') };
}

function tokenPost(form: Record<string, string>): Promise<{ status: number; body: unknown }> {
  return request(dispatcher, `${emulator.info.authority}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

function user(index: number) {
  const found = emulator.info.users[index];
  if (!found) throw new Error(`no ready-line user ${index}`);
  return found;
}

describe('app-only certificate auth', () => {
  it('issues tokens to msal-node for each resource with the printed certificate (x5t/RS256 and x5t#S256/PS256)', async () => {
    const cert = printedCertificate();
    const bySha1 = await confidentialClient({ thumbprint: cert.sha1, privateKey: cert.key }).acquireTokenByClientCredential({
      scopes: ['https://graph.microsoft.com/.default'],
    });
    const graph = claimsOf(bySha1!.accessToken);
    expect(graph).toMatchObject({ aud: 'https://graph.microsoft.com', tid: emulator.info.tenantId, appid: emulator.info.app.clientId, idtyp: 'app' });
    expect(graph['roles']).toContain('AuditLog.Read.All');

    const bySha256 = confidentialClient({ thumbprintSha256: cert.sha256, privateKey: cert.key });
    const exo = claimsOf((await bySha256.acquireTokenByClientCredential({ scopes: ['https://outlook.office365.com/.default'] }))!.accessToken);
    expect(exo['aud']).toBe('https://outlook.office365.com');
    expect(exo['roles']).toEqual(['Exchange.ManageAsApp']);
    const manage = claimsOf((await bySha256.acquireTokenByClientCredential({ scopes: ['https://manage.office.com/.default'] }))!.accessToken);
    expect(manage['roles']).toContain('ActivityFeed.Read');
  });

  it('refuses an assertion signed with an unregistered key (AADSTS700027) and one from an expired certificate', async () => {
    const rogue = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const wrongKey = confidentialClient({ thumbprint: printedCertificate().sha1, privateKey: rogue });
    await expect(wrongKey.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] })).rejects.toMatchObject({
      errorCode: 'invalid_client',
      errorMessage: expect.stringContaining('AADSTS700027: Client assertion failed signature validation.'),
    });

    const expired = (await admin(dispatcher, emulator.info, '/apps/certificates', { expired: true })).body as { keyPem: string; thumbprint: string };
    await expect(
      confidentialClient({ thumbprint: expired.thumbprint, privateKey: expired.keyPem }).acquireTokenByClientCredential({
        scopes: ['https://graph.microsoft.com/.default'],
      }),
    ).rejects.toMatchObject({
      errorCode: 'invalid_client',
      errorMessage: expect.stringContaining('The key used is expired.'),
    });
  });

  it('answers wrong grants, missing parameters and scopes the way Entra does', async () => {
    const unsupported = await tokenPost({ grant_type: 'password', client_id: emulator.info.publicClientId, username: 'x', password: 'y', scope: 'User.Read' });
    expect(unsupported.status).toBe(400);
    expect(unsupported.body).toMatchObject({ error: 'unsupported_grant_type', error_codes: [70003] });
    expect((unsupported.body as { error_description: string }).error_description).toMatch(
      /^AADSTS70003: .*\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/s,
    );

    const noGrant = await tokenPost({ client_id: emulator.info.publicClientId });
    expect(noGrant.body).toMatchObject({ error: 'invalid_request', error_codes: [900144] });

    const secret = await tokenPost({
      grant_type: 'client_credentials',
      client_id: emulator.info.app.clientId,
      client_secret: 'guess',
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(secret.status).toBe(401);
    expect(secret.body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });

    const unknownApp = await tokenPost({
      grant_type: 'client_credentials',
      client_id: '11111111-2222-3333-4444-555555555555',
      client_assertion: 'x',
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(unknownApp.body).toMatchObject({ error: 'unauthorized_client', error_codes: [700016] });

    const garbage = await tokenPost({
      grant_type: 'client_credentials',
      client_id: emulator.info.app.clientId,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: 'not.a.jwt',
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(garbage.status).toBe(401);
    expect(garbage.body).toMatchObject({ error: 'invalid_client', error_codes: [50027] });
  });
});

describe('delegated grants', () => {
  it('refuses an expired code (AADSTS70008), a replayed code (54005) and a wrong PKCE verifier (501481)', async () => {
    const clientId = emulator.info.publicClientId;
    await admin(dispatcher, emulator.info, '/tokens', { authorizationCodeSeconds: 1 });
    const stale = await authorizeWithForms(dispatcher, emulator.info.authority, clientId, user(0), 'User.Read');
    await new Promise((r) => setTimeout(r, 1100));
    expect(await redeemCode(dispatcher, emulator.info.authority, clientId, stale)).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_codes: [70008] },
    });
    await admin(dispatcher, emulator.info, '/tokens', { authorizationCodeSeconds: 600 });

    const fresh = await authorizeWithForms(dispatcher, emulator.info.authority, clientId, user(1), 'User.Read');
    expect(await redeemCode(dispatcher, emulator.info.authority, clientId, fresh, { code_verifier: 'x'.repeat(43) })).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_codes: [501481] },
    });
    expect((await redeemCode(dispatcher, emulator.info.authority, clientId, fresh)).status).toBe(200);
    expect(await redeemCode(dispatcher, emulator.info.authority, clientId, fresh)).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_codes: [54005] },
    });
  });

  it('consents to several resources at /authorize, and issues each token for one resource', async () => {
    const clientId = emulator.info.publicClientId;
    const both = await authorizeWithForms(
      dispatcher,
      emulator.info.authority,
      clientId,
      user(0),
      'https://graph.microsoft.com/User.Read https://outlook.office365.com/Exchange.Manage',
    );
    const mixed = await redeemCode(dispatcher, emulator.info.authority, clientId, both);
    expect(mixed).toMatchObject({ status: 400, body: { error: 'invalid_scope', error_codes: [28000] } });
    const graph = await redeemCode(dispatcher, emulator.info.authority, clientId, both, {
      scope: 'https://graph.microsoft.com/User.Read openid profile offline_access',
    });
    expect(graph.status).toBe(200);
    expect(claimsOf(String(graph.body['access_token']))['aud']).toBe('https://graph.microsoft.com');
    const exchange = await tokenPost({
      grant_type: 'refresh_token',
      client_id: clientId,
      refresh_token: String(graph.body['refresh_token']),
      scope: 'https://outlook.office365.com/Exchange.Manage offline_access',
    });
    expect(exchange.status).toBe(200);
    expect(claimsOf(String((exchange.body as { access_token: string }).access_token))['scp']).toBe('Exchange.Manage');
  });

  it('makes msal ask for interaction when MFA is required again (50076) or consent is withdrawn (65001)', async () => {
    const auth = await authorizeWithForms(
      dispatcher,
      emulator.info.authority,
      emulator.info.publicClientId,
      user(4),
      'https://graph.microsoft.com/AuditLog.Read.All',
    );
    const app = new PublicClientApplication({
      auth: { clientId: emulator.info.publicClientId, authority: emulator.info.authority, knownAuthorities: [new URL(emulator.info.authority).host] },
      system: { networkClient: msalNetworkClient(dispatcher) },
    });
    const result = await app.acquireTokenByCode({
      code: auth.code,
      codeVerifier: auth.verifier,
      redirectUri: auth.redirectUri,
      scopes: ['https://graph.microsoft.com/AuditLog.Read.All'],
    });
    expect(result?.account?.username).toBe(user(4).upn);

    await admin(dispatcher, emulator.info, '/consent', { resource: 'graph', scopes: ['AuditLog.Read.All'], granted: false });
    await expect(
      app.acquireTokenSilent({ account: result!.account!, scopes: ['https://graph.microsoft.com/AuditLog.Read.All'], forceRefresh: true }),
    ).rejects.toMatchObject({
      name: 'InteractionRequiredAuthError',
      errorNo: 65001,
    });
    await admin(dispatcher, emulator.info, '/consent', { resource: 'graph', scopes: ['AuditLog.Read.All'], granted: true });

    await admin(dispatcher, emulator.info, '/users/require-mfa', { upn: user(4).upn });
    await expect(
      app.acquireTokenSilent({ account: result!.account!, scopes: ['https://graph.microsoft.com/AuditLog.Read.All'], forceRefresh: true }),
    ).rejects.toMatchObject({
      name: 'InteractionRequiredAuthError',
      errorCode: 'interaction_required',
      subError: 'basic_action',
    });
  });

  it('rejects an unregistered redirect URI on the page itself, and prompt=none with login_required', async () => {
    const base = `${emulator.info.authority}/oauth2/v2.0/authorize`;
    const common = {
      client_id: emulator.info.publicClientId,
      response_type: 'code',
      scope: 'openid User.Read',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    };
    const badRedirect = await request(dispatcher, `${base}?${new URLSearchParams({ ...common, redirect_uri: 'https://evil.example/callback' })}`);
    expect(badRedirect.status).toBe(400);
    expect(badRedirect.text).toContain('AADSTS50011');
    const silent = await undiciManual(`${base}?${new URLSearchParams({ ...common, redirect_uri: 'http://localhost:1234', prompt: 'none', state: 's1' })}`);
    const location = new URL(silent.location);
    expect(location.searchParams.get('error')).toBe('login_required');
    expect(location.searchParams.get('error_description')).toMatch(/^AADSTS50058:/);
    expect(location.searchParams.get('state')).toBe('s1');
  });
});

async function undiciManual(url: string): Promise<{ status: number; location: string }> {
  const { fetch } = await import('undici');
  const response = await fetch(url, { redirect: 'manual', dispatcher });
  return { status: response.status, location: response.headers.get('location') ?? '' };
}
