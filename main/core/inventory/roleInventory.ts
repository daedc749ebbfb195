import { z } from 'zod';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { JobContext, JobKind } from '../jobs/jobKind.ts';
import type { CmdletCall } from '../m365/exo/exchangeAdminClient.ts';
import { M365HttpError } from '../m365/http/httpErrors.ts';
import { InventoryRepository, type InventoryItem } from './inventoryRepository.ts';
import { exchangeIdentity } from './mailboxInventory.ts';

const Params = z.strictObject({});
type Params = z.infer<typeof Params>;

type Phase = 'groups' | 'members' | 'assignments' | 'entries' | 'done';
const ORDER: Phase[] = ['groups', 'members', 'assignments', 'entries', 'done'];

interface Checkpoint {
  snapshotId: number;
  phase: Phase;
  /** Next page of the current bulk cmdlet (Get-RoleGroup / Get-ManagementRoleAssignment). */
  nextLink: string | null;
  /** Per-item phases walk role groups (by identity) and roles (by name) in order: the last one done. */
  after: string | null;
  counts: { groups: number; members: number; assignments: number; entries: number };
  /** Set when role entries could not be read at all (the cmdlet is not offered to this caller). */
  entriesUnavailable: string | null;
}

/** Item types this inventory writes. */
export const ROLE_ITEM = { group: 'roleGroup', member: 'roleGroupMember', assignment: 'roleAssignment', entry: 'roleEntry' } as const;

/**
 * `inventory.roles`: every role group (Get-RoleGroup), its members (Get-RoleGroupMember), every management
 * role assignment (Get-ManagementRoleAssignment), and the cmdlets each assigned role grants
 * (Get-ManagementRoleEntry "Role\*"). Every page and every group's or role's answer commits with the
 * checkpoint, so a crash resumes where it stopped and a repeated answer is stored once.
 */
export const roleInventory: JobKind<Params, Checkpoint> = {
  kind: 'inventory.roles',
  params: Params,
  title: () => 'Role group inventory',
  remaining(checkpoint) {
    if (!checkpoint) return 'the whole role inventory (nothing was fetched)';
    const c = checkpoint.counts;
    const later = {
      groups: ', then their members, every role assignment and the cmdlets each role grants',
      members: ', then every role assignment and the cmdlets each role grants',
      assignments: ', then the cmdlets each role grants',
      entries: '',
      done: '',
    }[checkpoint.phase];
    switch (checkpoint.phase) {
      case 'groups':
        return `role groups after the first ${c.groups} (Get-RoleGroup)${later}`;
      case 'members':
        return `members of the role groups after ${checkpoint.after ?? 'the first'} (Get-RoleGroupMember)${later}`;
      case 'assignments':
        return `role assignments after the first ${c.assignments} (Get-ManagementRoleAssignment)${later}`;
      case 'entries':
        return `the cmdlets of the roles after ${checkpoint.after ? `"${checkpoint.after}"` : 'the first'} (Get-ManagementRoleEntry)`;
      case 'done':
        return 'nothing (the snapshot was being closed)';
    }
  },
  async run(ctx) {
    const repo = new InventoryRepository(ctx.store.db);
    let cp: Checkpoint = ctx.checkpoint ?? {
      snapshotId: 0,
      phase: 'groups',
      nextLink: null,
      after: null,
      counts: { groups: 0, members: 0, assignments: 0, entries: 0 },
      entriesUnavailable: null,
    };
    if (cp.snapshotId === 0) {
      const start = cp;
      const snapshotId = ctx.commit(
        () => repo.createSnapshot(ctx.jobId, 'roles', Date.now()),
        (id) => ({ checkpoint: { ...start, snapshotId: id }, done: 0 }),
      );
      cp = { ...cp, snapshotId };
    }
    // Resumed after role entries could not be read: try them again (the caller may have the role now).
    if (cp.phase === 'done' && cp.entriesUnavailable) cp = { ...cp, phase: 'entries', after: null, entriesUnavailable: null };
    const done = () => cp.counts.groups + cp.counts.members + cp.counts.assignments + cp.counts.entries;
    const save = (next: Checkpoint, items: InventoryItem[]) => {
      ctx.commit(() => repo.putItems(next.snapshotId, items), { checkpoint: next, done: next.counts.groups + next.counts.members + next.counts.assignments + next.counts.entries });
      cp = next;
    };

    if (before(cp.phase, 'members')) {
      await pageThrough(ctx, cp, { name: 'Get-RoleGroup', parameters: { ResultSize: 'Unlimited' } }, (data) => ({ type: ROLE_ITEM.group, identity: exchangeIdentity(data), data }), 'groups', 'members', save);
    }

    if (cp.phase === 'members') {
      for (;;) {
        const batch = repo.identities(cp.snapshotId, ROLE_ITEM.group, cp.after, 25);
        if (batch.length === 0) break;
        for (const groupId of batch) {
          const members = await membersOf(ctx, groupId);
          const items = members.map((data, i) => ({ type: ROLE_ITEM.member, identity: `${groupId}|${memberKey(data, i)}`, parent: groupId, data }));
          save({ ...cp, after: groupId, counts: { ...cp.counts, members: cp.counts.members + items.length } }, items);
        }
      }
      cp = { ...cp, phase: 'assignments', after: null, nextLink: null };
    }

    if (cp.phase === 'assignments') {
      await pageThrough(
        ctx,
        cp,
        { name: 'Get-ManagementRoleAssignment', parameters: { ResultSize: 'Unlimited' } },
        (data) => ({ type: ROLE_ITEM.assignment, identity: exchangeIdentity(data), data }),
        'assignments',
        'entries',
        save,
      );
    }

    if (cp.phase === 'entries') {
      const roles = rolesIn(ctx.store.db, cp.snapshotId).filter((role) => cp.after === null || role > cp.after);
      for (const role of roles) {
        let entries: Record<string, unknown>[];
        try {
          entries = await ctx.clients.exchange.run({ name: 'Get-ManagementRoleEntry', parameters: { Identity: `${role}\\*`, ResultSize: 'Unlimited' } }, ctx.signal);
        } catch (error) {
          const why = entriesRefused(error);
          if (!why) throw error;
          // The caller may not read role entries at all: the groups, members and assignments still
          // stand; the cmdlets are reported missing, so the job ends incomplete, never succeeded.
          cp = { ...cp, entriesUnavailable: why };
          break;
        }
        const items = entries.map((data, i) => ({ type: ROLE_ITEM.entry, identity: `${role}|${String(data['Name'] ?? i)}`, parent: role, data }));
        save({ ...cp, after: role, counts: { ...cp.counts, entries: cp.counts.entries + items.length } }, items);
      }
      cp = { ...cp, phase: 'done', after: null };
    }

    if (cp.entriesUnavailable) ctx.missing({ what: 'the cmdlets each role grants (Get-ManagementRoleEntry)', reason: cp.entriesUnavailable });
    ctx.commit(() => repo.complete(cp.snapshotId, Date.now()), { checkpoint: cp, done: done() });
    return {
      summary: {
        snapshotId: cp.snapshotId,
        items: repo.countItems(cp.snapshotId, ROLE_ITEM.group),
        members: repo.countItems(cp.snapshotId, ROLE_ITEM.member),
        assignments: repo.countItems(cp.snapshotId, ROLE_ITEM.assignment),
        roleEntries: repo.countItems(cp.snapshotId, ROLE_ITEM.entry),
      },
    };
  },
};

/**
 * Pages through a bulk cmdlet from the checkpoint's nextLink, committing each page with the next
 * checkpoint; the last page moves the checkpoint to `then`.
 */
async function pageThrough(
  ctx: JobContext<Params, Checkpoint>,
  start: Checkpoint,
  call: CmdletCall,
  toItem: (data: Record<string, unknown>) => InventoryItem,
  phase: 'groups' | 'assignments',
  then: Phase,
  save: (next: Checkpoint, items: InventoryItem[]) => void,
): Promise<void> {
  let cp = start;
  let nextLink = cp.phase === phase ? cp.nextLink : null;
  for (;;) {
    const page = await ctx.clients.exchange.page(call, { nextLink, signal: ctx.signal });
    const items = page.items.map(toItem);
    const counts = { ...cp.counts, [phase]: cp.counts[phase] + items.length };
    const next: Checkpoint = page.nextLink ? { ...cp, phase, nextLink: page.nextLink, counts } : { ...cp, phase: then, nextLink: null, after: null, counts };
    save(next, items);
    cp = next;
    nextLink = page.nextLink;
    if (!nextLink) return;
  }
}

/** A group's members; a group deleted since it was listed has none (it is gone from the next snapshot). */
async function membersOf(ctx: JobContext<Params, Checkpoint>, groupId: string): Promise<Record<string, unknown>[]> {
  try {
    return await ctx.clients.exchange.run({ name: 'Get-RoleGroupMember', parameters: { Identity: groupId, ResultSize: 'Unlimited' } }, ctx.signal);
  } catch (error) {
    if (error instanceof M365HttpError && error.status === 404) return [];
    throw error;
  }
}

function before(phase: Phase, other: Phase): boolean {
  return ORDER.indexOf(phase) < ORDER.indexOf(other);
}

function memberKey(member: Record<string, unknown>, index: number): string {
  for (const key of ['ExternalDirectoryObjectId', 'Guid', 'WindowsLiveID', 'Identity', 'Name']) {
    const value = member[key];
    if (typeof value === 'string' && value) return value.toLowerCase();
  }
  return String(index);
}

/** Every role a role group holds or an assignment names, sorted (the entries phase walks this list). */
function rolesIn(db: Database, snapshotId: number): string[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT role FROM (
         SELECT j.value AS role FROM inventory_items i, json_each(i.data, '$.Roles') j WHERE i.snapshot_id = ? AND i.item_type = ?
         UNION SELECT json_extract(data, '$.Role') FROM inventory_items WHERE snapshot_id = ? AND item_type = ?
       ) WHERE role IS NOT NULL AND role <> '' ORDER BY role`,
    )
    .all(snapshotId, ROLE_ITEM.group, snapshotId, ROLE_ITEM.assignment) as Array<{ role: string }>;
  return rows.map((r) => r.role);
}

/** The reason role entries cannot be read, when the service refuses the cmdlet itself (not a passing fault). */
function entriesRefused(error: unknown): string | null {
  if (!(error instanceof M365HttpError) || error.transient) return null;
  if (/CommandNotFoundException|is not recognized as a name of a cmdlet/.test(error.message)) return 'this Exchange endpoint does not offer Get-ManagementRoleEntry';
  if (error.status === 403) return 'the signed-in account may not run Get-ManagementRoleEntry';
  return null;
}
