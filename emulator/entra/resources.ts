/**
 * The resource APIs the emulated tenant has, with the permissions each exposes (delegated scopes and application
 * roles) and the audience its access tokens carry (reference §1.7, §2.1, §3, §4.1).
 */
export interface ResourceApi {
  key: 'graph' | 'exchange' | 'manage';
  /** The `aud` of its access tokens. */
  audience: string;
  appId: string;
  displayName: string;
  /** Other identifiers a scope may use for it. */
  aliases: string[];
  delegated: string[];
  application: string[];
}

export const GRAPH: ResourceApi = {
  key: 'graph',
  audience: 'https://graph.microsoft.com',
  appId: '00000003-0000-0000-c000-000000000000',
  displayName: 'Microsoft Graph',
  aliases: ['https://graph.microsoft.com', 'https://graph.microsoft.com/', '00000003-0000-0000-c000-000000000000'],
  delegated: [
    'User.Read',
    'User.Read.All',
    'User.ReadBasic.All',
    'Directory.Read.All',
    'AuditLog.Read.All',
    'RoleManagement.Read.Directory',
    'RoleManagement.Read.All',
    'IdentityRiskEvent.Read.All',
    'AuditLogsQuery.Read.All',
    'UserAuthenticationMethod.Read.All',
    'Reports.Read.All',
    'email',
  ],
  application: [
    'User.Read.All',
    'Directory.Read.All',
    'AuditLog.Read.All',
    'RoleManagement.Read.Directory',
    'IdentityRiskEvent.Read.All',
    'AuditLogsQuery.Read.All',
    'UserAuthenticationMethod.Read.All',
    'Reports.Read.All',
  ],
};

export const EXCHANGE: ResourceApi = {
  key: 'exchange',
  audience: 'https://outlook.office365.com',
  appId: '00000002-0000-0ff1-ce00-000000000000',
  displayName: 'Office 365 Exchange Online',
  aliases: ['https://outlook.office365.com', 'https://outlook.office.com', '00000002-0000-0ff1-ce00-000000000000'],
  delegated: ['Exchange.Manage'],
  application: ['Exchange.ManageAsApp'],
};

export const MANAGE: ResourceApi = {
  key: 'manage',
  audience: 'https://manage.office.com',
  appId: 'c5393580-f805-4401-95e8-94b7a6ef2fc2',
  displayName: 'Office 365 Management APIs',
  aliases: ['https://manage.office.com', 'c5393580-f805-4401-95e8-94b7a6ef2fc2'],
  delegated: ['ActivityFeed.Read', 'ActivityFeed.ReadDlp', 'ServiceHealth.Read'],
  application: ['ActivityFeed.Read', 'ActivityFeed.ReadDlp', 'ServiceHealth.Read'],
};

export const RESOURCES: readonly ResourceApi[] = [GRAPH, EXCHANGE, MANAGE];

export const OIDC_SCOPES: ReadonlySet<string> = new Set(['openid', 'profile', 'offline_access', 'email']);

export function resourceFor(identifier: string): ResourceApi | undefined {
  const id = identifier.replace(/\/+$/, '').toLowerCase();
  return RESOURCES.find((r) => r.aliases.some((a) => a.replace(/\/+$/, '').toLowerCase() === id));
}

export type ScopeRequest =
  | { ok: true; resource: ResourceApi; permissions: string[]; isDefault: boolean; oidc: string[] }
  | { ok: false; kind: 'multiple-resources' | 'unknown-resource' | 'unknown-permission'; scope: string };

/**
 * Splits a `scope` parameter into the one resource it addresses and the permissions on it. Bare names (`User.Read`)
 * address Microsoft Graph, as in Entra ID; a request with only OIDC scopes gets a Graph token for `User.Read`.
 */
export function parseScopes(scope: string, kind: 'delegated' | 'application'): ScopeRequest {
  const items = scope.split(/\s+/).filter(Boolean);
  const oidc = items.filter((s) => OIDC_SCOPES.has(s));
  const rest = items.filter((s) => !OIDC_SCOPES.has(s));
  if (rest.length === 0) return { ok: true, resource: GRAPH, permissions: ['User.Read'], isDefault: false, oidc };
  let resource: ResourceApi | undefined;
  const permissions: string[] = [];
  let isDefault = false;
  for (const item of rest) {
    const slash = item.lastIndexOf('/');
    const resourceId = slash > 0 ? item.slice(0, slash) : GRAPH.audience;
    const permission = slash > 0 ? item.slice(slash + 1) : item;
    const found = resourceFor(resourceId);
    if (!found) return { ok: false, kind: 'unknown-resource', scope: item };
    if (resource && resource !== found) return { ok: false, kind: 'multiple-resources', scope: item };
    resource = found;
    if (permission === '.default') {
      isDefault = true;
      continue;
    }
    const known = (kind === 'delegated' ? found.delegated : found.application).find((p) => p.toLowerCase() === permission.toLowerCase());
    if (!known) return { ok: false, kind: 'unknown-permission', scope: item };
    permissions.push(known);
  }
  if (!resource) return { ok: true, resource: GRAPH, permissions: ['User.Read'], isDefault: false, oidc };
  return {
    ok: true,
    resource,
    permissions: isDefault ? [...(kind === 'delegated' ? resource.delegated : resource.application)] : permissions,
    isDefault,
    oidc,
  };
}

/**
 * The scopes of an /authorize request, grouped by resource. Unlike /token, /authorize may name several resources
 * (msal's `extraScopesToConsent`): the user consents to all of them, and each token is then asked for one resource.
 */
export function parseConsentScopes(
  scope: string,
): { ok: true; byResource: Map<ResourceApi, { permissions: string[]; isDefault: boolean }> } | { ok: false; scope: string } {
  const byResource = new Map<ResourceApi, { permissions: string[]; isDefault: boolean }>();
  for (const item of scope.split(/\s+/).filter((s) => s && !OIDC_SCOPES.has(s))) {
    const parsed = parseScopes(item, 'delegated');
    if (!parsed.ok) return { ok: false, scope: parsed.scope };
    const entry = byResource.get(parsed.resource) ?? { permissions: [], isDefault: false };
    if (parsed.isDefault) entry.isDefault = true;
    else entry.permissions.push(...parsed.permissions);
    byResource.set(parsed.resource, entry);
  }
  return { ok: true, byResource };
}
