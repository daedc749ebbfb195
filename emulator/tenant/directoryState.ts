// The Entra ID side of the tenant state at the start of the history, in Graph shape: built-in role definitions
// and assignments, authentication-method registration, per-user MFA, app registrations, service principals and
// delegated consents.

import type {
  Application, OAuth2PermissionGrant, ServicePrincipal, UnifiedRoleAssignment, UnifiedRoleDefinition, User, UserRegistrationDetails,
} from './model.ts';
import { type Rng, rngFor } from './prng.ts';
import type { World } from './world.ts';

/** Built-in directory roles: display name → template id (the same in every tenant). */
export const DIRECTORY_ROLES: Record<string, { templateId: string; description: string; actions: string[] }> = {
  'Global Administrator': { templateId: '62e90394-69f5-4237-9190-012177145e10', description: 'Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.', actions: ['microsoft.directory/*/allProperties/allTasks', 'microsoft.office365.exchange/allEntities/allProperties/allTasks'] },
  'Exchange Administrator': { templateId: '29232cdf-9323-42fd-ade2-1d097af3e4de', description: 'Can manage all aspects of the Exchange product.', actions: ['microsoft.office365.exchange/allEntities/basic/allTasks', 'microsoft.directory/groups/hiddenMembers/read'] },
  'Global Reader': { templateId: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451', description: 'Can read everything that a Global Administrator can, but not update anything.', actions: ['microsoft.directory/auditLogs/allProperties/read', 'microsoft.directory/signInReports/allProperties/read', 'microsoft.office365.exchange/allEntities/standard/read'] },
  'Helpdesk Administrator': { templateId: '729827e3-9c14-49f7-bb1b-9608f156bbb8', description: 'Can reset passwords for non-administrators and Helpdesk Administrators.', actions: ['microsoft.directory/users/password/update', 'microsoft.directory/users/invalidateAllRefreshTokens'] },
  'Security Administrator': { templateId: '194ae4cb-b126-40b2-bd5b-6091b380977d', description: 'Can read security information and reports, and manage configuration in Microsoft Entra ID and Office 365.', actions: ['microsoft.directory/auditLogs/allProperties/read', 'microsoft.directory/conditionalAccessPolicies/create'] },
  'Privileged Role Administrator': { templateId: 'e8611ab8-c189-46e8-94e1-60213ab1f814', description: 'Can manage role assignments in Microsoft Entra ID, and all aspects of Privileged Identity Management.', actions: ['microsoft.directory/roleAssignments/allProperties/allTasks', 'microsoft.directory/roleDefinitions/allProperties/allTasks'] },
  'User Administrator': { templateId: 'fe930be7-5e62-47db-91af-98c3a49a38b1', description: 'Can manage all aspects of users and groups, including resetting passwords for limited admins.', actions: ['microsoft.directory/users/create', 'microsoft.directory/users/delete'] },
  'Security Reader': { templateId: '5d6b6bb7-de71-4623-b4af-96380a352509', description: 'Can read security information and reports in Microsoft Entra ID and Office 365.', actions: ['microsoft.directory/auditLogs/allProperties/read'] },
  'Application Administrator': { templateId: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', description: 'Can create and manage all aspects of app registrations and enterprise apps.', actions: ['microsoft.directory/applications/create', 'microsoft.directory/applications/credentials/update'] },
};

/** Graph role assignment ids are base64url(roleDefinitionId bytes ‖ principalId bytes) + '-1' (GUIDs little-endian). */
export function roleAssignmentId(roleDefinitionId: string, principalId: string): string {
  const bytes = (guid: string): Buffer => {
    const h = guid.replace(/-/g, '');
    const le = h.slice(6, 8) + h.slice(4, 6) + h.slice(2, 4) + h.slice(0, 2) + h.slice(10, 12) + h.slice(8, 10) + h.slice(14, 16) + h.slice(12, 14) + h.slice(16);
    return Buffer.from(le, 'hex');
  };
  return Buffer.concat([bytes(roleDefinitionId), bytes(principalId)]).toString('base64url') + '-1';
}

export function roleAssignment(roleName: string, principalId: string): UnifiedRoleAssignment {
  const role = DIRECTORY_ROLES[roleName];
  if (!role) throw new Error(`unknown directory role '${roleName}'`);
  return { id: roleAssignmentId(role.templateId, principalId), principalId, roleDefinitionId: role.templateId, directoryScopeId: '/', appScopeId: null, condition: null, resourceScope: '/' };
}

export interface DirectoryState {
  roleDefinitions: UnifiedRoleDefinition[];
  roleAssignments: UnifiedRoleAssignment[];
  userRegistrationDetails: UserRegistrationDetails[];
  perUserMfa: Record<string, 'enforced' | 'enabled' | 'disabled'>;
  applications: Application[];
  servicePrincipals: ServicePrincipal[];
  oauth2PermissionGrants: OAuth2PermissionGrant[];
}

function registrationFor(user: User, rng: Rng, atMs: number): UserRegistrationDetails {
  const mfa = user.totpSecret !== '';
  const methods = mfa ? (rng.chance(0.6) ? ['microsoftAuthenticatorPush', 'softwareOneTimePasscode', 'mobilePhone'] : ['microsoftAuthenticatorPush', 'softwareOneTimePasscode']) : [];
  return {
    id: user.id,
    userPrincipalName: user.userPrincipalName,
    userDisplayName: user.displayName,
    userType: user.userType === 'Guest' ? 'guest' : 'member',
    isAdmin: user.directoryRoles.length > 0,
    isSsprRegistered: mfa,
    isSsprEnabled: user.kind === 'member' || user.kind === 'admin',
    isSsprCapable: mfa && (user.kind === 'member' || user.kind === 'admin'),
    isMfaRegistered: mfa,
    isMfaCapable: mfa,
    isPasswordlessCapable: false,
    isSystemPreferredAuthenticationMethodEnabled: true,
    methodsRegistered: methods,
    systemPreferredAuthenticationMethods: mfa ? ['push'] : [],
    userPreferredMethodForSecondaryAuthentication: mfa ? 'push' : 'none',
    lastUpdatedDateTime: new Date(atMs - rng.int(60 * 86_400_000)).toISOString().slice(0, 19) + 'Z',
  };
}

const GRAPH = '00000003-0000-0000-c000-000000000000';
const EXCHANGE = '00000002-0000-0ff1-ce00-000000000000';

export function createDirectoryState(world: World): DirectoryState {
  const rng = rngFor(world.options.seed, 'directory-state');
  const { users, info } = world;
  const roleDefinitions: UnifiedRoleDefinition[] = Object.entries(DIRECTORY_ROLES).map(([displayName, r]) => ({
    id: r.templateId,
    displayName,
    description: r.description,
    isBuiltIn: true,
    isEnabled: true,
    templateId: r.templateId,
    version: '1',
    resourceScopes: ['/'],
    rolePermissions: [{ allowedResourceActions: r.actions.slice(), condition: null, excludedResourceActions: [] }],
  }));
  const roleAssignments: UnifiedRoleAssignment[] = [];
  for (const u of users) for (const role of u.directoryRoles) roleAssignments.push(roleAssignment(role, u.id));
  // The automation app holds Exchange Administrator, as app-only Exchange access requires.
  roleAssignments.push(roleAssignment('Exchange Administrator', info.automationApp.servicePrincipalId));

  const userRegistrationDetails: UserRegistrationDetails[] = [];
  const perUserMfa: Record<string, 'enforced' | 'enabled' | 'disabled'> = {};
  for (const u of users) {
    if (u.kind === 'shared') continue;
    userRegistrationDetails.push(registrationFor(u, rng, world.startMs));
    // Legacy per-user MFA is still enforced for administrators (from before Conditional Access); everyone else
    // gets MFA from Conditional Access.
    perUserMfa[u.id] = u.kind === 'admin' ? 'enforced' : 'disabled';
  }

  const created = (daysBefore: number): string => new Date(world.startMs - daysBefore * 86_400_000).toISOString().slice(0, 19) + 'Z';
  const end = (daysAfter: number): string => new Date(world.startMs + daysAfter * 86_400_000).toISOString().slice(0, 19) + 'Z';
  const applications: Application[] = [
    {
      id: info.automationApp.objectId,
      appId: info.automationApp.clientId,
      displayName: info.automationApp.displayName,
      createdDateTime: created(400),
      signInAudience: 'AzureADMyOrg',
      publisherDomain: world.mailDomain,
      passwordCredentials: [],
      keyCredentials: [{ keyId: rng.guid(), displayName: `CN=${info.automationApp.displayName}`, type: 'AsymmetricX509Cert', usage: 'Verify', customKeyIdentifier: rng.hex(20).toUpperCase(), startDateTime: created(30), endDateTime: end(335) }],
      requiredResourceAccess: [{ resourceAppId: EXCHANGE, resourceAccess: [{ id: 'dc50a0fb-09a3-484d-be87-e023b12c6440', type: 'Role' }] }, { resourceAppId: GRAPH, resourceAccess: [{ id: 'b0afded3-3588-46d8-8b3d-9842eff778da', type: 'Role' }] }],
    },
  ];
  for (const [name, days] of [['HR Portal', 700], ['Expense Reporting', 500], ['Intranet Search Connector', 300]] as const) {
    applications.push({
      id: rng.guid(),
      appId: rng.guid(),
      displayName: `${world.orgName} ${name}`,
      createdDateTime: created(days),
      signInAudience: 'AzureADMyOrg',
      publisherDomain: world.mailDomain,
      passwordCredentials: [{ keyId: rng.guid(), displayName: 'prod', hint: rng.chars('abcdefghijklmnopqrstuvwxyz0123456789~', 3), startDateTime: created(90), endDateTime: end(640), secretText: null }],
      keyCredentials: [],
      requiredResourceAccess: [{ resourceAppId: GRAPH, resourceAccess: [{ id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', type: 'Scope' }] }],
    });
  }
  const servicePrincipals: ServicePrincipal[] = applications.map((a) => ({
    id: a.id === info.automationApp.objectId ? info.automationApp.servicePrincipalId : rng.guid(),
    appId: a.appId,
    displayName: a.displayName,
    appOwnerOrganizationId: info.tenantId,
    servicePrincipalType: 'Application',
    accountEnabled: true,
    publisherName: world.orgName,
    verifiedPublisher: { displayName: null, verifiedPublisherId: null },
    tags: ['WindowsAzureActiveDirectoryIntegratedApp'],
  }));
  // Well-known third-party apps the organization approved (admin consent, low-risk scopes).
  const thirdParty: [string, string, string][] = [['Zoom', 'Zoom Video Communications, Inc.', 'openid profile email User.Read'], ['Adobe Acrobat', 'Adobe Inc.', 'openid profile User.Read'], ['DocuSign', 'DocuSign, Inc.', 'openid profile email offline_access User.Read']];
  const graphSp: ServicePrincipal = {
    id: rng.guid(), appId: GRAPH, displayName: 'Microsoft Graph', appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
    servicePrincipalType: 'Application', accountEnabled: true, publisherName: 'Microsoft Services', verifiedPublisher: { displayName: null, verifiedPublisherId: null }, tags: [],
  };
  servicePrincipals.push(graphSp);
  const oauth2PermissionGrants: OAuth2PermissionGrant[] = [];
  for (const [name, publisher, scope] of thirdParty) {
    const sp: ServicePrincipal = {
      id: rng.guid(), appId: rng.guid(), displayName: name, appOwnerOrganizationId: rng.guid(), servicePrincipalType: 'Application', accountEnabled: true,
      publisherName: publisher, verifiedPublisher: { displayName: publisher, verifiedPublisherId: String(rng.range(1000000, 9999999)) }, tags: ['WindowsAzureActiveDirectoryIntegratedApp'],
    };
    servicePrincipals.push(sp);
    oauth2PermissionGrants.push({ id: Buffer.from(rng.hex(24), 'hex').toString('base64url'), clientId: sp.id, consentType: 'AllPrincipals', principalId: null, resourceId: graphSp.id, scope });
  }
  return { roleDefinitions, roleAssignments, userRegistrationDetails, perUserMfa, applications, servicePrincipals, oauth2PermissionGrants };
}
