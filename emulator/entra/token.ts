import { createHash } from 'node:crypto';
import { originOf, type EmulatorContext } from '../context.ts';
import { header, type EmulatorRequest, type Reply } from '../server/types.ts';
import { verifyClientAssertion } from './clientAssertion.ts';
import { PUBLIC_CLIENT_NAME, type EntraState } from './entraState.ts';
import { aadError } from './errors.ts';
import type { SignInGrant } from './grants.ts';
import { parseScopes, type ResourceApi } from './resources.ts';
import { clientInfoOf } from './tokenFactory.ts';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const TOKEN_HEADERS = { 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache', 'x-ms-clitelem': '1,0,0,,' };

type Form = URLSearchParams;

function missing(name: string, correlationId: string | undefined): Reply {
  return aadError('invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`, { correlationId });
}

/** POST /{tenant}/oauth2/v2.0/token */
export async function token(ctx: EmulatorContext, entra: EntraState, req: EmulatorRequest): Promise<Reply> {
  const segment = req.params['tenant'] ?? '';
  const correlationId = req.url.searchParams.get('client-request-id') ?? header(req, 'client-request-id') ?? undefined;
  if (!ctx.directory.knowsTenant(segment)) {
    return aadError(
      'invalid_request',
      90002,
      `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      { correlationId },
    );
  }
  const contentType = header(req, 'content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return aadError(
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'grant_type'. (The body must be application/x-www-form-urlencoded.)",
      { correlationId },
    );
  }
  const form = new URLSearchParams(req.body.toString('utf8'));
  const grantType = form.get('grant_type');
  req.note['grant'] = grantType ?? '';
  if (!grantType) return missing('grant_type', correlationId);
  const clientId = form.get('client_id');
  if (!clientId) return missing('client_id', correlationId);
  switch (grantType) {
    case 'authorization_code':
      return authorizationCode(ctx, entra, req, form, clientId, correlationId);
    case 'refresh_token':
      return refreshToken(ctx, entra, req, form, clientId, correlationId);
    case 'client_credentials':
      return clientCredentials(ctx, req, form, clientId, correlationId);
    default:
      return aadError('unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`, { correlationId });
  }
}

/** Public clients must not authenticate; the automation app is confidential and has no user flows. */
function checkPublicClient(ctx: EmulatorContext, form: Form, clientId: string, correlationId: string | undefined): Reply | undefined {
  if (clientId === ctx.directory.publicClientId) {
    if (form.get('client_secret') || form.get('client_assertion')) {
      return aadError('invalid_request', 700025, "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.", {
        status: 401,
        correlationId,
      });
    }
    return undefined;
  }
  if (clientId === ctx.directory.automationApp.clientId) {
    return aadError(
      'unauthorized_client',
      700016,
      `The application '${ctx.directory.automationApp.displayName}' is configured for app-only access; it has no delegated sign-in.`,
      { correlationId },
    );
  }
  return unknownApp(ctx, clientId, correlationId);
}

function unknownApp(ctx: EmulatorContext, clientId: string, correlationId: string | undefined): Reply {
  return aadError(
    'unauthorized_client',
    700016,
    `Application with identifier '${clientId}' was not found in the directory '${ctx.tenant.info.displayName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    { correlationId },
  );
}

function scopeError(
  kind: 'multiple-resources' | 'unknown-resource' | 'unknown-permission',
  scope: string,
  ctx: EmulatorContext,
  correlationId: string | undefined,
): Reply {
  if (kind === 'unknown-resource') {
    return aadError(
      'invalid_resource',
      500011,
      `The resource principal named ${scope} was not found in the tenant named ${ctx.tenant.info.displayName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
      { correlationId },
    );
  }
  if (kind === 'multiple-resources') {
    return aadError(
      'invalid_scope',
      28000,
      `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scope} is not valid.`,
      { correlationId },
    );
  }
  return aadError('invalid_scope', 70011, `The provided value for the input parameter 'scope' isn't valid. The scope '${scope}' does not exist.`, {
    correlationId,
  });
}

/** The `scope` of a user token response: what was asked for, or the consented list when `.default` was. */
function responseScope(resource: ResourceApi, permissions: string[], requested: string, isDefault: boolean, oidc: string[]): string {
  const prefix = resource.key === 'graph' ? '' : `${resource.audience}/`;
  const granted = isDefault
    ? [`${resource.audience}/.default`, ...permissions.map((p) => `${prefix}${p}`)]
    : requested.split(/\s+/).filter((s) => s && !oidc.includes(s));
  return [...granted, ...oidc.filter((s) => s !== 'offline_access')].join(' ');
}

async function userTokens(
  ctx: EmulatorContext,
  entra: EntraState,
  req: EmulatorRequest,
  grant: SignInGrant,
  scope: string,
  nonce: string | undefined,
  correlationId: string | undefined,
): Promise<Reply> {
  const user = ctx.directory.userById(grant.userId);
  if (!user) return aadError('invalid_grant', 50034, 'The user account does not exist in the directory.', { correlationId });
  if (!user.accountEnabled) return aadError('invalid_grant', 50057, 'The user account is disabled.', { correlationId });
  const parsed = parseScopes(scope, 'delegated');
  if (!parsed.ok) return scopeError(parsed.kind, parsed.scope, ctx, correlationId);
  if (ctx.directory.needsFreshMfa(user.id, grant.authTime)) {
    return aadError(
      'interaction_required',
      50076,
      `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${parsed.resource.appId}'.`,
      { correlationId, suberror: 'basic_action' },
    );
  }
  const permissions = parsed.isDefault ? ctx.directory.consented(parsed.resource, parsed.permissions) : parsed.permissions;
  const unconsented = parsed.isDefault ? (permissions.length ? undefined : '.default') : ctx.directory.missingConsent(parsed.resource, parsed.permissions);
  if (unconsented) return consentRequired(grant.clientId, correlationId);
  const accessToken = await ctx.tokens.userAccessToken({
    user,
    clientId: grant.clientId,
    clientName: PUBLIC_CLIENT_NAME,
    resource: parsed.resource,
    scopes: permissions,
    amr: grant.amr,
    authTime: grant.authTime,
    sessionId: grant.sessionId,
    ipAddress: req.remoteAddress,
  });
  const issuer = `${originOf(ctx, req)}/${ctx.directory.tenantId}/v2.0`;
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: responseScope(parsed.resource, permissions, scope, parsed.isDefault, parsed.oidc),
    expires_in: ctx.tokens.lifetimes.accessTokenSeconds,
    ext_expires_in: ctx.tokens.lifetimes.accessTokenSeconds,
    access_token: accessToken,
  };
  const requested = scope.split(/\s+/);
  if (requested.includes('offline_access')) body['refresh_token'] = entra.refreshTokens.issue({ ...grant, scope });
  if (requested.includes('openid')) body['id_token'] = await ctx.tokens.idToken(user, grant.clientId, issuer, nonce, grant.authTime, grant.sessionId);
  body['client_info'] = clientInfoOf(user.id, ctx.directory.tenantId);
  req.note['user'] = user.userPrincipalName;
  return { status: 200, headers: TOKEN_HEADERS, body };
}

export function consentRequired(clientId: string, correlationId: string | undefined): Reply {
  return aadError(
    'invalid_grant',
    65001,
    `The user or administrator has not consented to use the application with ID '${clientId}' named '${PUBLIC_CLIENT_NAME}'. Send an interactive authorization request for this user and resource.`,
    { correlationId, suberror: 'consent_required' },
  );
}

async function authorizationCode(
  ctx: EmulatorContext,
  entra: EntraState,
  req: EmulatorRequest,
  form: Form,
  clientId: string,
  correlationId: string | undefined,
): Promise<Reply> {
  const clientProblem = checkPublicClient(ctx, form, clientId, correlationId);
  if (clientProblem) return clientProblem;
  const code = form.get('code');
  if (!code) return missing('code', correlationId);
  const found = entra.codes.get(code);
  if (!found || found.clientId !== clientId)
    return aadError('invalid_grant', 9002313, "Invalid request. Request is malformed or invalid. - The provided value for the 'code' parameter is not valid.", {
      correlationId,
    });
  if (found.redeemed)
    return aadError(
      'invalid_grant',
      54005,
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
      { correlationId },
    );
  if (found.expiresAt < Date.now()) {
    return aadError(
      'invalid_grant',
      70008,
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
      { correlationId },
    );
  }
  const redirectUri = form.get('redirect_uri');
  if (redirectUri !== found.redirectUri) {
    return aadError(
      'invalid_grant',
      50011,
      `The redirect URI '${redirectUri ?? ''}' specified in the request does not match the redirect URI used to obtain the authorization code.`,
      { correlationId },
    );
  }
  const verifier = form.get('code_verifier');
  if (!verifier)
    return aadError(
      'invalid_grant',
      501481,
      'The Code_Verifier does not match the code_challenge supplied in the authorization request. (No code_verifier was sent.)',
      { correlationId },
    );
  if (createHash('sha256').update(verifier).digest('base64url') !== found.codeChallenge) {
    return aadError('invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.', { correlationId });
  }
  // Taken before the (asynchronous) token minting so a concurrent second redemption fails; given back if the
  // request fails for another reason (a bad scope does not burn the code).
  found.redeemed = true;
  const reply = await userTokens(ctx, entra, req, found, form.get('scope') ?? found.scope, found.nonce, correlationId);
  if (reply.status !== 200) found.redeemed = false;
  return reply;
}

async function refreshToken(
  ctx: EmulatorContext,
  entra: EntraState,
  req: EmulatorRequest,
  form: Form,
  clientId: string,
  correlationId: string | undefined,
): Promise<Reply> {
  const clientProblem = checkPublicClient(ctx, form, clientId, correlationId);
  if (clientProblem) return clientProblem;
  const presented = form.get('refresh_token');
  if (!presented) return missing('refresh_token', correlationId);
  const record = entra.refreshTokens.get(presented);
  if (!record || record.clientId !== clientId)
    return aadError('invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid. - The refresh token is not valid.', { correlationId });
  const now = Math.floor(Date.now() / 1000);
  const validFrom = ctx.directory.tokensValidFromOf(record.userId);
  if (validFrom !== undefined && record.issuedAtMs <= validFrom) {
    return aadError(
      'invalid_grant',
      50173,
      `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${new Date(record.issuedAt * 1000).toISOString()}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${new Date(validFrom).toISOString()}'.`,
      { correlationId },
    );
  }
  const inactive = ctx.tokens.lifetimes.refreshTokenInactiveSeconds;
  if (record.lastUsedAt + inactive < now) {
    return aadError(
      'invalid_grant',
      700082,
      `The refresh token has expired due to inactivity. The token was issued on ${new Date(record.issuedAt * 1000).toISOString()} and was inactive for ${formatDuration(inactive)}.`,
      { correlationId, suberror: 'bad_token' },
    );
  }
  record.lastUsedAt = now;
  const scope = form.get('scope') ?? record.scope;
  return userTokens(ctx, entra, req, record, scope.includes('offline_access') ? scope : `${scope} offline_access`, undefined, correlationId);
}

function formatDuration(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const rest = seconds % 86_400;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${days}.${pad(Math.floor(rest / 3600))}:${pad(Math.floor((rest % 3600) / 60))}:${pad(rest % 60)}`;
}

async function clientCredentials(ctx: EmulatorContext, req: EmulatorRequest, form: Form, clientId: string, correlationId: string | undefined): Promise<Reply> {
  const app = ctx.directory.automationApp;
  if (clientId === ctx.directory.publicClientId) {
    return aadError('invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", {
      status: 401,
      correlationId,
    });
  }
  if (clientId !== app.clientId) return unknownApp(ctx, clientId, correlationId);
  if (form.get('client_secret')) {
    return aadError(
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
      { status: 401, correlationId },
    );
  }
  const assertion = form.get('client_assertion');
  if (!assertion)
    return aadError('invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", {
      status: 401,
      correlationId,
    });
  if (form.get('client_assertion_type') !== JWT_BEARER) {
    return aadError('invalid_request', 50027, `JWT token is invalid or malformed. (client_assertion_type must be '${JWT_BEARER}'.)`, { correlationId });
  }
  const result = await verifyClientAssertion(assertion, app, clientId, tokenEndpointUrls(ctx, req));
  if (!result.ok) return aadError('invalid_client', result.code, result.message, { status: 401, correlationId });
  const scope = form.get('scope');
  if (!scope) return missing('scope', correlationId);
  const items = scope.split(/\s+/).filter(Boolean);
  if (items.length !== 1 || !items[0]?.endsWith('/.default')) {
    return aadError(
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      { correlationId },
    );
  }
  const parsed = parseScopes(scope, 'application');
  if (!parsed.ok) return scopeError(parsed.kind, parsed.scope, ctx, correlationId);
  const roles = app.roles.get(parsed.resource.key) ?? [];
  req.note['app'] = clientId;
  const accessToken = await ctx.tokens.appAccessToken(parsed.resource, roles);
  return {
    status: 200,
    headers: TOKEN_HEADERS,
    body: {
      token_type: 'Bearer',
      expires_in: ctx.tokens.lifetimes.accessTokenSeconds,
      ext_expires_in: ctx.tokens.lifetimes.accessTokenSeconds,
      access_token: accessToken,
    },
  };
}

/** The token endpoint URLs an assertion's `aud` may name: either local host name, the tenant by any of its names. */
function tokenEndpointUrls(ctx: EmulatorContext, req: EmulatorRequest): string[] {
  const hosts = [`127.0.0.1:${ctx.port}`, `localhost:${ctx.port}`, new URL(originOf(ctx, req)).host];
  const tenants = [req.params['tenant'] ?? '', ctx.directory.tenantId, ctx.tenant.info.domain, ...ctx.tenant.info.verifiedDomains];
  const urls: string[] = [];
  for (const host of new Set(hosts)) for (const t of new Set(tenants)) urls.push(`https://${host}/${t}/oauth2/v2.0/token`);
  return urls;
}
