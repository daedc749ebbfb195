// The journal as stored: a change left running by a Warden that stopped is marked unknown (never silently
// dropped), and the export (CSV and JSON, written where the user chose, all at once) carries who, when, why,
// before, after, result and the audit proof, with spreadsheet formulas defused.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exportJournal } from '../../../main/core/journal/journalExport.ts';
import { JournalRepository } from '../../../main/core/journal/journalRepository.ts';
import { silentLogger } from '../../../main/core/log.ts';
import { openStore } from '../../../main/core/store/openStore.ts';
import { WardenError } from '../../../shared/errors.ts';
import type { JournalEntry } from '../../../shared/model/adminChanges.ts';

function newJournal(now = Date.now()) {
  const dir = mkdtempSync(path.join(tmpdir(), 'warden-journal-'));
  const store = openStore({ file: path.join(dir, 'store.sqlite'), key: Buffer.alloc(32, 8), log: silentLogger });
  return { dir, store, journal: new JournalRepository(store.db, now) };
}

function record(journal: JournalRepository, at: number, reason: string): number {
  return journal.begin({
    at,
    actor: 'admin@contoso.com',
    authMode: 'user',
    kind: 'roleGroup.addMember',
    title: 'Add eve@contoso.com to Help Desk',
    target: 'Help Desk',
    reason,
    change: { kind: 'roleGroup.addMember', group: 'Help Desk', member: 'eve@contoso.com' },
    before: { member: 'eve@contoso.com', isMember: false, members: 1 },
    fields: [{ field: 'eve@contoso.com is a member', before: 'No', after: 'Yes' }],
    calls: [{ cmdlet: 'Add-RoleGroupMember', parameters: { Identity: 'Help Desk', Member: 'eve@contoso.com' } }],
    reversible: true,
    undoOf: null,
  });
}

describe('the journal', () => {
  it('marks a change left running by a stopped Warden as unknown, and leaves a recent one alone', () => {
    const { store, journal } = newJournal();
    const now = Date.now();
    const old = record(journal, now - 30 * 60_000, 'old');
    const recent = record(journal, now - 60_000, 'recent');
    const reopened = new JournalRepository(store.db, now);
    expect(reopened.get(old)!.entry).toMatchObject({ result: 'unknown', error: expect.stringMatching(/Warden stopped while this change was running/) });
    expect(reopened.get(recent)!.entry.result).toBe('running');
  });

  it('exports CSV and JSON where the user chose, oldest first, formulas defused', async () => {
    const { dir, journal } = newJournal();
    const first = record(journal, Date.parse('2024-05-01T10:00:00Z'), '=HYPERLINK("http://evil.example","click")');
    journal.finish(first, { result: 'succeeded', after: { member: 'eve@contoso.com', isMember: true, members: 2 }, fields: [{ field: 'eve@contoso.com is a member', before: 'No', after: 'Yes' }], error: null, now: Date.now() });
    journal.setProof(first, { status: 'verified', recordId: 'aaaaaaaa-0000-4000-8000-000000000001', recordTime: '2024-05-01T10:03:00', checkedAt: Date.now(), note: 'Logged.' });
    const second = record(journal, Date.parse('2024-05-01T11:00:00Z'), 'second, with "quotes"\nand a new line');
    journal.finish(second, { result: 'failed', after: null, fields: [], error: 'Exchange refused Add-RoleGroupMember', now: Date.now() });

    const csvFile = path.join(dir, 'out', 'journal.csv');
    const suggested: string[] = [];
    const chooseCsv = async (name: string) => {
      suggested.push(name);
      return csvFile;
    };
    expect(await exportJournal(journal, 'csv', chooseCsv)).toEqual({ file: csvFile, entries: 2 });
    expect(suggested).toEqual([expect.stringMatching(/^warden-journal-\d{8}-\d{4}\.csv$/)]);
    const rows = parse(readFileSync(csvFile, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r['id'], r['result'], r['auditStatus'], r['reason']])).toEqual([
      [String(first), 'succeeded', 'verified', `'=HYPERLINK("http://evil.example","click")`],
      [String(second), 'failed', 'not-applicable', 'second, with "quotes"\nand a new line'],
    ]);
    expect(rows[0]).toMatchObject({ actor: 'admin@contoso.com', before: 'eve@contoso.com is a member: No', after: 'eve@contoso.com is a member: Yes', cmdlets: 'Add-RoleGroupMember' });

    const jsonFile = path.join(dir, 'journal.json');
    await exportJournal(journal, 'json', async () => jsonFile);
    const entries = JSON.parse(readFileSync(jsonFile, 'utf8')) as JournalEntry[];
    expect(entries.map((e) => [e.id, e.audit.recordId])).toEqual([
      [first, 'aaaaaaaa-0000-4000-8000-000000000001'],
      [second, null],
    ]);
    // Written whole, then renamed: no temporary file is left beside it.
    expect(readdirSync(dir).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('writes nothing when the user cancels, and refuses a path that is not absolute', async () => {
    const { journal } = newJournal();
    expect(await exportJournal(journal, 'csv', async () => null)).toEqual({ file: null, entries: 0 });
    const error = await exportJournal(journal, 'json', async () => 'relative/journal.json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WardenError);
    expect((error as WardenError).code).toBe('internal');
  });
});
