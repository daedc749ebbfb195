// The Mailboxes view's read model: built from a snapshot in small steps, paged and filtered in display
// order, with forwarding outside the organization, audit off, delegates and risky inbox rules flagged the
// way the detail pane explains them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyInboxRule, recipientAddresses } from '../../../main/core/inventory/inboxRuleRisk.ts';
import { InventoryRepository, type InventoryItem } from '../../../main/core/inventory/inventoryRepository.ts';
import { mailboxDetail } from '../../../main/core/inventory/mailboxDetail.ts';
import { MailboxRows } from '../../../main/core/inventory/mailboxRows.ts';
import { JobRepository } from '../../../main/core/jobs/jobRepository.ts';
import { silentLogger } from '../../../main/core/log.ts';
import { openStore, type EvidenceStore } from '../../../main/core/store/openStore.ts';

const ORG = 'contoso.com';
let store: EvidenceStore;
let snapshotId: number;

function mailbox(i: number, extra: Record<string, unknown> = {}): InventoryItem {
  const alias = `user${String(i).padStart(4, '0')}`;
  const guid = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return {
    type: 'mailbox',
    identity: `eeeeeeee-0000-4000-8000-${String(i).padStart(12, '0')}`,
    data: {
      DisplayName: `Person ${String(2500 - i).padStart(4, '0')}`,
      UserPrincipalName: `${alias}@${ORG}`,
      Alias: alias,
      PrimarySmtpAddress: `${alias}@${ORG}`,
      EmailAddresses: [`SMTP:${alias}@${ORG}`, `smtp:${alias}@contoso.mail.onmicrosoft.com`, 'SIP:x'],
      RecipientTypeDetails: i % 10 === 0 ? 'SharedMailbox' : 'UserMailbox',
      ForwardingSmtpAddress: null,
      ForwardingAddress: null,
      AuditEnabled: true,
      LitigationHoldEnabled: false,
      GrantSendOnBehalfTo: [],
      Guid: guid,
      ...extra,
    },
  };
}

const rule = (parent: string, name: string, data: Record<string, unknown>): InventoryItem => ({
  type: 'inboxRule',
  identity: `${parent}|${name}`,
  parent,
  data: { Name: name, Enabled: true, Description: '', ...data },
});
const permission = (parent: string, user: string, rights: string[], extra: Record<string, unknown> = {}): InventoryItem => ({
  type: 'mailboxPermission',
  identity: `${parent}|${user}`,
  parent,
  data: { User: user, AccessRights: rights, IsInherited: false, Deny: false, ...extra },
});

beforeAll(() => {
  store = openStore({ file: path.join(mkdtempSync(path.join(tmpdir(), 'warden-rows-')), 'store.sqlite'), key: Buffer.alloc(32, 5), log: silentLogger });
  const jobs = new JobRepository(store.db);
  const repo = new InventoryRepository(store.db);
  const job = jobs.insert({ kind: 'inventory.mailboxes', params: JSON.stringify({ details: true }), paramsKey: 'k', title: 't', authMode: 'app', now: Date.now() });
  snapshotId = repo.createSnapshot(job, 'mailboxes', Date.now());
  // 2,500 mailboxes: more than one build step.
  const items: InventoryItem[] = [];
  for (let i = 0; i < 2500; i++) {
    const special: Record<number, Record<string, unknown>> = {
      1: { ForwardingSmtpAddress: 'smtp:exfil@gmail.example' },
      2: { ForwardingAddress: 'user0003' },
      3: { ForwardingSmtpAddress: `smtp:boss@contoso.mail.onmicrosoft.com` },
      4: { AuditEnabled: false },
      5: { GrantSendOnBehalfTo: ['user0006'] },
    };
    items.push(mailbox(i, special[i] ?? {}));
    items.push({ type: 'casMailbox', identity: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, data: { PopEnabled: i === 7, ImapEnabled: false } });
  }
  const id = (i: number) => items[i * 2]!.identity;
  items.push(permission(id(6), 'NT AUTHORITY\\SELF', ['FullAccess', 'ReadPermission']));
  items.push(permission(id(6), `user0009@${ORG}`, ['FullAccess']));
  items.push(permission(id(6), `user0010@${ORG}`, ['FullAccess'], { IsInherited: true }));
  items.push(permission(id(6), `user0011@${ORG}`, ['FullAccess'], { Deny: true }));
  items.push(rule(id(8), 'Forward out', { RedirectTo: ['"Partner" [SMTP:drop@evil.example]'] }));
  items.push(rule(id(8), 'Clean up', { DeleteMessage: true }));
  items.push(rule(id(9), 'Hide', { MoveToFolder: 'RSS Feeds', MarkAsRead: true }));
  items.push(rule(id(12), 'To my alias', { ForwardTo: [`"Me" [SMTP:user0012@contoso.mail.onmicrosoft.com]`] }));
  store.db.transaction(() => repo.putItems(snapshotId, items))();
  repo.complete(snapshotId, Date.now());
});

describe('mailbox rows', () => {
  it('lists every mailbox in display order, page by page, with the summary the header shows', async () => {
    const rows = new MailboxRows(store.db);
    const [a, b] = await Promise.all([rows.current(), rows.current()]); // two views asking at once share one build
    expect(a!.snapshot.id).toBe(snapshotId);
    expect(b!.details).toBe(true);
    expect([...a!.orgDomains].sort()).toEqual(['contoso.com', 'contoso.mail.onmicrosoft.com']);
    const first = rows.page(snapshotId, {}, 0, 3);
    expect(first.total).toBe(2500);
    expect(first.rows.map((r) => r.displayName)).toEqual(['Person 0001', 'Person 0002', 'Person 0003']);
    expect(rows.page(snapshotId, {}, 2499, 10).rows.map((r) => r.displayName)).toEqual(['Person 2500']);
    expect(rows.summary(a!.snapshot, true)).toMatchObject({
      total: 2500,
      types: [
        { type: 'UserMailbox', count: 2250 },
        { type: 'SharedMailbox', count: 250 },
      ],
      forwarding: 3,
      auditOff: 1,
      delegated: 2,
      suspicious: 2,
    });
  });

  it('filters by search text, type and flags, each combination counted exactly', async () => {
    const rows = new MailboxRows(store.db);
    await rows.current();
    const count = (filter: Parameters<MailboxRows['page']>[1]) => rows.page(snapshotId, filter, 0, 500).total;
    expect(count({ search: 'USER00' })).toBe(100);
    expect(count({ search: 'user0001@contoso.mail' })).toBe(1); // secondary addresses are searched too
    expect(count({ search: '100%' })).toBe(0); // LIKE wildcards in the text are literal
    expect(count({ type: 'SharedMailbox' })).toBe(250);
    expect(count({ forwarding: true })).toBe(3);
    expect(count({ auditOff: true })).toBe(1);
    expect(count({ hasDelegates: true })).toBe(2);
    expect(count({ suspiciousRules: true })).toBe(2);
    expect(count({ forwarding: true, type: 'SharedMailbox' })).toBe(0);
    const forwarded = rows.page(snapshotId, { forwarding: true }, 0, 10).rows.map((r) => [r.upn, r.forwarding, r.forwardingExternal]);
    expect(forwarded.sort()).toEqual([
      [`user0001@${ORG}`, 'exfil@gmail.example', true],
      [`user0002@${ORG}`, 'user0003', false],
      [`user0003@${ORG}`, 'boss@contoso.mail.onmicrosoft.com', false],
    ]);
    const delegated = rows.page(snapshotId, { hasDelegates: true }, 0, 10).rows.map((r) => [r.upn, r.delegates]);
    expect(delegated.sort()).toEqual([
      [`user0005@${ORG}`, 1],
      [`user0006@${ORG}`, 1],
    ]);
    expect(rows.page(snapshotId, { search: 'user0007@' }, 0, 1).rows[0]!.legacyProtocols).toBe(true);
  });

  it('explains each mailbox in detail: permissions, and which inbox rules are risky and why', async () => {
    const rows = new MailboxRows(store.db);
    const current = (await rows.current())!;
    const risky = rows.page(snapshotId, { search: 'user0008@' }, 0, 1).rows[0]!;
    const detail = await mailboxDetail(store.db, current.snapshot, risky.identity);
    expect(detail.inboxRules?.map((r) => [r.name, r.risks])).toEqual([
      ['Clean up', ['deletes mail']],
      ['Forward out', ['forwards mail outside the organization (drop@evil.example)']],
    ]);
    expect(detail.protocols?.find((p) => p.name === 'PopEnabled')).toEqual({ name: 'PopEnabled', enabled: false });
    const six = rows.page(snapshotId, { search: 'user0006@' }, 0, 1).rows[0]!;
    expect((await mailboxDetail(store.db, current.snapshot, six.identity)).permissions?.map((p) => [p.user, p.inherited, p.deny])).toEqual([
      ['NT AUTHORITY\\SELF', false, false],
      [`user0009@${ORG}`, false, false],
      [`user0010@${ORG}`, true, false],
      [`user0011@${ORG}`, false, true],
    ]);
    await expect(mailboxDetail(store.db, current.snapshot, 'nope')).rejects.toThrow(/There is no mailbox nope in the inventory of/);
  });
});

describe('inbox rule risks', () => {
  const org = new Set([ORG]);
  it('reads recipients the way Get-InboxRule prints them', () => {
    expect(recipientAddresses('"Partner" [SMTP:Drop@Evil.example]')).toEqual(['drop@evil.example']);
    expect(recipientAddresses('someone@else.example')).toEqual(['someone@else.example']);
    expect(recipientAddresses('"Internal" [EX:/o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=ann]')).toEqual([]);
  });
  it('flags forwarding outside the organization, deleting, and hiding mail; nothing else', () => {
    expect(classifyInboxRule({ Name: 'a', ForwardAsAttachmentTo: ['x@gmail.example'] }, org).risks).toEqual(['forwards mail outside the organization (x@gmail.example)']);
    expect(classifyInboxRule({ Name: 'b', ForwardTo: [`ann@${ORG}`], MoveToFolder: 'Projects' }, org).risks).toEqual([]);
    expect(classifyInboxRule({ Name: 'c', MoveToFolder: 'Inbox\\Conversation History' }, org).risks).toEqual(['moves mail to Conversation History, out of sight']);
    expect(classifyInboxRule({ Name: 'd', DeleteMessage: true, Enabled: false }, org)).toMatchObject({ enabled: false, deletes: true, risks: ['deletes mail'] });
  });
});
