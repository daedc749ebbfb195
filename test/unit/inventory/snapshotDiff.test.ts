// Snapshot diffs: what changed between the latest complete inventory of a scope and the one before it,
// matched by identity, with the properties that changed (Exchange's own change stamps aside); an
// interrupted inventory is never compared as if it were the tenant's state.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { InventoryRepository, type InventoryItem } from '../../../main/core/inventory/inventoryRepository.ts';
import { diffSnapshots } from '../../../main/core/inventory/snapshotDiff.ts';
import { silentLogger } from '../../../main/core/log.ts';
import { openStore, type EvidenceStore } from '../../../main/core/store/openStore.ts';
import { WardenError } from '../../../shared/errors.ts';

let store: EvidenceStore;
let repo: InventoryRepository;
let job = 0;

beforeEach(() => {
  store = openStore({ file: path.join(mkdtempSync(path.join(tmpdir(), 'warden-diff-')), 'store.sqlite'), key: Buffer.alloc(32, 3), log: silentLogger });
  repo = new InventoryRepository(store.db);
});

function snapshot(scope: 'roles' | 'mailboxes', items: InventoryItem[], complete = true): number {
  const id = repo.createSnapshot(++job, scope, Date.now());
  store.db.transaction(() => repo.putItems(id, items))();
  if (complete) repo.complete(id, Date.now());
  return id;
}

const group = (identity: string, name: string, members: string[], stamp: string): InventoryItem => ({
  type: 'roleGroup',
  identity,
  data: { Name: name, Members: members, Roles: ['Mail Recipients'], WhenChangedUTC: stamp },
});

describe('snapshot diffs', () => {
  it('lists what was added, removed and changed since the previous complete snapshot, ignoring change stamps', () => {
    snapshot('roles', [group('g1', 'Help Desk', ['ann'], '2024-01-01'), group('g2', 'Legacy Admins', ['bob'], '2024-01-01'), group('g3', 'Readers', [], '2024-01-01')]);
    const to = snapshot('roles', [
      group('g1', 'Help Desk', ['ann', 'eve'], '2024-02-01'),
      group('g3', 'Readers', [], '2024-02-01'), // only the stamp moved
      group('g4', 'Auditors', ['carl'], '2024-02-01'),
    ]);
    // An inventory that did not finish is not "the latest".
    snapshot('roles', [group('g1', 'Help Desk', [], '2024-03-01')], false);

    const diff = diffSnapshots(store.db, 'roles');
    expect(diff.to?.id).toBe(to);
    expect(diff.from?.id).toBe(to - 1);
    expect(diff.counts).toEqual([{ type: 'roleGroup', added: 1, removed: 1, changed: 1 }]);
    expect(diff.entries).toEqual([
      { change: 'added', type: 'roleGroup', identity: 'g4', label: 'Auditors', fields: [] },
      { change: 'removed', type: 'roleGroup', identity: 'g2', label: 'Legacy Admins', fields: [] },
      { change: 'changed', type: 'roleGroup', identity: 'g1', label: 'Help Desk', fields: [{ field: 'Members', before: '["ann"]', after: '["ann","eve"]' }] },
    ]);
    expect(diff.truncated).toBe(false);
  });

  it('shows absent and emptied properties, and cuts long values', () => {
    const long = 'x'.repeat(1000);
    snapshot('mailboxes', [{ type: 'mailbox', identity: 'm1', data: { DisplayName: 'Ann', ForwardingSmtpAddress: 'smtp:a@b.example', Notes: long } }]);
    snapshot('mailboxes', [{ type: 'mailbox', identity: 'm1', data: { DisplayName: 'Ann', ForwardingSmtpAddress: null, Extra: 1 } }]);
    const fields = diffSnapshots(store.db, 'mailboxes').entries[0]!.fields;
    expect(fields.map((f) => [f.field, f.before, f.after.length > 50 ? 'long' : f.after])).toEqual([
      ['Extra', '(absent)', '1'],
      ['ForwardingSmtpAddress', 'smtp:a@b.example', '(empty)'],
      ['Notes', expect.stringMatching(/^x{299}…$/), '(absent)'],
    ]);
  });

  it('counts everything but lists at most `limit` entries', () => {
    snapshot('mailboxes', []);
    snapshot(
      'mailboxes',
      Array.from({ length: 30 }, (_, i) => ({ type: 'mailbox', identity: `m${String(i).padStart(2, '0')}`, data: { DisplayName: `User ${i}` } })),
    );
    const diff = diffSnapshots(store.db, 'mailboxes', { limit: 10 });
    expect(diff.counts).toEqual([{ type: 'mailbox', added: 30, removed: 0, changed: 0 }]);
    expect(diff.entries).toHaveLength(10);
    expect(diff.truncated).toBe(true);
  });

  it('with a single snapshot, everything in it is new; with none, there is nothing to compare', () => {
    expect(diffSnapshots(store.db, 'roles')).toEqual({ scope: 'roles', from: null, to: null, counts: [], entries: [], truncated: false });
    snapshot('roles', [group('g1', 'Help Desk', [], '2024-01-01')]);
    const diff = diffSnapshots(store.db, 'roles');
    expect([diff.from, diff.counts]).toEqual([null, [{ type: 'roleGroup', added: 1, removed: 0, changed: 0 }]]);
  });

  it('refuses to compare snapshots of another scope or that never completed', () => {
    const mailboxes = snapshot('mailboxes', []);
    const unfinished = snapshot('roles', [], false);
    for (const to of [mailboxes, unfinished, 999]) {
      const error = (() => {
        try {
          diffSnapshots(store.db, 'roles', { to });
          return null;
        } catch (e) {
          return e as WardenError;
        }
      })();
      expect(error).toBeInstanceOf(WardenError);
      expect([error!.code, error!.message]).toEqual(['not-found', `There is no complete roles snapshot ${to}.`]);
    }
  });
});
