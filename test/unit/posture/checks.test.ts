// Each posture check over a real encrypted store: pass, fail and unknown, with the numbers and accounts in
// `why`, what to run when unknown, and the audit records of the setting's changes as evidence.
import { afterEach, describe, expect, it } from 'vitest';
import { graphSignIn, ualCmdlet } from '../../../main/core/detect/testing/recordShapes.ts';
import { evaluatePosture } from '../../../main/core/posture/evaluatePosture.ts';
import { postureScore } from '../../../main/core/posture/postureScore.ts';
import type { EvidenceStore } from '../../../main/core/store/openStore.ts';
import { AUDIT_ITEM, NOW, POSTURE_ITEM, addRecords, cas, check, freshStore, mailbox, registration, roleSnapshot, setContext, snapshot } from './postureStore.ts';

const DAY = 86_400_000;
const ORG_CMDLETS = { 'Role Management': ['Add-RoleGroupMember'], 'Mail Recipients': ['Set-Mailbox'], 'View-Only Configuration': ['Get-OrganizationConfig'] };
let store: EvidenceStore;
afterEach(() => store?.close());

function auditConfig(s: EvidenceStore, o: { ingestion?: boolean; auditDisabled?: boolean; bypass?: string[] }) {
  return snapshot(s, 'audit-config', [
    ...(o.ingestion === undefined ? [] : [{ type: AUDIT_ITEM.adminAuditLog, identity: 'organization', data: { UnifiedAuditLogIngestionEnabled: o.ingestion } }]),
    ...(o.auditDisabled === undefined ? [] : [{ type: AUDIT_ITEM.organization, identity: 'organization', data: { AuditDisabled: o.auditDisabled } }]),
    ...(o.bypass ?? []).map((name) => ({ type: AUDIT_ITEM.bypass, identity: name, data: { Name: name, AuditBypassEnabled: true } })),
  ]);
}

describe('unified-audit-log', () => {
  it('is unknown until the audit configuration is collected, and names the command', () => {
    store = freshStore();
    const c = check(store, 'unified-audit-log');
    expect(c).toMatchObject({ status: 'unknown', toKnow: 'run `warden inventory audit-config`', scubaGear: 'MS.EXO.17.1v1' });
  });
  it('does not read an incomplete snapshot as the tenant state', () => {
    store = freshStore();
    snapshot(store, 'audit-config', [{ type: AUDIT_ITEM.adminAuditLog, identity: 'organization', data: { UnifiedAuditLogIngestionEnabled: true } }], { complete: false });
    expect(check(store, 'unified-audit-log').status).toBe('unknown');
  });
  it('passes when ingestion is on, fails with the record of who turned it off', () => {
    store = freshStore();
    auditConfig(store, { ingestion: true });
    expect(check(store, 'unified-audit-log').status).toBe('pass');
    const off = ualCmdlet({ at: NOW - DAY, user: 'mallory@contoso.com', ip: '198.51.100.7', operation: 'Set-AdminAuditLogConfig', parameters: { UnifiedAuditLogIngestionEnabled: 'False' } });
    const [recordId] = addRecords(store, [off, ualCmdlet({ at: NOW - 2 * DAY, user: 'x@contoso.com', ip: '198.51.100.7', operation: 'Set-AdminAuditLogConfig', parameters: { AdminAuditLogAgeLimit: '30.00:00:00' } })]);
    auditConfig(store, { ingestion: false });
    const c = check(store, 'unified-audit-log');
    expect(c.status).toBe('fail');
    expect(c.fix).toMatch(/^Set-AdminAuditLogConfig -UnifiedAuditLogIngestionEnabled \$true/);
    // Only the change to this setting is evidence, not the age-limit change.
    expect(c.evidence).toEqual([
      { recordId, sourceId: off['Id'], time: new Date(NOW - DAY).toISOString(), operation: 'Set-AdminAuditLogConfig', actor: 'mallory@contoso.com', detail: 'UnifiedAuditLogIngestionEnabled=False' },
    ]);
    expect(c.evidenceTotal).toBe(1);
  });
});

describe('mailbox-auditing', () => {
  it('passes with auditing on by default and no bypass; fails on AuditDisabled or a bypassing account', () => {
    store = freshStore();
    expect(check(store, 'mailbox-auditing').status).toBe('unknown');
    auditConfig(store, { auditDisabled: false });
    expect(check(store, 'mailbox-auditing').status).toBe('pass');
    auditConfig(store, { auditDisabled: false, bypass: ['svc-backup'] });
    const bypass = check(store, 'mailbox-auditing');
    expect(bypass.status).toBe('fail');
    expect(bypass.why).toMatch(/1 account\(s\) bypass mailbox auditing.*svc-backup/);
    auditConfig(store, { auditDisabled: true });
    expect(check(store, 'mailbox-auditing').why).toMatch(/AuditDisabled is True/);
  });
});

describe('smtp-auth-organization', () => {
  it('reads Get-TransportConfig from the posture inventory', () => {
    store = freshStore();
    expect(check(store, 'smtp-auth-organization')).toMatchObject({ status: 'unknown', toKnow: 'run `warden posture collect`' });
    snapshot(store, 'posture', [{ type: POSTURE_ITEM.transportConfig, identity: 'transport settings', data: { SmtpClientAuthenticationDisabled: true } }]);
    expect(check(store, 'smtp-auth-organization').status).toBe('pass');
    addRecords(store, [ualCmdlet({ at: NOW - DAY, user: 'admin@contoso.com', ip: '203.0.113.5', operation: 'Set-TransportConfig', parameters: { SmtpClientAuthenticationDisabled: 'False' } })]);
    snapshot(store, 'posture', [{ type: POSTURE_ITEM.transportConfig, identity: 'transport settings', data: { SmtpClientAuthenticationDisabled: false } }]);
    const c = check(store, 'smtp-auth-organization');
    expect(c).toMatchObject({ status: 'fail', fix: 'Set-TransportConfig -SmtpClientAuthenticationDisabled $true', scubaGear: 'MS.EXO.5.1v1' });
    expect(c.evidence[0]).toMatchObject({ operation: 'Set-TransportConfig', actor: 'admin@contoso.com', detail: 'SmtpClientAuthenticationDisabled=False' });
  });
  it('says why when the endpoint would not give the transport configuration', () => {
    store = freshStore();
    snapshot(store, 'posture', [{ type: POSTURE_ITEM.unavailable, identity: 'Get-TransportConfig', data: { reason: 'the signed-in account or app may not read it (403)' } }]);
    expect(check(store, 'smtp-auth-organization')).toMatchObject({ status: 'unknown', why: expect.stringMatching(/could not be read: the signed-in account or app may not read it/) });
  });
});

describe('smtp-auth-mailboxes', () => {
  it('fails on a mailbox that turns SMTP AUTH on for itself, unless it is a listed automation account', () => {
    store = freshStore();
    expect(check(store, 'smtp-auth-mailboxes')).toMatchObject({ status: 'unknown', toKnow: 'run `warden inventory mailboxes`' });
    snapshot(store, 'mailboxes', [mailbox('a@contoso.com'), cas('a@contoso.com', null), mailbox('scanner@contoso.com'), cas('scanner@contoso.com', false)]);
    const c = check(store, 'smtp-auth-mailboxes');
    expect(c.status).toBe('fail');
    expect(c.why).toMatch(/^1 of 2 mailboxes have SMTP AUTH turned on for themselves .*scanner@contoso\.com/);
    setContext(store, { automationAccounts: ['scanner@contoso.com'] });
    expect(check(store, 'smtp-auth-mailboxes')).toMatchObject({ status: 'pass', why: expect.stringMatching(/Accepted exceptions \(listed automation accounts\): scanner@contoso\.com/) });
  });
});

describe('external-forwarding-blocked', () => {
  it('is unknown (not collected) when the service offered neither setting, never pass', () => {
    store = freshStore();
    snapshot(store, 'posture', [
      { type: POSTURE_ITEM.unavailable, identity: 'Get-RemoteDomain', data: { reason: 'this Exchange endpoint does not offer it' } },
      { type: POSTURE_ITEM.unavailable, identity: 'Get-HostedOutboundSpamFilterPolicy', data: { reason: 'this Exchange endpoint does not offer it' } },
    ]);
    const c = check(store, 'external-forwarding-blocked');
    expect(c.status).toBe('unknown');
    expect(c.why).toMatch(/^Not collected: the outbound spam filter policies \(Get-HostedOutboundSpamFilterPolicy: this Exchange endpoint does not offer it\); the remote domains/);
  });
  it('passes when every outbound policy blocks, fails when neither control blocks', () => {
    store = freshStore();
    snapshot(store, 'posture', [{ type: POSTURE_ITEM.outboundSpamPolicy, identity: 'default', data: { Name: 'Default', AutoForwardingMode: 'Off' } }]);
    expect(check(store, 'external-forwarding-blocked').status).toBe('pass');
    snapshot(store, 'posture', [
      { type: POSTURE_ITEM.outboundSpamPolicy, identity: 'default', data: { Name: 'Default', AutoForwardingMode: 'On' } },
      { type: POSTURE_ITEM.remoteDomain, identity: 'default', data: { Name: 'Default', DomainName: '*', AutoForwardEnabled: true } },
    ]);
    const c = check(store, 'external-forwarding-blocked');
    expect(c.status).toBe('fail');
    expect(c.why).toMatch(/Default \(AutoForwardingMode On\).*Default \(\*\)/);
  });
});

describe('role groups', () => {
  it('org-management-size: fails above the threshold, naming the members; evidence is the adds to that group', () => {
    store = freshStore();
    expect(check(store, 'org-management-size')).toMatchObject({ status: 'unknown', toKnow: 'run `warden inventory roles`' });
    const five = ['a', 'b', 'c', 'd', 'e'].map((x) => `${x}@contoso.com`);
    roleSnapshot(store, { 'Organization Management': { roles: ['Role Management'], members: five } }, ORG_CMDLETS);
    addRecords(store, [
      ualCmdlet({ at: NOW - DAY, user: 'a@contoso.com', ip: '203.0.113.5', operation: 'Add-RoleGroupMember', parameters: { Identity: 'Organization Management', Member: 'e@contoso.com' } }),
      ualCmdlet({ at: NOW - DAY, user: 'a@contoso.com', ip: '203.0.113.5', operation: 'Add-RoleGroupMember', parameters: { Identity: 'Help Desk', Member: 'f@contoso.com' } }),
    ]);
    const c = check(store, 'org-management-size');
    expect(c.status).toBe('fail');
    expect(c.why).toMatch(/^Organization Management has 5 members \(more than 4\)/);
    expect(c.evidence.map((e) => e.detail)).toEqual(['on Organization Management: Member=e@contoso.com']);
    roleSnapshot(store, { 'Organization Management': { roles: ['Role Management'], members: five.slice(0, 2) } }, ORG_CMDLETS);
    expect(check(store, 'org-management-size').status).toBe('pass');
  });

  it('automation-narrow-group: an automation account in a broad group fails; in a narrow custom group passes', () => {
    store = freshStore();
    setContext(store, { automationAccounts: ['robot@contoso.com'] });
    roleSnapshot(store, { 'Organization Management': { roles: ['Role Management'], members: ['a@contoso.com', 'robot@contoso.com'] } }, ORG_CMDLETS);
    const c = check(store, 'automation-narrow-group');
    expect(c.status).toBe('fail');
    expect(c.why).toMatch(/Organization Management among them: robot@contoso\.com in Organization Management \(listed as an automation account in the context\)/);
    roleSnapshot(store, { 'Organization Management': { roles: ['Role Management'], members: ['a@contoso.com'] }, 'Automation - reports': { roles: ['View-Only Configuration'], members: ['robot@contoso.com'] } }, ORG_CMDLETS);
    expect(check(store, 'automation-narrow-group')).toMatchObject({ status: 'pass', why: expect.stringMatching(/only in narrow groups: robot@contoso\.com in Automation - reports/) });
  });
});

describe('administrators', () => {
  it('admin-mfa-registered: unknown without the registration report; fails naming the admin without MFA', () => {
    store = freshStore();
    expect(check(store, 'admin-mfa-registered')).toMatchObject({ status: 'unknown', toKnow: 'run `warden posture collect`' });
    snapshot(store, 'posture', [registration('ga@contoso.com', true, true), registration('user@contoso.com', false, false)]);
    expect(check(store, 'admin-mfa-registered')).toMatchObject({ status: 'pass', why: 'All 1 administrators have MFA registered: ga@contoso.com.' });
    // A member of Organization Management is an administrator too, even without an Entra role.
    roleSnapshot(store, { 'Organization Management': { roles: ['Role Management'], members: ['exo@contoso.com'] } }, ORG_CMDLETS);
    snapshot(store, 'posture', [registration('ga@contoso.com', true, true), registration('exo@contoso.com', false, false)]);
    const c = check(store, 'admin-mfa-registered');
    expect(c.status).toBe('fail');
    expect(c.why).toBe('1 of 2 administrators have no MFA method registered: exo@contoso.com (member of Organization Management).');
  });

  it('admin-separate-account: fails when an admin account has a user mailbox', () => {
    store = freshStore();
    setContext(store, { admins: ['ga@contoso.com'] });
    expect(check(store, 'admin-separate-account').status).toBe('unknown');
    snapshot(store, 'mailboxes', [mailbox('user@contoso.com')]);
    expect(check(store, 'admin-separate-account').status).toBe('pass');
    snapshot(store, 'mailboxes', [mailbox('user@contoso.com'), mailbox('ga@contoso.com')]);
    expect(check(store, 'admin-separate-account')).toMatchObject({ status: 'fail', why: expect.stringMatching(/^1 of 1 administrator accounts have a user mailbox.*ga@contoso\.com/) });
  });
});

describe('sign-in checks', () => {
  it('legacy-auth-unused: unknown with no sign-ins; fails on a legacy sign-in in the last 30 days with its record', () => {
    store = freshStore();
    expect(check(store, 'legacy-auth-unused')).toMatchObject({ status: 'unknown', toKnow: expect.stringMatching(/warden collect signins/) });
    addRecords(store, [graphSignIn({ at: NOW - DAY, user: 'a@contoso.com', ip: '203.0.113.5' }), graphSignIn({ at: NOW - 40 * DAY, user: 'old@contoso.com', ip: '203.0.113.5', clientApp: 'IMAP4' })]);
    expect(check(store, 'legacy-auth-unused').status).toBe('pass');
    const [id] = addRecords(store, [graphSignIn({ at: NOW - 2 * DAY, user: 'b@contoso.com', ip: '198.51.100.9', clientApp: 'Authenticated SMTP' })]);
    const c = check(store, 'legacy-auth-unused');
    expect(c.status).toBe('fail');
    expect(c.why).toMatch(/^1 successful sign-in\(s\) over legacy protocols in the last 30 days, by 1 account\(s\): b@contoso\.com \(Authenticated SMTP\)/);
    expect(c.evidence).toMatchObject([{ recordId: id, actor: 'b@contoso.com', detail: expect.stringMatching(/from 198\.51\.100\.9 over Authenticated SMTP/) }]);
  });

  it('admin-trusted-networks: unknown without trusted networks; fails on an admin sign-in from outside them', () => {
    store = freshStore();
    setContext(store, { admins: ['ga@contoso.com'] });
    addRecords(store, [graphSignIn({ at: NOW - DAY, user: 'ga@contoso.com', ip: '203.0.113.5' }), graphSignIn({ at: NOW - DAY, user: 'user@contoso.com', ip: '192.0.2.1' })]);
    expect(check(store, 'admin-trusted-networks')).toMatchObject({ status: 'unknown', toKnow: expect.stringMatching(/warden context set trustedNetworks/) });
    setContext(store, { trustedNetworks: ['203.0.113.0/24'] });
    expect(check(store, 'admin-trusted-networks').status).toBe('pass');
    addRecords(store, [graphSignIn({ at: NOW - 3 * DAY, user: 'ga@contoso.com', ip: '192.0.2.77' })]);
    const c = check(store, 'admin-trusted-networks');
    expect(c.status).toBe('fail');
    expect(c.why).toMatch(/ga@contoso\.com from 192\.0\.2\.77/);
  });
});

describe('the score', () => {
  it('weights passes and failures by severity and leaves unknowns out', () => {
    expect(postureScore([{ status: 'pass', severity: 'critical' }, { status: 'fail', severity: 'low' }, { status: 'unknown', severity: 'critical' }])).toBe(80);
    expect(postureScore([{ status: 'unknown', severity: 'high' }])).toBeNull();
    store = freshStore();
    const report = evaluatePosture(store, { now: NOW });
    expect(report).toMatchObject({ score: null, passed: 0, failed: 0, unknown: report.checks.length });
    expect(report.checks.every((c) => c.toKnow !== null)).toBe(true);
  });
});
