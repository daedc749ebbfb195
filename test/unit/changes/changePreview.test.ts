// Change previews and their application against the emulator's Exchange: a preview reads the target live
// and changes nothing; applying refuses a stale preview and a no-op; bad input (an unknown mailbox, user or
// group) is a clear not-found before anything is journaled; an Exchange error while applying is journaled
// as failed with nothing changed; Undo puts the exact previous state back, and refuses when the target
// moved since.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/index.ts';
import { applyChange, previewChange, undoChange } from '../../../main/core/changes/applyChange.ts';
import type { ChangeSession } from '../../../main/core/changes/changeSession.ts';
import { JournalRepository } from '../../../main/core/journal/journalRepository.ts';
import { silentLogger } from '../../../main/core/log.ts';
import { openStore, type EvidenceStore } from '../../../main/core/store/openStore.ts';
import { WardenError } from '../../../shared/errors.ts';
import { ChangeRequest, type ChangeRequestInput } from '../../../shared/model/adminChanges.ts';
import { emulatorAdmin } from '../../support/emulatorAdmin.ts';
import { appSession } from './appSession.ts';

let emulator: RunningEmulator;
let admin: ReturnType<typeof emulatorAdmin>;
let session: ChangeSession & { close(): Promise<void> };
let store: EvidenceStore;
let journal: JournalRepository;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    seed: 'change-previews',
    users: 30,
    days: 1,
    scenarios: 'none',
    dataDir: mkdtempSync(path.join(tmpdir(), 'warden-emu-')),
    logLevel: 'warn',
  } as Parameters<typeof startEmulator>[0]);
  admin = emulatorAdmin(emulator.info);
  session = await appSession(emulator);
}, 60_000);

afterAll(async () => {
  await session?.close();
  await admin?.close();
  await emulator?.stop();
});

beforeEach(() => {
  store?.close();
  store = openStore({ file: path.join(mkdtempSync(path.join(tmpdir(), 'warden-journal-')), 'store.sqlite'), key: Buffer.alloc(32, 7), log: silentLogger });
  journal = new JournalRepository(store.db);
});

/** The i-th ordinary member with a mailbox (each test uses its own, so tests do not see each other's changes). */
const upn = (i: number) => emulator.tenant.users.filter((u) => u.kind === 'member' && u.mailboxGuid)[i]!.userPrincipalName;
const request = (change: ChangeRequestInput) => ChangeRequest.parse(change);
const exo = (name: string, parameters: Record<string, unknown>) => session.exchange.run({ name, parameters });
const members = async (group: string) => (await exo('Get-RoleGroupMember', { Identity: group })).map((m) => String(m['WindowsLiveID']).toLowerCase());
const mailbox = async (identity: string) => (await exo('Get-Mailbox', { Identity: identity }))[0]!;

async function refusal(work: Promise<unknown>): Promise<WardenError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WardenError);
  return error as WardenError;
}

describe('change previews', () => {
  it('read the target live, say before -> after, and change nothing', async () => {
    const member = upn(2).toLowerCase();
    const before = await members('Help Desk');
    const change = request({ kind: 'roleGroup.addMember', group: 'help desk', member: member.toUpperCase() });
    const { preview } = await previewChange(session, change);
    expect(preview).toMatchObject({
      title: `Add ${member} to Help Desk`,
      target: 'Help Desk',
      change: { kind: 'roleGroup.addMember', group: 'Help Desk', member },
      noOp: false,
      reversible: true,
      irreversibleWhy: null,
      actor: `app ${emulator.info.app.clientId}`,
    });
    expect(preview.fields).toEqual([
      { field: `${member} is a member`, before: 'No', after: 'Yes' },
      { field: 'Members in the group', before: String(before.length), after: String(before.length + 1) },
    ]);
    expect(preview.token).toMatch(/^[0-9a-f]{32}$/);
    expect((await previewChange(session, change)).preview.token).toBe(preview.token);
    expect(await members('Help Desk')).toEqual(before);
    expect(journal.count()).toBe(0);
  });

  it('flag forwarding outside the organization, and a recipient forward that the change replaces', async () => {
    await exo('Set-Mailbox', { Identity: upn(5), ForwardingAddress: upn(6) });
    const { preview } = await previewChange(session, request({ kind: 'mailbox.setForwarding', mailbox: upn(5), address: 'Drop@Example.NET', keepCopy: false }));
    expect(preview.warnings).toEqual([
      'example.net is not one of this mailbox\'s domains: mail will leave the organization.',
      expect.stringMatching(/^Mail is forwarded to the recipient .* now; that takes precedence, so this change clears it\.$/),
    ]);
    expect(preview.fields.map((f) => [f.field, f.after])).toEqual([
      ['Forward to (ForwardingSmtpAddress)', 'drop@example.net'],
      ['Forward to recipient (ForwardingAddress)', '(none)'],
      ['Keep a copy in the mailbox', 'No'],
    ]);
  });

  it('say when there is nothing to change, and applying such a change is refused', async () => {
    const member = (await members('Organization Management'))[0]!;
    const change = request({ kind: 'roleGroup.addMember', group: 'Organization Management', member });
    expect((await previewChange(session, change)).preview.noOp).toBe(true);
    const error = await refusal(applyChange(session, journal, change, 'already there', 'x'));
    expect(error.code).toBe('not-allowed');
    const { preview } = await previewChange(session, change);
    const noop = await refusal(applyChange(session, journal, change, 'already there', preview.token));
    expect([noop.code, noop.message]).toEqual(['invalid-input', expect.stringMatching(/^Nothing to change: add .* is already the case\.$/)]);
    expect(journal.count()).toBe(0);
  });

  it('name an unknown mailbox, user or role group clearly, before anything is journaled', async () => {
    const noMailbox = await refusal(previewChange(session, request({ kind: 'mailbox.setForwarding', mailbox: 'ghost@nowhere.example', address: 'a@b.example' })));
    expect([noMailbox.code, noMailbox.message]).toEqual(['not-found', 'There is no mailbox "ghost@nowhere.example" in Exchange.']);
    const noUser = await refusal(previewChange(session, request({ kind: 'mailbox.addFullAccess', mailbox: upn(5), user: 'nobody@nowhere.example' })));
    expect([noUser.code, noUser.message]).toEqual(['not-found', 'There is no user "nobody@nowhere.example" in the directory.']);
    const noGroup = await refusal(previewChange(session, request({ kind: 'roleGroup.removeMember', group: 'Wizards', member: upn(2) })));
    expect([noGroup.code, noGroup.message]).toEqual(['not-found', 'There is no role group "Wizards" in Exchange.']);
    expect(journal.count()).toBe(0);
  });

  it('say why a change has no Undo', async () => {
    await exo('Set-Mailbox', { Identity: upn(7), AuditEnabled: false });
    const { preview } = await previewChange(session, request({ kind: 'mailbox.enableAudit', mailbox: upn(7) }));
    expect(preview).toMatchObject({ reversible: false, irreversibleWhy: expect.stringMatching(/does not turn auditing off/) });
    const applied = await applyChange(session, journal, preview.change, 'audit every mailbox', preview.token);
    expect(applied.entry).toMatchObject({ result: 'succeeded', reversible: false });
    const undo = await refusal(undoChange(session, journal, applied.entry.id, 'oops'));
    expect([undo.code, undo.message]).toEqual(['invalid-input', expect.stringMatching(/has no Undo\. Warden does not turn auditing off/)]);
  });
});

describe('applying changes', () => {
  it('refuses a preview that Exchange has moved past, and journals nothing', async () => {
    const change = request({ kind: 'mailbox.addFullAccess', mailbox: upn(8), user: upn(9) });
    const { preview } = await previewChange(session, change);
    await exo('Add-MailboxPermission', { Identity: upn(8), User: upn(9), AccessRights: ['FullAccess'] });
    const stale = await refusal(applyChange(session, journal, preview.change, 'help with the backlog', preview.token));
    expect([stale.code, stale.message]).toEqual(['not-allowed', `${upn(8)} changed in Exchange since the preview. Look at the new preview and confirm again.`]);
    expect(journal.count()).toBe(0);
  });

  it('journals an Exchange error as failed, with nothing changed', async () => {
    await exo('Set-Mailbox', { Identity: upn(10), AuditEnabled: false });
    const { preview } = await previewChange(session, request({ kind: 'mailbox.enableAudit', mailbox: upn(10) }));
    await admin.setFaults({ rules: [{ kind: '503', match: { service: 'exo', cmdlet: 'Set-Mailbox' } }] });
    let outcome;
    try {
      outcome = await applyChange(session, journal, preview.change, 'turn auditing back on', preview.token);
    } finally {
      await admin.clearFaults();
    }
    expect(outcome.entry).toMatchObject({ result: 'failed', reason: 'turn auditing back on', audit: { status: 'not-applicable' }, calls: [{ cmdlet: 'Set-Mailbox' }] });
    expect(outcome.entry.error).toMatch(/^Set-Mailbox failed: The server is temporarily unavailable\. Try again later\. \(Microsoft\.Exchange\.Data\.Storage\.StorageTransientException\) \(correlation id [0-9a-f-]{36}\)$/);
    expect(outcome.error?.code).toBe('unavailable');
    expect((await mailbox(upn(10)))['AuditEnabled']).toBe(false);
    expect(journal.list().map((e) => e.result)).toEqual(['failed']);
  });

  it('undoes a forwarding change exactly, recipient forward included, and journals the Undo', async () => {
    await exo('Set-Mailbox', { Identity: upn(11), ForwardingAddress: upn(12), DeliverToMailboxAndForward: true });
    const original = await mailbox(upn(11));
    const { preview } = await previewChange(session, request({ kind: 'mailbox.setForwarding', mailbox: upn(11), address: 'archive@partner.example', keepCopy: false }));
    const applied = await applyChange(session, journal, preview.change, 'partner archiving pilot', preview.token);
    expect(applied.entry.result).toBe('succeeded');
    expect(applied.entry.calls).toEqual([
      { cmdlet: 'Set-Mailbox', parameters: { Identity: upn(11), ForwardingSmtpAddress: 'archive@partner.example', ForwardingAddress: null, DeliverToMailboxAndForward: false } },
    ]);
    const changed = await mailbox(upn(11));
    expect([changed['ForwardingSmtpAddress'], changed['ForwardingAddress'], changed['DeliverToMailboxAndForward']]).toEqual(['smtp:archive@partner.example', null, false]);

    const undone = await undoChange(session, journal, applied.entry.id, 'pilot ended');
    expect(undone.entry).toMatchObject({ kind: 'mailbox.restoreForwarding', result: 'succeeded', undoOf: applied.entry.id, reason: `Undo of change ${applied.entry.id}: pilot ended` });
    const restored = await mailbox(upn(11));
    expect([restored['ForwardingSmtpAddress'], restored['ForwardingAddress'], restored['DeliverToMailboxAndForward']]).toEqual([
      original['ForwardingSmtpAddress'],
      original['ForwardingAddress'],
      original['DeliverToMailboxAndForward'],
    ]);
    expect(journal.get(applied.entry.id)!.entry.undoneBy).toBe(undone.entry.id);
  });

  it('refuses to undo when the target moved since the change', async () => {
    const member = upn(13).toLowerCase();
    const { preview } = await previewChange(session, request({ kind: 'roleGroup.addMember', group: 'Help Desk', member }));
    const applied = await applyChange(session, journal, preview.change, 'on-call rota', preview.token);
    await exo('Remove-RoleGroupMember', { Identity: 'Help Desk', Member: member });
    const refused = await refusal(undoChange(session, journal, applied.entry.id, 'rota over'));
    expect([refused.code, refused.message]).toEqual(['not-allowed', expect.stringMatching(/^Help Desk changed again since change \d+; undoing it now would overwrite that later change/)]);
    expect(journal.get(applied.entry.id)!.entry.undoneBy).toBeNull();
    expect(journal.count()).toBe(1);
  });
});
