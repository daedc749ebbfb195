// Consent grant (illicit consent): a phished member consents to an unverified multi-tenant app asking for
// mail read/send and offline access. Logged as 'Add service principal', 'Add delegated permission grant' and
// 'Consent to application'.

import { compromisedMember } from './actors.ts';
import { LabelDraft, plannedDirectoryChange } from './kit.ts';
import type { Injector } from './index.ts';

const APP_NAMES = ['Mail Sync Pro', 'PDF Viewer Online', 'Secure Docs Share', 'Office Add-in Helper', 'Inbox Organizer 365'];
const SCOPES = 'openid profile offline_access User.Read Mail.Read Mail.Send Mail.ReadWrite';

export const consentGrant: Injector = {
  name: 'consent-grant',
  hours: 1,
  inject(env, rng, startMs) {
    const label = new LabelDraft('consent-grant');
    const victim = compromisedMember(env, rng);
    const user = victim.user;
    const name = rng.pick(APP_NAMES);
    const appId = rng.guid();
    const spId = rng.guid();
    const graph = env.state.servicePrincipals.find((s) => s.appId === '00000003-0000-0000-c000-000000000000')!;
    const ms = startMs + rng.int(30 * 60_000);
    const where = { ip: victim.where.ip };
    plannedDirectoryChange(env, label, rng, {
      ms, activity: 'Add service principal', category: 'ApplicationManagement', operationType: 'Add', actor: user, actorIp: where.ip,
      targets: [{ id: spId, displayName: name, type: 'ServicePrincipal', modified: [{ displayName: 'AppAddress', oldValue: null, newValue: '[{"AddressType":0,"Address":"https://login.live-signin.app/callback"}]' }, { displayName: 'AppId', oldValue: null, newValue: `"${appId}"` }, { displayName: 'DisplayName', oldValue: null, newValue: `"${name}"` }] }],
    }, {
      operation: 'Add service principal.', actor: user, objectId: spId, category: 'ApplicationManagement', clientIp: where.ip,
      target: { id: spId, kind: 'ServicePrincipal', name }, modified: [{ Name: 'AppId', OldValue: '', NewValue: appId }, { Name: 'DisplayName', OldValue: '', NewValue: name }],
    });
    plannedDirectoryChange(env, label, rng, {
      ms: ms + 1000, activity: 'Add delegated permission grant', category: 'ApplicationManagement', operationType: 'Assign', actor: user, actorIp: where.ip,
      targets: [{ id: graph.id, displayName: 'Microsoft Graph', type: 'ServicePrincipal', modified: [{ displayName: 'DelegatedPermissionGrant.Scope', oldValue: null, newValue: `"${SCOPES}"` }, { displayName: 'DelegatedPermissionGrant.ConsentType', oldValue: null, newValue: '"Principal"' }, { displayName: 'ServicePrincipal.ObjectID', oldValue: null, newValue: `"${spId}"` }] }, { id: spId, displayName: null, type: 'ServicePrincipal' }],
    }, {
      operation: 'Add delegated permission grant.', actor: user, objectId: graph.id, category: 'ApplicationManagement', clientIp: where.ip,
      target: { id: graph.id, kind: 'ServicePrincipal', name: 'Microsoft Graph' }, modified: [{ Name: 'DelegatedPermissionGrant.Scope', OldValue: '', NewValue: SCOPES }, { Name: 'DelegatedPermissionGrant.ConsentType', OldValue: '', NewValue: 'Principal' }],
    });
    plannedDirectoryChange(env, label, rng, {
      ms: ms + 2000, activity: 'Consent to application', category: 'ApplicationManagement', operationType: 'Assign', actor: user, actorIp: where.ip,
      targets: [{ id: spId, displayName: name, type: 'ServicePrincipal', modified: [
        { displayName: 'ConsentContext.IsAdminConsent', oldValue: null, newValue: '"False"' },
        { displayName: 'ConsentContext.IsAppOnly', oldValue: null, newValue: '"False"' },
        { displayName: 'ConsentContext.OnBehalfOfAll', oldValue: null, newValue: '"False"' },
        { displayName: 'ConsentContext.Tags', oldValue: null, newValue: '"WindowsAzureActiveDirectoryIntegratedApp"' },
        { displayName: 'ConsentAction.Permissions', oldValue: null, newValue: `"[] => [[Id: ${rng.hex(24)}, ClientId: ${spId}, PrincipalId: ${user.id}, ResourceId: ${graph.id}, ConsentType: Principal, Scope: ${SCOPES}, CreatedDateTime: , LastModifiedDateTime ]]; "` },
        { displayName: 'TargetId.ServicePrincipalNames', oldValue: null, newValue: `"${appId}"` },
      ] }],
    }, {
      operation: 'Consent to application.', actor: user, objectId: spId, category: 'ApplicationManagement', clientIp: where.ip,
      target: { id: spId, kind: 'ServicePrincipal', name },
      modified: [{ Name: 'ConsentContext.IsAdminConsent', OldValue: '', NewValue: 'False' }, { Name: 'ConsentContext.IsAppOnly', OldValue: '', NewValue: 'False' }, { Name: 'ConsentAction.Permissions', OldValue: '', NewValue: SCOPES }],
    });
    env.state.servicePrincipals.push({
      id: spId, appId, displayName: name, appOwnerOrganizationId: rng.guid(), servicePrincipalType: 'Application', accountEnabled: true,
      publisherName: null, verifiedPublisher: { displayName: null, verifiedPublisherId: null }, tags: ['WindowsAzureActiveDirectoryIntegratedApp'],
    });
    const grant = { id: Buffer.from(rng.hex(24), 'hex').toString('base64url'), clientId: spId, consentType: 'Principal' as const, principalId: user.id, resourceId: graph.id, scope: SCOPES };
    env.state.oauth2PermissionGrants.push(grant);
    label.change(`oauth2PermissionGrants['${grant.id}']`, null, grant);
    label.actorUpns.add(user.userPrincipalName);
    label.actorIps.add(where.ip);
    label.actorApps.add(appId);
    label.targetUpns.add(user.userPrincipalName);
    label.targetObjects.add(appId);
    label.techniques.push('T1528');
    label.summary = `${user.userPrincipalName} consented to the unverified app '${name}' (${appId}) for ${SCOPES}.`;
    return [label];
  },
};
