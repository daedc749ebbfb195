import type { EmulatorContext } from '../context.ts';
import type { EmulatorRequest, Reply } from '../server/types.ts';
import type { UnifiedRoleAssignment } from '../tenant/model.ts';
import { graphAccess, REPORT_READER_ROLES } from './access.ts';
import { graphError } from './errors.ts';
import { listStatic } from './staticList.ts';
import { DEFAULT_USER_PROPERTIES } from './users.ts';
import { project } from './odata.ts';

const READ_ROLES = ['RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'Directory.Read.All'];
const EQ = ['eq'] as const;

/** GET /{version}/roleManagement/directory/roleAssignments (`$filter` roleDefinitionId/principalId, `$expand=principal`). */
export async function listRoleAssignments(ctx: EmulatorContext, req: EmulatorRequest): Promise<Reply> {
  const access = await graphAccess(ctx, req, { permissions: READ_ROLES });
  if (!access.ok) return access.reply;
  const expand = req.url.searchParams.get('$expand');
  if (expand && expand.trim() !== 'principal')
    return graphError(
      req,
      400,
      'BadRequest',
      `Could not find a navigation property named '${expand}' on type 'microsoft.graph.unifiedRoleAssignment'. Supported: principal.`,
    );
  return listStatic<UnifiedRoleAssignment>(ctx, req, {
    entitySet: 'roleManagement/directory/roleAssignments',
    typeName: 'microsoft.graph.unifiedRoleAssignment',
    items: ctx.tenant.state.roleAssignments,
    filter: { roleDefinitionId: EQ, principalId: EQ, directoryScopeId: EQ },
    top: { fallback: 1000, max: 1000 },
    map: expand ? (a) => ({ ...a, principal: principalOf(ctx, a.principalId) }) : undefined,
  });
}

function principalOf(ctx: EmulatorContext, id: string): object | null {
  const user = ctx.directory.userById(id);
  if (user) return { '@odata.type': '#microsoft.graph.user', ...project(user, DEFAULT_USER_PROPERTIES) };
  const sp = ctx.tenant.state.servicePrincipals.find((s) => s.id === id);
  if (sp)
    return {
      '@odata.type': '#microsoft.graph.servicePrincipal',
      id: sp.id,
      appId: sp.appId,
      displayName: sp.displayName,
      servicePrincipalType: sp.servicePrincipalType,
    };
  return null;
}

/** GET /{version}/roleManagement/directory/roleDefinitions */
export async function listRoleDefinitions(ctx: EmulatorContext, req: EmulatorRequest): Promise<Reply> {
  const access = await graphAccess(ctx, req, { permissions: READ_ROLES });
  if (!access.ok) return access.reply;
  return listStatic(ctx, req, {
    entitySet: 'roleManagement/directory/roleDefinitions',
    typeName: 'microsoft.graph.unifiedRoleDefinition',
    items: ctx.tenant.state.roleDefinitions,
    filter: { displayName: EQ, templateId: EQ, id: EQ, isBuiltIn: EQ },
    top: { fallback: 1000, max: 1000 },
  });
}

/** GET /{version}/reports/authenticationMethods/userRegistrationDetails (an identity report: throttled). */
export async function listUserRegistrationDetails(ctx: EmulatorContext, req: EmulatorRequest): Promise<Reply> {
  const access = await graphAccess(ctx, req, {
    permissions: ['AuditLog.Read.All', 'UserAuthenticationMethod.Read.All'],
    delegatedRoles: [...REPORT_READER_ROLES, 'Authentication Policy Administrator', 'Privileged Authentication Administrator'],
    identityReport: true,
  });
  if (!access.ok) return access.reply;
  return listStatic(ctx, req, {
    entitySet: 'reports/authenticationMethods/userRegistrationDetails',
    typeName: 'microsoft.graph.userRegistrationDetails',
    items: ctx.tenant.state.userRegistrationDetails,
    filter: {
      id: EQ,
      userPrincipalName: EQ,
      isAdmin: EQ,
      isMfaRegistered: EQ,
      isMfaCapable: EQ,
      isSsprRegistered: EQ,
      isPasswordlessCapable: EQ,
      userType: EQ,
    },
    top: { fallback: 1000, max: 1000 },
  });
}

/** GET /{version}/identityProtection/riskDetections */
export async function listRiskDetections(ctx: EmulatorContext, req: EmulatorRequest): Promise<Reply> {
  const access = await graphAccess(ctx, req, {
    permissions: ['IdentityRiskEvent.Read.All'],
    delegatedRoles: ['Global Administrator', 'Global Reader', 'Security Administrator', 'Security Reader', 'Security Operator'],
  });
  if (!access.ok) return access.reply;
  return listStatic(ctx, req, {
    entitySet: 'identityProtection/riskDetections',
    typeName: 'microsoft.graph.riskDetection',
    items: ctx.tenant.state.riskDetections,
    filter: {
      userId: EQ,
      userPrincipalName: EQ,
      riskEventType: EQ,
      riskLevel: EQ,
      riskState: EQ,
      ipAddress: EQ,
      activityDateTime: ['ge', 'gt', 'le', 'lt', 'eq'],
      detectedDateTime: ['ge', 'gt', 'le', 'lt', 'eq'],
    },
    timePath: 'activityDateTime',
    top: { fallback: 1000, max: 1000 },
  });
}
