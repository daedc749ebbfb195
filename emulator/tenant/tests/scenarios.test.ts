// Every scenario is injected, labelled, findable in the served activity with the operation and fields real
// tenants log, and (where it changes configuration) reflected in the admin state.

import { describe, expect, it } from 'vitest';
import { cidrContains, distanceKm } from '../geography.ts';
import { SCENARIO_NAMES, type AuditRecord, type DirectoryAudit, type Label, type ScenarioName, type SignIn } from '../model.ts';
import { findEvidence, parameter, tenantWith } from './support.ts';

const tenant = tenantWith();
const upnSet = new Set(tenant.users.map((u) => u.userPrincipalName));
const byUpn = new Map(tenant.users.map((u) => [u.userPrincipalName, u]));
const trusted = (ip: string): boolean => tenant.info.trustedNetworks.some((c) => cidrContains(c, ip));

interface Found {
  label: Label;
  signIns: SignIn[];
  audits: AuditRecord[];
  directory: DirectoryAudit[];
}

function found(scenario: ScenarioName): Found[] {
  const labels = tenant.labels.filter((l) => l.scenario === scenario);
  expect(labels.length, `${scenario} has a label`).toBeGreaterThan(0);
  return labels.map((label) => {
    const out: Found = { label, signIns: [], audits: [], directory: [] };
    for (const e of label.evidence) {
      const r = findEvidence(tenant, e);
      expect(r, `${label.id}: ${e.source} ${e.id} is served in hour ${e.hour}`).toBeDefined();
      if (!r) continue;
      if (r.source === 'signIn') {
        expect(e.operation).toBe(`signIn:${r.record.status.errorCode}`);
        out.signIns.push(r.record);
      } else if (r.source === 'auditRecord') {
        expect(e.operation).toBe(r.record.Operation);
        out.audits.push(r.record);
      } else {
        expect(e.operation).toBe(r.record.activityDisplayName);
        out.directory.push(r.record);
      }
    }
    return out;
  });
}

function one(scenario: ScenarioName): Found {
  const f = found(scenario);
  expect(f).toHaveLength(1);
  return f[0]!;
}

function cmdlet(f: Found, name: string): AuditRecord {
  const r = f.audits.find((a) => a.Operation === name);
  expect(r, `${f.label.id} has ${name}`).toBeDefined();
  expect(r!.RecordType).toBe(1);
  return r!;
}

describe('labels', () => {
  it('cover every scenario, in start order, with ids, times inside the history and the trusted networks', () => {
    expect(new Set(tenant.labels.map((l) => l.scenario))).toEqual(new Set(SCENARIO_NAMES));
    const starts = tenant.labels.map((l) => l.start);
    expect(starts).toEqual(starts.slice().sort());
    expect(new Set(tenant.labels.map((l) => l.id)).size).toBe(tenant.labels.length);
    for (const l of tenant.labels) {
      expect(Date.parse(l.start)).toBeGreaterThanOrEqual(tenant.info.start.getTime());
      expect(Date.parse(l.end)).toBeLessThan(tenant.info.end.getTime());
      expect(new Set(l.recordIds)).toEqual(new Set(l.evidence.map((e) => e.id)));
      expect(new Set(l.recordIds).size).toBe(l.evidence.length);
      expect(l.trustedNetworks).toEqual(tenant.info.trustedNetworks);
      expect(l.summary.length).toBeGreaterThan(20);
    }
  });

  it('are spread over the history, not bunched at the end', () => {
    const span = tenant.info.end.getTime() - tenant.info.start.getTime();
    const starts = tenant.labels.map((l) => Date.parse(l.start) - tenant.info.start.getTime());
    expect(Math.min(...starts)).toBeLessThan(span * 0.2);
    expect(Math.max(...starts)).toBeGreaterThan(span * 0.8);
    const lastDay = starts.filter((s) => s > span - 86_400_000).length;
    expect(lastDay).toBeLessThan(tenant.labels.length / 3);
  });

  it('are only the scenarios asked for', () => {
    expect(tenantWith({ users: 50, days: 3, scenarios: [] }).labels).toEqual([]);
    const some = tenantWith({ users: 50, days: 3, scenarios: ['brute-force', 'consent-grant'] });
    expect(new Set(some.labels.map((l) => l.scenario))).toEqual(new Set(['brute-force', 'consent-grant']));
  });
});

describe('sign-in scenarios', () => {
  it('password spray: many accounts, few addresses, no success', () => {
    const f = one('password-spray');
    const failed = f.signIns.filter((s) => s.status.errorCode === 50126);
    expect(new Set(failed.map((s) => s.userPrincipalName)).size).toBeGreaterThanOrEqual(10);
    expect(f.signIns.some((s) => s.status.errorCode === 50034 && !upnSet.has(s.userPrincipalName))).toBe(true);
    expect(f.signIns.every((s) => s.status.errorCode !== 0)).toBe(true);
    expect(new Set(f.signIns.map((s) => s.ipAddress)).size).toBeLessThanOrEqual(3);
    for (const s of f.signIns) expect(f.label.actors.ips).toContain(s.ipAddress);
    expect(f.signIns.every((s) => !trusted(s.ipAddress))).toBe(true);
    expect(f.audits.filter((a) => a.Operation === 'UserLoginFailed').length).toBe(f.signIns.length);
  });

  it('brute force: one account hammered from one address until locked', () => {
    const f = one('brute-force');
    expect(new Set(f.signIns.map((s) => s.userPrincipalName))).toEqual(new Set(f.label.targets.upns));
    expect(new Set(f.signIns.map((s) => s.ipAddress)).size).toBe(1);
    expect(f.signIns.length).toBeGreaterThanOrEqual(20);
    expect(f.signIns.some((s) => s.status.errorCode === 50053)).toBe(true);
    const sts = f.audits.filter((a) => a.RecordType === 15);
    expect(sts.every((a) => a.RecordType === 15 && (a.ErrorNumber === '50126' || a.ErrorNumber === '50053'))).toBe(true);
  });

  it('impossible travel: two successful sign-ins too far apart for the time between them', () => {
    const f = one('impossible-travel');
    const ok = f.signIns.filter((s) => s.status.errorCode === 0 && s.isInteractive).sort((a, b) => a.createdDateTime.localeCompare(b.createdDateTime));
    expect(ok.length).toBeGreaterThanOrEqual(2);
    const [a, b] = [ok[0]!, ok[ok.length - 1]!];
    expect(a.ipAddress).not.toBe(b.ipAddress);
    const km = distanceKm(
      { lat: a.location.geoCoordinates.latitude!, lon: a.location.geoCoordinates.longitude! },
      { lat: b.location.geoCoordinates.latitude!, lon: b.location.geoCoordinates.longitude! },
    );
    const hours = (Date.parse(b.createdDateTime) - Date.parse(a.createdDateTime)) / 3_600_000;
    expect(km / hours).toBeGreaterThan(1000);
    expect(b.deviceDetail.deviceId).toBe('');
  });

  it('new country: a successful sign-in from a country no one in the tenant lives in', () => {
    const f = one('new-country');
    const s = f.signIns.find((x) => x.status.errorCode === 0 && x.isInteractive)!;
    const homes = new Set(tenant.users.map((u) => u.countryCode));
    expect(homes.has(s.location.countryOrRegion!)).toBe(false);
    expect(tenant.state.riskDetections.some((r) => r.requestId === s.id)).toBe(true);
  });

  it('MFA fatigue: refused or unanswered pushes, then an approved one', () => {
    const f = one('mfa-fatigue');
    const sorted = f.signIns.slice().sort((a, b) => a.createdDateTime.localeCompare(b.createdDateTime));
    expect(sorted.filter((s) => s.status.errorCode === 500121).length).toBeGreaterThanOrEqual(8);
    expect(sorted.at(-1)!.status.errorCode).toBe(0);
    expect(sorted.at(-1)!.authenticationRequirement).toBe('multiFactorAuthentication');
  });

  it('legacy protocol: single-factor IMAP or POP sign-ins that read mail', () => {
    const f = one('legacy-protocol-signin');
    expect(f.signIns.length).toBeGreaterThanOrEqual(4);
    for (const s of f.signIns) {
      expect(['IMAP4', 'POP3']).toContain(s.clientAppUsed);
      expect(s.status.errorCode).toBe(0);
      expect(s.authenticationRequirement).toBe('singleFactorAuthentication');
    }
    expect(f.audits.some((a) => a.Operation === 'MailItemsAccessed')).toBe(true);
  });

  it('disabled account: attempts refused with 50057 for an account that is disabled', () => {
    const f = one('disabled-account-signin');
    expect(f.signIns.every((s) => s.status.errorCode === 50057)).toBe(true);
    expect(byUpn.get(f.label.targets.upns[0]!)!.accountEnabled).toBe(false);
  });

  it('device-code phishing: a device-code sign-in, then token use and mail reads from the same server', () => {
    const f = one('device-code-phishing');
    const dc = f.signIns.find((s) => s.authenticationProtocol === 'deviceCode')!;
    expect(dc.originalTransferMethod).toBe('deviceCodeFlow');
    expect(dc.status.errorCode).toBe(0);
    expect(f.signIns.some((s) => !s.isInteractive && s.sessionId === dc.sessionId)).toBe(true);
    expect(f.audits.some((a) => a.Operation === 'MailItemsAccessed')).toBe(true);
  });

  it('token replay: one session used from a second address by another client', () => {
    const f = one('token-replay');
    const sessions = new Map<string, Set<string>>();
    for (const s of f.signIns) sessions.set(s.sessionId, (sessions.get(s.sessionId) ?? new Set()).add(s.ipAddress));
    expect([...sessions.values()].some((ips) => ips.size >= 2)).toBe(true);
    expect(f.signIns.some((s) => s.deviceDetail.deviceId !== '')).toBe(true);
    expect(f.signIns.some((s) => s.deviceDetail.deviceId === '' && s.ipAddress === f.label.actors.ips[0])).toBe(true);
  });

  it('an administrator signs in from outside the trusted networks', () => {
    const f = one('admin-signin-untrusted-network');
    const s = f.signIns.find((x) => x.isInteractive && x.status.errorCode === 0)!;
    expect(byUpn.get(s.userPrincipalName)!.directoryRoles.length).toBeGreaterThan(0);
    expect(trusted(s.ipAddress)).toBe(false);
  });

  it('the automation account signs in interactively in a browser', () => {
    const f = one('automation-account-interactive');
    expect(f.label.actors.upns).toEqual([tenant.users[3]!.userPrincipalName]);
    expect(f.signIns.every((s) => s.isInteractive && s.clientAppUsed === 'Browser' && s.status.errorCode === 0)).toBe(true);
  });

  it('mass MailItemsAccessed: hundreds of Bind records, over a thousand items, throttled at the end', () => {
    const f = one('mass-mail-items-accessed');
    const mia = f.audits.filter((a) => a.RecordType === 50);
    expect(mia.length).toBeGreaterThanOrEqual(100);
    expect(mia.reduce((n, a) => n + (a.RecordType === 50 ? a.OperationCount : 0), 0)).toBeGreaterThan(1000);
    expect(mia.some((a) => a.RecordType === 50 && a.OperationProperties.some((p) => p.Name === 'IsThrottled' && p.Value === 'True'))).toBe(true);
    expect(mia.every((a) => a.ClientIP === f.label.actors.ips[0])).toBe(true);
  });
});

describe('configuration scenarios (activity and state agree)', () => {
  it('malicious inbox rules: forward and redirect outside, delete, hide in RSS/Junk, tiny names', () => {
    const fs = found('malicious-inbox-rule');
    expect(new Set(fs.map((f) => f.label.variant))).toEqual(new Set(['forward-external', 'redirect-external', 'delete', fs.find((f) => f.label.variant?.startsWith('move-'))!.label.variant]));
    for (const f of fs) {
      const r = cmdlet(f, 'New-InboxRule');
      const name = parameter(r, 'Name')!;
      const owner = f.label.targets.upns[0]!;
      const rule = tenant.state.inboxRules[owner]!.find((x) => x.Name === name);
      expect(rule, `state has rule ${name} for ${owner}`).toBeDefined();
      const external = (v: string | undefined): boolean => v !== undefined && !v.endsWith(tenant.users[2]!.userPrincipalName.split('@')[1]!);
      switch (f.label.variant) {
        case 'forward-external':
          expect(external(parameter(r, 'ForwardTo'))).toBe(true);
          expect(rule!.ForwardTo![0]).toContain(parameter(r, 'ForwardTo')!);
          break;
        case 'redirect-external':
          expect(external(parameter(r, 'RedirectTo'))).toBe(true);
          break;
        case 'delete':
          expect(parameter(r, 'DeleteMessage')).toBe('True');
          expect(rule!.DeleteMessage).toBe(true);
          break;
        default:
          expect(['RSS Feeds', 'Junk Email']).toContain(parameter(r, 'MoveToFolder'));
      }
    }
    expect(fs.filter((f) => parameter(f.audits[0]!, 'Name')!.length <= 2).length).toBeGreaterThanOrEqual(2);
  });

  it('mailbox forwarding to an outside address', () => {
    const f = one('mailbox-forwarding');
    const r = cmdlet(f, 'Set-Mailbox');
    const mb = tenant.state.mailboxes.find((m) => m.UserPrincipalName === f.label.targets.upns[0])!;
    expect(parameter(r, 'ForwardingSmtpAddress')).toBe(mb.ForwardingSmtpAddress);
    expect(mb.ForwardingSmtpAddress).toMatch(/^smtp:.+@(gmail|proton|outlook|mail|yandex|gmx|protonmail|zohomail)\./);
  });

  it('FullAccess and SendAs grants on a user (not shared) mailbox', () => {
    const full = cmdlet(one('fullaccess-grant'), 'Add-MailboxPermission');
    expect(parameter(full, 'AccessRights')).toBe('FullAccess');
    const owner = byUpn.get(parameter(full, 'Identity')!)!;
    expect(owner.kind).toBe('member');
    expect(tenant.state.mailboxPermissions.some((p) => p.User === parameter(full, 'User') && p.AccessRights.includes('FullAccess') && p.Identity === owner.userPrincipalName.split('@')[0])).toBe(true);
    const sendAs = cmdlet(one('sendas-grant'), 'Add-RecipientPermission');
    expect(parameter(sendAs, 'AccessRights')).toBe('SendAs');
    expect(tenant.state.recipientPermissions.some((p) => p.Trustee === parameter(sendAs, 'Trustee') && p.AccessRights.includes('SendAs'))).toBe(true);
  });

  it('role-group escalation into Organization Management', () => {
    const r = cmdlet(one('role-group-escalation'), 'Add-RoleGroupMember');
    expect(parameter(r, 'Identity')).toBe('Organization Management');
    const member = parameter(r, 'Member')!;
    expect(tenant.state.roleGroups.find((g) => g.Name === 'Organization Management')!.MemberUpns).toContain(member);
    expect(byUpn.get(member)!.roleGroups).toContain('Organization Management');
  });

  it('Global Administrator added, in both logs and in the role assignments', () => {
    const f = one('global-admin-added');
    const da = f.directory.find((d) => d.activityDisplayName === 'Add member to role')!;
    expect(da.category).toBe('RoleManagement');
    expect(da.targetResources[0]!.modifiedProperties.find((p) => p.displayName === 'Role.DisplayName')!.newValue).toBe('"Global Administrator"');
    const ual = f.audits.find((a) => a.Operation === 'Add member to role.')!;
    expect(ual.RecordType).toBe(8);
    const target = byUpn.get(f.label.targets.upns[0]!)!;
    expect(target.directoryRoles).toContain('Global Administrator');
    expect(tenant.state.roleAssignments.some((a) => a.principalId === target.id && a.roleDefinitionId === '62e90394-69f5-4237-9190-012177145e10')).toBe(true);
  });

  it('per-user MFA disabled', () => {
    const f = one('per-user-mfa-disabled');
    expect(f.audits.map((a) => a.Operation)).toEqual(expect.arrayContaining(['Disable Strong Authentication.', 'Update user.']));
    expect(f.directory.map((d) => d.activityDisplayName)).toContain('Disable Strong Authentication');
    expect(tenant.state.perUserMfa[byUpn.get(f.label.targets.upns[0]!)!.id]).toBe('disabled');
  });

  it('unified audit log turned off', () => {
    const r = cmdlet(one('unified-audit-log-disabled'), 'Set-AdminAuditLogConfig');
    expect(parameter(r, 'UnifiedAuditLogIngestionEnabled')).toBe('False');
    expect(tenant.state.adminAuditLogConfig.UnifiedAuditLogIngestionEnabled).toBe(false);
  });

  it('mailbox audit bypass', () => {
    const r = cmdlet(one('mailbox-audit-bypass'), 'Set-MailboxAuditBypassAssociation');
    expect(parameter(r, 'AuditBypassEnabled')).toBe('True');
    expect(tenant.state.mailboxAuditBypass.some((b) => b.AuditBypassEnabled && parameter(r, 'Identity')!.startsWith(b.Identity + '@'))).toBe(true);
  });

  it('audit log age limit shortened', () => {
    const f = one('audit-log-age-limit-shortened');
    const r = cmdlet(f, 'Set-Mailbox');
    const mb = tenant.state.mailboxes.find((m) => m.UserPrincipalName === f.label.targets.upns[0])!;
    expect(parameter(r, 'AuditLogAgeLimit')).toBe(mb.AuditLogAgeLimit);
    expect(['1.00:00:00', '00:00:00']).toContain(mb.AuditLogAgeLimit);
  });

  it('POP and IMAP enabled on one mailbox while off everywhere else', () => {
    const f = one('pop-imap-enabled');
    const r = cmdlet(f, 'Set-CASMailbox');
    expect(parameter(r, 'PopEnabled')).toBe('True');
    expect(parameter(r, 'ImapEnabled')).toBe('True');
    const target = byUpn.get(f.label.targets.upns[0]!)!;
    const enabled = tenant.state.casMailboxes.filter((c) => c.PopEnabled || c.ImapEnabled);
    expect(enabled.map((c) => [c.ExternalDirectoryObjectId, c.PopEnabled, c.ImapEnabled])).toEqual([[target.id, true, true]]);
  });

  it('application secret added to the certificate-only automation app', () => {
    const f = one('application-secret-added');
    const da = f.directory[0]!;
    expect(da.activityDisplayName).toBe('Update application – Certificates and secrets management ');
    expect(da.targetResources[0]!.modifiedProperties[0]!.newValue).toContain('KeyType=Password');
    const app = tenant.state.applications.find((a) => a.appId === tenant.info.automationApp.clientId)!;
    expect(app.passwordCredentials).toHaveLength(1);
  });

  it('consent grant to an unverified app with mail scopes', () => {
    const f = one('consent-grant');
    expect(f.directory.map((d) => d.activityDisplayName)).toEqual(expect.arrayContaining(['Consent to application', 'Add delegated permission grant', 'Add service principal']));
    expect(f.audits.map((a) => a.Operation)).toContain('Consent to application.');
    const user = byUpn.get(f.label.actors.upns[0]!)!;
    const grant = tenant.state.oauth2PermissionGrants.find((g) => g.principalId === user.id)!;
    expect(grant.consentType).toBe('Principal');
    expect(grant.scope).toContain('Mail.Read');
    const sp = tenant.state.servicePrincipals.find((s) => s.id === grant.clientId)!;
    expect(sp.verifiedPublisher.verifiedPublisherId).toBeNull();
  });
});
