import type { EmulatorContext } from '../context.ts';
import type { Router } from '../server/router.ts';
import type { EmulatorRequest, Handler } from '../server/types.ts';
import { AuditLogQueries } from './auditLogQueries.ts';
import { listDirectoryAudits } from './directoryAudits.ts';
import { listRiskDetections, listRoleAssignments, listRoleDefinitions, listUserRegistrationDetails } from './directoryRoles.ts';
import { graphError } from './errors.ts';
import { listSignIns } from './signIns.ts';
import { getMe, getUser, listUsers } from './users.ts';

/** Only /v1.0 and /beta exist; the audit log query API only on beta (reference §3.4). */
function versioned(handler: Handler, betaOnly = false): Handler {
  return (req: EmulatorRequest) => {
    const version = req.params['version'];
    if (version !== 'v1.0' && version !== 'beta') return graphError(req, 400, 'BadRequest', `Invalid version: ${version ?? ''}`);
    if (betaOnly && version !== 'beta') return graphError(req, 400, 'BadRequest', "Resource not found for the segment 'auditLog'.");
    return handler(req);
  };
}

/** Registers Microsoft Graph under /graph/{version}/... */
export function registerGraph(router: Router, ctx: EmulatorContext): void {
  const queries = new AuditLogQueries();
  const base = '/graph/:version';
  router
    .add(
      'GET',
      `${base}/me`,
      'graph',
      versioned((req) => getMe(ctx, req)),
    )
    .add(
      'GET',
      `${base}/users`,
      'graph',
      versioned((req) => listUsers(ctx, req)),
    )
    .add(
      'GET',
      `${base}/users/:user`,
      'graph',
      versioned((req) => getUser(ctx, req)),
    )
    .add(
      'GET',
      `${base}/auditLogs/signIns`,
      'graph',
      versioned((req) => listSignIns(ctx, req)),
    )
    .add(
      'GET',
      `${base}/auditLogs/directoryAudits`,
      'graph',
      versioned((req) => listDirectoryAudits(ctx, req)),
    )
    .add(
      'GET',
      `${base}/roleManagement/directory/roleAssignments`,
      'graph',
      versioned((req) => listRoleAssignments(ctx, req)),
    )
    .add(
      'GET',
      `${base}/roleManagement/directory/roleDefinitions`,
      'graph',
      versioned((req) => listRoleDefinitions(ctx, req)),
    )
    .add(
      'GET',
      `${base}/reports/authenticationMethods/userRegistrationDetails`,
      'graph',
      versioned((req) => listUserRegistrationDetails(ctx, req)),
    )
    .add(
      'GET',
      `${base}/identityProtection/riskDetections`,
      'graph',
      versioned((req) => listRiskDetections(ctx, req)),
    )
    .add(
      'POST',
      `${base}/security/auditLog/queries`,
      'graph',
      versioned((req) => queries.create(ctx, req), true),
    )
    .add(
      'GET',
      `${base}/security/auditLog/queries`,
      'graph',
      versioned((req) => queries.list(ctx, req), true),
    )
    .add(
      'GET',
      `${base}/security/auditLog/queries/:id`,
      'graph',
      versioned((req) => queries.get(ctx, req), true),
    )
    .add(
      'GET',
      `${base}/security/auditLog/queries/:id/records`,
      'graph',
      versioned((req) => queries.records(ctx, req), true),
    );
}
