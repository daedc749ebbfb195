// The journal proves each change with the unified audit record Exchange wrote for it (Search-UnifiedAuditLog
// on the emulator, whose records become searchable after an ingestion delay): waiting until the record is
// in, "missing" once N hours have passed without it, verified when it arrives; one record proves one change.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/index.ts';
import { applyChange, previewChange } from '../../../main/core/changes/applyChange.ts';
import { auditValue, checkAuditProof, recordMatches, type AdminAuditRecord } from '../../../main/core/journal/auditProof.ts';
import { JournalRepository } from '../../../main/core/journal/journalRepository.ts';
import { silentLogger } from '../../../main/core/log.ts';
import { openStore } from '../../../main/core/store/openStore.ts';
import { ChangeRequest, type ChangeRequestInput } from '../../../shared/model/adminChanges.ts';
import { appSession } from '../changes/appSession.ts';
import { emulatorAdmin } from '../../support/emulatorAdmin.ts';

let emulator: RunningEmulator;
let admin: ReturnType<typeof emulatorAdmin>;
let session: Awaited<ReturnType<typeof appSession>>;
let journal: JournalRepository;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    seed: 'audit-proof',
    users: 30,
    days: 1,
    scenarios: 'none',
    ingestionDelaySeconds: 600,
    dataDir: mkdtempSync(path.join(tmpdir(), 'warden-emu-')),
    logLevel: 'warn',
  } as Parameters<typeof startEmulator>[0]);
  admin = emulatorAdmin(emulator.info);
  session = await appSession(emulator, { maxAttempts: 2 });
}, 60_000);

afterAll(async () => {
  await session?.close();
  await admin?.close();
  await emulator?.stop();
});

beforeEach(() => {
  const store = openStore({ file: path.join(mkdtempSync(path.join(tmpdir(), 'warden-proof-')), 'store.sqlite'), key: Buffer.alloc(32, 9), log: silentLogger });
  journal = new JournalRepository(store.db);
});

const member = (i: number) => emulator.tenant.users.filter((u) => u.kind === 'member' && u.mailboxGuid)[i]!.userPrincipalName.toLowerCase();

async function change(input: ChangeRequestInput, reason = 'proof test') {
  const { preview } = await previewChange(session, ChangeRequest.parse(input));
  const outcome = await applyChange(session, journal, preview.change, reason, preview.token);
  expect(outcome.entry.result).toBe('succeeded');
  return outcome.entry;
}

/** Makes every record written so far searchable (the emulator's ingestion delay is 10 minutes here). */
const ingest = () => admin.call('POST', '/clock', { advanceSeconds: 660 });

describe('audit proof of journaled changes', () => {
  it('waits for the record, says missing after N hours, and verifies when the record arrives', async () => {
    const entry = await change({ kind: 'roleGroup.addMember', group: 'Help Desk', member: member(1) });
    expect(entry.audit).toMatchObject({ status: 'pending', recordId: null });

    expect(await checkAuditProof(session.exchange, journal)).toEqual({ checked: 1, verified: 0, missing: 0, error: null });
    expect(journal.get(entry.id)!.entry.audit).toMatchObject({ status: 'pending', note: expect.stringMatching(/^Waiting for Exchange to log it/) });

    const later = Date.now() + 25 * 3_600_000;
    expect(await checkAuditProof(session.exchange, journal, { now: () => later, missingAfterHours: 24 })).toMatchObject({ checked: 1, verified: 0, missing: 1 });
    expect(journal.get(entry.id)!.entry.audit).toMatchObject({ status: 'missing', note: expect.stringMatching(/^No audit record 2[45] hours after the change/) });

    await ingest();
    expect(await checkAuditProof(session.exchange, journal)).toMatchObject({ checked: 1, verified: 1, missing: 0 });
    const proven = journal.get(entry.id)!.entry.audit;
    expect(proven).toMatchObject({ status: 'verified', recordId: expect.stringMatching(/^[0-9a-f-]{36}$/), note: expect.stringMatching(/\(Add-RoleGroupMember by /) });
    expect(Date.parse(`${proven.recordTime}Z`)).toBeGreaterThanOrEqual(Date.parse(entry.at) - 5 * 60_000);
    // Verified entries are not searched for again.
    expect(journal.awaitingProof()).toEqual([]);
  });

  it('proves each of several identical changes with a record of its own', async () => {
    const who = member(2);
    const first = await change({ kind: 'roleGroup.addMember', group: 'Help Desk', member: who });
    const removal = await change({ kind: 'roleGroup.removeMember', group: 'Help Desk', member: who });
    const again = await change({ kind: 'roleGroup.addMember', group: 'Help Desk', member: who });
    await ingest();
    expect(await checkAuditProof(session.exchange, journal)).toMatchObject({ checked: 3, verified: 3 });
    const proofs = [first, removal, again].map((e) => journal.get(e.id)!.entry.audit);
    expect(new Set(proofs.map((p) => p.recordId)).size).toBe(3);
    expect(proofs.every((p) => p.status === 'verified')).toBe(true);
    expect(proofs[0]!.recordTime! <= proofs[2]!.recordTime!).toBe(true);
  });

  it('leaves entries as they were, and says why, when the audit log cannot be searched', async () => {
    const entry = await change({ kind: 'roleGroup.addMember', group: 'Help Desk', member: member(3) });
    await admin.setFaults({ rules: [{ kind: '503', match: { service: 'exo', cmdlet: 'Search-UnifiedAuditLog' } }] });
    try {
      const report = await checkAuditProof(session.exchange, journal);
      expect(report).toMatchObject({ checked: 0, verified: 0, error: expect.stringMatching(/^Could not search the unified audit log: .*still failing after 2 attempts \(last: 503\)/) });
    } finally {
      await admin.clearFaults();
    }
    expect(journal.get(entry.id)!.entry.audit).toMatchObject({ status: 'pending', checkedAt: null });
  });
});

describe('matching a record to a change', () => {
  const record = (parameters: Record<string, string>, minutesAfter = 1): AdminAuditRecord => ({
    id: 'r1',
    creationTime: '2024-05-01T10:01:00',
    timeMs: Date.parse('2024-05-01T10:00:00Z') + minutesAfter * 60_000,
    operation: 'Set-Mailbox',
    userId: 'admin@contoso.com',
    parameters: new Map(Object.entries(parameters).map(([k, v]) => [k.toLowerCase(), v])),
  });
  const at = Date.parse('2024-05-01T10:00:00Z');
  const call = { cmdlet: 'set-mailbox', parameters: { Identity: 'ann@contoso.com', ForwardingSmtpAddress: null, DeliverToMailboxAndForward: false, AuditOwner: ['Create', 'SoftDelete'] } };

  it('compares every parameter sent, as the audit log writes values', () => {
    expect([auditValue(true), auditValue(false), auditValue(null), auditValue(['a', 'b']), auditValue(3)]).toEqual(['True', 'False', '', 'a;b', '3']);
    const logged = { Identity: 'ANN@contoso.com', ForwardingSmtpAddress: '', DeliverToMailboxAndForward: 'False', AuditOwner: 'Create;SoftDelete' };
    expect(recordMatches(record(logged), call, at)).toBe(true);
    expect(recordMatches(record({ ...logged, DeliverToMailboxAndForward: 'True' }), call, at)).toBe(false);
    const { AuditOwner: _missing, ...withoutOne } = logged;
    expect(recordMatches(record(withoutOne), call, at)).toBe(false);
    // A record from well before the change cannot be its proof (five minutes of clock difference are allowed).
    expect(recordMatches(record(logged, -4), call, at)).toBe(true);
    expect(recordMatches(record(logged, -10), call, at)).toBe(false);
    expect(recordMatches({ ...record(logged), operation: 'Set-CASMailbox' }, call, at)).toBe(false);
  });
});
