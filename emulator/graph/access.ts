import { originOf, type EmulatorContext } from '../context.ts';
import { authenticate, hasAnyPermission, type Caller } from '../entra/bearer.ts';
import { GRAPH } from '../entra/resources.ts';
import type { EmulatorRequest, Reply } from '../server/types.ts';
import { graphError, graphThrottled } from './errors.ts';

export interface GraphAccess {
  /** Any one of these permissions lets the caller in. */
  permissions: readonly string[];
  /** For delegated callers: the directory roles (display names) that may read this; absent = any user. */
  delegatedRoles?: readonly string[];
  /** Counts against the identity-and-access-reports budget (5 requests / 10 s / app / tenant). */
  identityReport?: boolean;
  /** Error code for a missing permission (auditLogs use Authentication_MSGraphPermissionMissing). */
  missingPermissionCode?: string;
}

/** Roles that can read the Entra sign-in and audit logs (Microsoft's documented least-privileged set and above). */
export const REPORT_READER_ROLES = [
  'Global Administrator',
  'Global Reader',
  'Security Administrator',
  'Security Reader',
  'Security Operator',
  'Reports Reader',
  'Compliance Administrator',
] as const;

/** Validates the bearer token for Graph, the caller's permission and role, and the throttling budget. */
export async function graphAccess(
  ctx: EmulatorContext,
  req: EmulatorRequest,
  access: GraphAccess,
): Promise<{ ok: true; caller: Caller } | { ok: false; reply: Reply }> {
  const check = await authenticate(ctx, req, GRAPH);
  if (!check.ok) {
    const challenge = `Bearer realm="", authorization_uri="${originOf(ctx, req)}/common/oauth2/authorize", client_id="${GRAPH.appId}"`;
    return { ok: false, reply: graphError(req, 401, 'InvalidAuthenticationToken', check.message, { 'WWW-Authenticate': challenge }) };
  }
  const caller = check.caller;
  if (!hasAnyPermission(caller, access.permissions)) {
    const code = access.missingPermissionCode ?? 'Authorization_RequestDenied';
    const message =
      code === 'Authorization_RequestDenied'
        ? 'Insufficient privileges to complete the operation.'
        : `Calling principal does not have required MSGraph permissions ${access.permissions[0] ?? ''}`;
    return { ok: false, reply: graphError(req, 403, code, message) };
  }
  if (caller.kind === 'user' && access.delegatedRoles) {
    const roles = new Set(ctx.directory.roleNames(caller.objectId));
    if (!access.delegatedRoles.some((r) => roles.has(r))) {
      return { ok: false, reply: graphError(req, 403, 'Authentication_RequestFromUnsupportedUserRole', 'User is not in the allowed roles') };
    }
  }
  if (access.identityReport) {
    const taken = ctx.throttles.take('graphIdentityReports', `${caller.appId}|${caller.tenantId}`);
    if (!taken.ok) return { ok: false, reply: graphThrottled(req, taken.retryAfterSeconds) };
  }
  return { ok: true, caller };
}

export function parseFilterParam(req: EmulatorRequest): string | undefined {
  const raw = req.url.searchParams.get('$filter');
  return raw === null || raw.trim() === '' ? undefined : raw;
}
