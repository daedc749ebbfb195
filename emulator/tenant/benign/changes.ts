// Benign configuration changes during the history, planned at creation so the state matches the log: shared
// mailbox access granted by an Exchange administrator from the office, inbox rules people create in Outlook on
// the web (some forwarding inside the organization), a leaver's mail forwarded to their manager, POP/IMAP
// switched off for someone, an admin consent to a verified app, a routine secret rotation.

import { aliasOf } from '../exchangeState.ts';
import { benignRuleSpec, inboxRule, newInboxRuleParameters } from '../inboxRules.ts';
import { rngFor } from '../prng.ts';
import { type Env, plannedCmdlet, plannedDirectoryChange, usualWhere } from '../scenarios/kit.ts';
import { workingMoment } from './schedule.ts';

export function planBenignChanges(env: Env): void {
  const { world } = env.ctx;
  const rng = rngFor(world.options.seed, 'benign-changes');
  const hq = world.offices[0]!;
  const tz = hq.city.timeZone;
  const days = world.options.days;
  const exoAdmins = [world.core.exchangeAdmin, ...world.core.exchangeAdmins];
  const officeIp = (): string => hq.egressIps[rng.int(hq.egressIps.length)]!;
  const pool = world.members.filter((i) => !env.casting.isUsed(i));
  if (pool.length === 0) return;

  // Shared mailbox access for people who join a team.
  const grants = Math.min(30, Math.max(1, Math.round(days / 5)));
  for (let k = 0; k < grants && world.core.shared.length > 0; k++) {
    const ms = workingMoment(rng, tz, world.startMs, world.endMs);
    if (ms === null) break;
    const admin = world.users[exoAdmins[rng.int(exoAdmins.length)]!]!;
    const shared = world.users[world.core.shared[rng.int(world.core.shared.length)]!]!;
    const member = world.users[pool[rng.int(pool.length)]!]!;
    plannedCmdlet(env, null, rng, admin, 'Add-MailboxPermission', shared.mailboxGuid ?? shared.id, [
      { Name: 'Identity', Value: shared.userPrincipalName }, { Name: 'User', Value: member.userPrincipalName },
      { Name: 'AccessRights', Value: 'FullAccess' }, { Name: 'InheritanceType', Value: 'All' }, { Name: 'AutoMapping', Value: 'True' },
    ], officeIp(), ms);
    env.state.mailboxPermissions.push({ Identity: aliasOf(shared), User: member.userPrincipalName, AccessRights: ['FullAccess'], IsInherited: false, Deny: false, InheritanceType: 'All' });
    if (rng.chance(0.6)) {
      plannedCmdlet(env, null, rng, admin, 'Add-RecipientPermission', shared.mailboxGuid ?? shared.id, [
        { Name: 'Identity', Value: shared.userPrincipalName }, { Name: 'Trustee', Value: member.userPrincipalName }, { Name: 'AccessRights', Value: 'SendAs' }, { Name: 'Confirm', Value: 'False' },
      ], officeIp(), ms + 40_000);
      env.state.recipientPermissions.push({ Identity: aliasOf(shared), Trustee: member.userPrincipalName, AccessControlType: 'Allow', AccessRights: ['SendAs'], IsInherited: false, InheritanceType: 'None' });
    }
  }

  // Inbox rules made in Outlook on the web.
  const rules = Math.min(60, Math.max(1, Math.round(days / 3)));
  for (let k = 0; k < rules; k++) {
    const person = pool[rng.int(pool.length)]!;
    const user = world.users[person]!;
    const ms = workingMoment(rng, user.timeZone, world.startMs, world.endMs);
    if (ms === null || !user.mailboxGuid) continue;
    const colleague = world.users[pool[rng.int(pool.length)]!]!;
    const spec = benignRuleSpec(rng, colleague === user ? null : colleague, world.mailDomain);
    const existing = (env.state.inboxRules[user.userPrincipalName] ??= []);
    if (existing.some((r) => r.Name === spec.name)) continue;
    plannedCmdlet(env, null, rng, user, 'New-InboxRule', `${user.userPrincipalName.split('@')[0]}\\${spec.name}`, newInboxRuleParameters(spec), usualWhere(env, person).ip, ms, 'owa');
    existing.push(inboxRule(user, spec, existing.length + 1, rng));
  }

  // The leaver's mail goes to their manager (internal forwarding).
  const leaver = world.users[world.core.disabledLeaver]!;
  const manager = world.users[pool[rng.int(pool.length)]!]!;
  const leaverMs = workingMoment(rng, tz, world.startMs, world.endMs);
  const leaverBox = env.state.mailboxes.find((m) => m.ExternalDirectoryObjectId === leaver.id);
  if (leaverMs !== null && leaverBox) {
    plannedCmdlet(env, null, rng, world.users[exoAdmins[0]!]!, 'Set-Mailbox', leaver.id, [
      { Name: 'Identity', Value: leaver.userPrincipalName }, { Name: 'ForwardingAddress', Value: manager.userPrincipalName }, { Name: 'DeliverToMailboxAndForward', Value: 'True' },
    ], officeIp(), leaverMs);
    leaverBox.ForwardingAddress = aliasOf(manager);
    leaverBox.DeliverToMailboxAndForward = true;
  }

  // Protocols switched off (not on) for someone who asked IT to tidy their account.
  const tidyMs = workingMoment(rng, tz, world.startMs, world.endMs);
  if (tidyMs !== null) {
    const who = world.users[pool[rng.int(pool.length)]!]!;
    plannedCmdlet(env, null, rng, world.users[exoAdmins[0]!]!, 'Set-CASMailbox', who.id, [
      { Name: 'Identity', Value: who.userPrincipalName }, { Name: 'PopEnabled', Value: 'False' }, { Name: 'ImapEnabled', Value: 'False' },
    ], officeIp(), tidyMs);
  }

  // Admin consent to a verified publisher's app with sign-in-only scopes.
  const consentMs = workingMoment(rng, tz, world.startMs, world.endMs);
  const ga = world.users[world.core.globalAdmin]!;
  if (consentMs !== null) {
    const spId = rng.guid();
    const appId = rng.guid();
    const graph = env.state.servicePrincipals.find((s) => s.appId === '00000003-0000-0000-c000-000000000000')!;
    plannedDirectoryChange(env, null, rng, {
      ms: consentMs, activity: 'Consent to application', category: 'ApplicationManagement', operationType: 'Assign', actor: ga, actorIp: officeIp(),
      targets: [{ id: spId, displayName: 'Miro', type: 'ServicePrincipal', modified: [{ displayName: 'ConsentContext.IsAdminConsent', oldValue: null, newValue: '"True"' }, { displayName: 'ConsentContext.OnBehalfOfAll', oldValue: null, newValue: '"True"' }, { displayName: 'ConsentAction.Permissions', oldValue: null, newValue: '"Scope: openid profile email User.Read"' }] }],
    }, {
      operation: 'Consent to application.', actor: ga, objectId: spId, category: 'ApplicationManagement', target: { id: spId, kind: 'ServicePrincipal', name: 'Miro' },
      modified: [{ Name: 'ConsentContext.IsAdminConsent', OldValue: '', NewValue: 'True' }, { Name: 'ConsentAction.Permissions', OldValue: '', NewValue: 'openid profile email User.Read' }],
    });
    env.state.servicePrincipals.push({ id: spId, appId, displayName: 'Miro', appOwnerOrganizationId: rng.guid(), servicePrincipalType: 'Application', accountEnabled: true, publisherName: 'Miro', verifiedPublisher: { displayName: 'Miro', verifiedPublisherId: String(rng.range(1000000, 9999999)) }, tags: ['WindowsAzureActiveDirectoryIntegratedApp'] });
    env.state.oauth2PermissionGrants.push({ id: Buffer.from(rng.hex(24), 'hex').toString('base64url'), clientId: spId, consentType: 'AllPrincipals', principalId: null, resourceId: graph.id, scope: 'openid profile email User.Read' });
  }
}
