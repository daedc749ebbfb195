// Without injected scenarios, the ordinary activity must not look like any of them (detection precision is
// measured against the labels), while the planned near misses are there and look benign on inspection.

import { describe, expect, it } from 'vitest';
import { cidrContains } from '../geography.ts';
import type { SignIn } from '../model.ts';
import { allAuditRecords, allDirectoryAudits, allSignIns, parameter, tenantWith } from './support.ts';

const tenant = tenantWith({ scenarios: [], seed: 'benign' });
const signIns = allSignIns(tenant);
const audits = allAuditRecords(tenant);
const directory = allDirectoryAudits(tenant);
const byUpn = new Map(tenant.users.map((u) => [u.userPrincipalName, u]));
const trusted = (ip: string): boolean => tenant.info.trustedNetworks.some((c) => cidrContains(c, ip));
const travellers = new Set(tenant.nearMisses.filter((n) => n.resembles === 'impossible-travel' || n.resembles === 'new-country').map((n) => n.upn));
const mailDomain = tenant.info.verifiedDomains[1]!;

describe('benign activity', () => {
  it('is plentiful and has the usual hiccups (mistyped passwords, MFA interrupts, legacy clients)', () => {
    expect(signIns.length).toBeGreaterThan(20_000);
    expect(audits.length).toBeGreaterThan(20_000);
    const codes = new Set(signIns.map((s) => s.status.errorCode));
    for (const code of [0, 50126, 50074, 50076, 500121, 50140]) expect(codes, `error ${code} occurs`).toContain(code);
    const clients = new Set(signIns.map((s) => s.clientAppUsed));
    for (const c of ['Browser', 'Mobile Apps and Desktop clients', 'Authenticated SMTP', 'Exchange ActiveSync']) expect(clients).toContain(c);
    const ops = new Set(audits.map((a) => a.Operation));
    for (const op of ['MailItemsAccessed', 'Send', 'MoveToDeletedItems', 'UserLoggedIn', 'UserLoginFailed', 'New-InboxRule', 'Add-MailboxPermission']) expect(ops).toContain(op);
  });

  it('signs in successfully only from home countries, except people on a planned trip', () => {
    // Violations are collected and asserted once: expect() per record would make this test slow.
    const abroad = signIns.filter((s) => {
      if (s.status.errorCode !== 0 || travellers.has(s.userPrincipalName)) return false;
      const user = byUpn.get(s.userPrincipalName)!;
      return s.location.countryOrRegion !== user.countryCode && s.location.countryOrRegion !== tenant.info.country;
    });
    expect(abroad.map((s) => `${s.userPrincipalName} from ${s.location.countryOrRegion}`)).toEqual([]);
    expect(travellers.size).toBeGreaterThan(0);
    expect(signIns.some((s) => travellers.has(s.userPrincipalName) && s.status.errorCode === 0 && s.location.countryOrRegion !== byUpn.get(s.userPrincipalName)!.countryCode)).toBe(true);
  });

  it('keeps administrators inside the trusted networks and the automation account on its host, non-interactive', () => {
    const automation = tenant.users[3]!;
    const outside = signIns.filter((s) => s.status.errorCode === 0 && byUpn.get(s.userPrincipalName)!.directoryRoles.length > 0 && !trusted(s.ipAddress));
    expect(outside.map((s) => `${s.userPrincipalName} ${s.ipAddress}`)).toEqual([]);
    expect(signIns.filter((s) => s.userId === automation.id && s.isInteractive)).toEqual([]);
    expect(new Set(signIns.filter((s) => s.userId === automation.id).map((s) => s.ipAddress)).size).toBe(1);
  });

  it('has no spray, brute force, MFA fatigue, disabled-account or device-code pattern', () => {
    const failedUsersByIp = new Map<string, Set<string>>();
    const failsByUserHour = new Map<string, number>();
    const mfaFailsByUserHour = new Map<string, number>();
    expect(signIns.filter((s) => s.status.errorCode === 50057 || s.status.errorCode === 50053 || s.authenticationProtocol === 'deviceCode')).toEqual([]);
    for (const s of signIns) {
      const hour = s.createdDateTime.slice(0, 13);
      if (s.status.errorCode === 50126) {
        failedUsersByIp.set(s.ipAddress, (failedUsersByIp.get(s.ipAddress) ?? new Set()).add(s.userPrincipalName));
        failsByUserHour.set(s.userPrincipalName + hour, (failsByUserHour.get(s.userPrincipalName + hour) ?? 0) + 1);
      }
      if (s.status.errorCode === 500121) mfaFailsByUserHour.set(s.userPrincipalName + hour, (mfaFailsByUserHour.get(s.userPrincipalName + hour) ?? 0) + 1);
    }
    for (const [ip, users] of failedUsersByIp) if (!trusted(ip)) expect(users.size, `failures for many users from ${ip}`).toBeLessThan(3);
    expect(Math.max(0, ...failsByUserHour.values())).toBeLessThanOrEqual(2);
    expect(Math.max(0, ...mfaFailsByUserHour.values())).toBeLessThanOrEqual(2);
  });

  it('uses basic-auth protocols only for the office scanner (SMTP from the office) and phones with ActiveSync', () => {
    const legacy = signIns.filter((s) => ['IMAP4', 'POP3', 'Authenticated SMTP', 'Other clients', 'Exchange Web Services', 'Exchange ActiveSync'].includes(s.clientAppUsed));
    expect(legacy.length).toBeGreaterThan(0);
    const odd = legacy.filter((s) =>
      s.clientAppUsed === 'Authenticated SMTP'
        ? !(s.userPrincipalName.startsWith('scanner@') && trusted(s.ipAddress))
        : !(s.clientAppUsed === 'Exchange ActiveSync' && s.deviceDetail.deviceId !== ''));
    expect(odd.map((s) => `${s.clientAppUsed} ${s.userPrincipalName} ${s.ipAddress}`)).toEqual([]);
  });

  it('never reuses a session from a second address on an unknown device', () => {
    const sessions = new Map<string, SignIn[]>();
    for (const s of signIns) if (s.sessionId) sessions.set(s.sessionId, [...(sessions.get(s.sessionId) ?? []), s]);
    const suspicious = [...sessions.entries()].filter(([, list]) =>
      new Set(list.map((s) => s.ipAddress)).size >= 2 && !list.every((s) => s.deviceDetail.deviceId !== '' && s.deviceDetail.deviceId === list[0]!.deviceDetail.deviceId));
    expect(suspicious.map(([id]) => id)).toEqual([]);
  });

  it('changes configuration only in benign ways', () => {
    const shared = new Set(tenant.users.filter((u) => u.kind === 'shared').map((u) => u.userPrincipalName));
    for (const a of audits) {
      if (a.RecordType !== 1) continue;
      switch (a.Operation) {
        case 'New-InboxRule': {
          expect(parameter(a, 'Name')!.length).toBeGreaterThan(2);
          for (const p of ['ForwardTo', 'RedirectTo', 'ForwardAsAttachmentTo']) {
            const v = parameter(a, p);
            if (v) expect(v.endsWith('@' + mailDomain), `${p} ${v}`).toBe(true);
          }
          expect(parameter(a, 'DeleteMessage')).toBeUndefined();
          expect(['RSS Feeds', 'Junk Email', 'Deleted Items']).not.toContain(parameter(a, 'MoveToFolder'));
          break;
        }
        case 'Add-MailboxPermission':
        case 'Add-RecipientPermission':
          expect(shared.has(parameter(a, 'Identity')!)).toBe(true);
          break;
        case 'Set-Mailbox':
          expect(parameter(a, 'ForwardingSmtpAddress')).toBeUndefined();
          expect(parameter(a, 'AuditLogAgeLimit')).toBeUndefined();
          break;
        case 'Set-CASMailbox':
          expect(parameter(a, 'PopEnabled')).not.toBe('True');
          expect(parameter(a, 'ImapEnabled')).not.toBe('True');
          break;
        default:
          expect(['Set-AdminAuditLogConfig', 'Set-MailboxAuditBypassAssociation', 'Add-RoleGroupMember']).not.toContain(a.Operation);
      }
    }
    const activities = new Set(directory.map((d) => d.activityDisplayName));
    for (const bad of ['Add member to role', 'Disable Strong Authentication', 'Update application – Certificates and secrets management ']) expect(activities).not.toContain(bad);
    expect(tenant.state.adminAuditLogConfig.UnifiedAuditLogIngestionEnabled).toBe(true);
    expect(tenant.state.casMailboxes.every((c) => !c.PopEnabled && !c.ImapEnabled)).toBe(true);
    expect(tenant.state.mailboxes.every((m) => m.ForwardingSmtpAddress === null && m.AuditLogAgeLimit === '90.00:00:00')).toBe(true);
  });

  it('reads mail at a human pace', () => {
    const perMailboxHour = new Map<string, number>();
    for (const a of audits) {
      if (a.RecordType !== 50) continue;
      const k = a.MailboxOwnerUPN + a.CreationTime.slice(0, 13);
      perMailboxHour.set(k, (perMailboxHour.get(k) ?? 0) + a.OperationCount);
    }
    expect(Math.max(...perMailboxHour.values())).toBeLessThan(100);
  });

  it('lists its near misses, with records that are served', () => {
    const kinds = new Set(tenant.nearMisses.map((n) => n.resembles));
    for (const k of ['impossible-travel', 'new-country', 'brute-force', 'token-replay']) expect(kinds).toContain(k);
    const ids = new Set([...signIns.map((s) => s.id), ...audits.map((a) => a.Id)]);
    for (const n of tenant.nearMisses) {
      expect(byUpn.has(n.upn)).toBe(true);
      expect(n.recordIds.length).toBeGreaterThan(0);
      expect(n.recordIds.filter((id) => !ids.has(id)), `${n.resembles} records served`).toEqual([]);
    }
  });
});
