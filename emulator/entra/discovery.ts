import { originOf, type EmulatorContext } from '../context.ts';
import type { EmulatorRequest, Reply } from '../server/types.ts';
import { aadError } from './errors.ts';

const DISCOVERY_HEADERS = { 'Cache-Control': 'max-age=86400, private', 'Access-Control-Allow-Origin': '*', 'x-ms-ests-server': 'emulator' };

export function unknownTenant(segment: string): Reply {
  return aadError(
    'invalid_tenant',
    90002,
    `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  );
}

/** GET /common/discovery/instance (reference §1.2): the emulator is its own cloud with one alias set. */
export function instanceDiscovery(ctx: EmulatorContext, req: EmulatorRequest): Reply {
  const origin = originOf(ctx, req);
  const authorizationEndpoint = req.url.searchParams.get('authorization_endpoint') ?? '';
  let tenant = ctx.directory.tenantId;
  try {
    const segment = new URL(authorizationEndpoint).pathname.split('/')[1];
    if (segment) tenant = segment;
  } catch {
    // No or bad authorization_endpoint: Entra answers with the common document; so do we.
  }
  const host = new URL(origin).host;
  const aliases = [...new Set([host, `127.0.0.1:${ctx.port}`, `localhost:${ctx.port}`])];
  return {
    status: 200,
    headers: DISCOVERY_HEADERS,
    body: {
      tenant_discovery_endpoint: `${origin}/${tenant}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases }],
    },
  };
}

/** GET /{tenant}/v2.0/.well-known/openid-configuration (reference §1.3). */
export function openIdConfiguration(ctx: EmulatorContext, req: EmulatorRequest): Reply {
  const segment = req.params['tenant'] ?? '';
  if (!ctx.directory.knowsTenant(segment)) return unknownTenant(segment);
  const origin = originOf(ctx, req);
  const generic = segment === 'common' || segment === 'organizations';
  const t = generic ? segment : ctx.directory.tenantId;
  const issuerTenant = generic ? '{tenantid}' : ctx.directory.tenantId;
  return {
    status: 200,
    headers: DISCOVERY_HEADERS,
    body: {
      token_endpoint: `${origin}/${t}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${origin}/${t}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${origin}/${issuerTenant}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
      authorization_endpoint: `${origin}/${t}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${origin}/${t}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${origin}/${t}/oauth2/v2.0/logout`,
      claims_supported: [
        'sub',
        'iss',
        'cloud_instance_name',
        'cloud_instance_host_name',
        'cloud_graph_host_name',
        'msgraph_host',
        'aud',
        'exp',
        'iat',
        'auth_time',
        'acr',
        'nonce',
        'preferred_username',
        'name',
        'tid',
        'ver',
        'at_hash',
        'c_hash',
        'email',
      ],
      kerberos_endpoint: `${origin}/${t}/kerberos`,
      tenant_region_scope: 'WW',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    },
  };
}

/** GET /{tenant}/discovery/v2.0/keys */
export async function jwks(ctx: EmulatorContext, req: EmulatorRequest): Promise<Reply> {
  const segment = req.params['tenant'] ?? '';
  if (!ctx.directory.knowsTenant(segment)) return unknownTenant(segment);
  const issuer = `${originOf(ctx, req)}/${ctx.directory.tenantId}/v2.0`;
  return { status: 200, headers: DISCOVERY_HEADERS, body: await ctx.signer.jwks(issuer) };
}
