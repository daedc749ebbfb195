import type { TenantEndpoints } from '../net/tenantEndpoints.ts';

export type Resource = 'graph' | 'exchange' | 'manage';

/**
 * Delegated permissions per API, asked for when that API is first needed (incremental consent), as full
 * URIs so national clouds get their own resource. Graph: read users, sign-in and audit logs, directory
 * roles, authentication-method registration and risk detections. Exchange: run admin cmdlets (RBAC decides
 * which). Management Activity API: read the unified audit log feed.
 */
export function delegatedScopes(endpoints: TenantEndpoints, resource: Resource): string[] {
  const r = endpoints.resources;
  switch (resource) {
    case 'graph':
      return [
        `${r.graph}/User.Read`,
        `${r.graph}/AuditLog.Read.All`,
        `${r.graph}/Directory.Read.All`,
        `${r.graph}/RoleManagement.Read.Directory`,
        `${r.graph}/UserAuthenticationMethod.Read.All`,
        `${r.graph}/IdentityRiskEvent.Read.All`,
      ];
    case 'exchange':
      return [`${r.exchange}/Exchange.Manage`];
    case 'manage':
      return [`${r.manage}/ActivityFeed.Read`];
  }
}

/** App-only tokens always ask for `/.default`: the application permissions granted to the app registration. */
export function appScopes(endpoints: TenantEndpoints, resource: Resource): string[] {
  return [`${endpoints.resources[resource]}/.default`];
}

export const RESOURCE_LABELS: Record<Resource, string> = {
  graph: 'Microsoft Graph',
  exchange: 'Exchange Online',
  manage: 'the Office 365 Management Activity API',
};
