// `warden inventory roles|audit-config`, `warden roles add-member|remove-member` and `warden journal` against
// the emulator: inventories end with what Exchange holds, a change is previewed, refused without
// confirmation when there is no terminal, journaled with who/when/why/before/after, proven by its audit
// record, and undone; bad input gets a clear error and leaves the tenant and the journal as they were.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/index.ts';
import { runCli } from '../../../main/cli/program.ts';
import { storeLocationFor } from '../../../main/core/evidenceStores.ts';
import { latestSnapshot } from '../../../main/core/inventory/snapshotInfo.ts';
import { silentLogger } from '../../../main/core/log.ts';
import { ProfileRegistry } from '../../../main/core/profiles/profileRegistry.ts';
import { openStore } from '../../../main/core/store/openStore.ts';
import { openVault } from '../../../main/core/vault/secretVault.ts';
import type { JournalEntry } from '../../../shared/model/adminChanges.ts';
import { emulatorAdmin } from '../../support/emulatorAdmin.ts';
import { runWarden } from '../support/runWarden.ts';

const vaultService = `Warden roles test ${randomUUID()}`;
const env = { WARDEN_VAULT_SERVICE: vaultService };
let emulator: RunningEmulator;
let admin: ReturnType<typeof emulatorAdmin>;
let dataDir: string;

/** The members of a role group, as the emulator's Exchange serves them right now. */
function membersOf(group: string): string[] {
  return emulator.tenant.state.roleGroups.find((g) => g.Name === group)!.MemberUpns.map((m) => m.toLowerCase());
}

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    seed: 'roles-cli',
    users: 40,
    days: 1,
    scenarios: 'none',
    ingestionDelaySeconds: 1,
    dataDir: mkdtempSync(path.join(tmpdir(), 'warden-emu-')),
    logLevel: 'warn',
  } as Parameters<typeof startEmulator>[0]);
  admin = emulatorAdmin(emulator.info);
  dataDir = mkdtempSync(path.join(tmpdir(), 'warden-roles-'));
  expect((await runWarden(['--data-dir', dataDir, 'tenant', 'add', 'emu', '--emulator', JSON.stringify(emulator.info)], { env })).code).toBe(0);
  const pem = path.join(dataDir, 'automation.pem');
  writeFileSync(pem, readFileSync(emulator.info.app.certPem, 'utf8') + readFileSync(emulator.info.app.keyPem, 'utf8'));
  const login = await runWarden(['--data-dir', dataDir, 'login', '--app', '--cert', pem, '--client-id', emulator.info.app.clientId], { env });
  expect(login.code, login.stderr).toBe(0);
}, 60_000);

afterAll(async () => {
  await admin?.close();
  await emulator?.stop();
  for (const c of await keytar.findCredentials(vaultService)) await keytar.deletePassword(vaultService, c.account);
});

/** Opens the CLI's store of the active profile (its key from the test's keyring service). */
async function openCliStore() {
  const vault = await openVault({ service: vaultService });
  const profile = (await ProfileRegistry.open(dataDir)).active()!;
  const location = await storeLocationFor(profile, dataDir, vault);
  return openStore({ file: location.file, key: location.key, log: silentLogger });
}

const warden = (args: string[], stdin?: string) => runWarden(['--data-dir', dataDir, ...args], { env, ...(stdin === undefined ? {} : { stdin }), timeoutMs: 90_000 });

/** Runs the CLI in this process with a terminal on stdin, answering `answer` to the question. */
async function onTerminal(args: string[], answer: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => {
    err += d.toString();
    if (err.includes('[y/N]')) stdin.write(`${answer}\n`);
  });
  const previous = process.env['WARDEN_VAULT_SERVICE'];
  process.env['WARDEN_VAULT_SERVICE'] = vaultService;
  try {
    const code = await runCli(['--data-dir', dataDir, ...args], { streams: { stdin, stdout, stderr }, env: { ...process.env, ...env }, version: 'test' });
    return { code, stdout: out, stderr: err };
  } finally {
    if (previous === undefined) delete process.env['WARDEN_VAULT_SERVICE'];
    else process.env['WARDEN_VAULT_SERVICE'] = previous;
  }
}

describe('role and audit-configuration inventories', () => {
  it('collects every role group with its members and assignments', async () => {
    const run = await warden(['--json', 'inventory', 'roles', '--app']);
    const result = run.json<{ status: string; items: number; missing: Array<{ what: string }>; summary: Record<string, number> }>();
    const state = emulator.tenant.state;
    expect(result.items).toBe(state.roleGroups.length);
    expect(result.summary['members']).toBe(state.roleGroups.reduce((n, g) => n + g.MemberUpns.length, 0));
    expect(result.summary['assignments']).toBe(state.managementRoleAssignments.length);
    if (result.status === 'succeeded') {
      // The emulator serves Get-ManagementRoleEntry: every cmdlet of every assigned role is in the snapshot.
      expect(run.code).toBe(0);
      const roles = new Set(state.roleGroups.flatMap((g) => g.Roles));
      expect(result.summary['roleEntries']).toBe([...roles].reduce((n, r) => n + (state.managementRoleCmdlets[r]?.length ?? 0), 0));
    } else {
      // It does not (yet): the cmdlets are named missing and the run is incomplete (exit 4), never succeeded.
      expect(run.code).toBe(4);
      expect(result.status).toBe('incomplete');
      expect(result.missing.map((m) => m.what)).toEqual(['the cmdlets each role grants (Get-ManagementRoleEntry)']);
    }
  }, 120_000);

  it('reads audit settings through Exchange, and names per-mailbox auditing missing until mailboxes are inventoried', async () => {
    const first = await warden(['--json', 'inventory', 'audit-config', '--app']);
    expect(first.code).toBe(4);
    const incomplete = first.json<{ status: string; missing: Array<{ what: string; reason: string }>; summary: Record<string, unknown> }>();
    expect(incomplete.status).toBe('incomplete');
    expect(incomplete.missing[0]!.what).toBe('per-mailbox audit settings (AuditEnabled)');
    expect(incomplete.missing[0]!.reason).toMatch(/warden inventory mailboxes/);

    expect((await warden(['--json', 'inventory', 'mailboxes', '--app'])).code).toBe(0);
    const second = await warden(['--json', 'inventory', 'audit-config', '--app']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.json()).toMatchObject({ status: 'succeeded', summary: { unifiedAuditLogIngestionEnabled: true } });
  }, 120_000);
});

describe('an Exchange error in the middle of an inventory', () => {
  it('ends incomplete naming what is missing, and keeps showing the last complete snapshot', async () => {
    await admin.setFaults({ rules: [{ kind: '503', match: { service: 'exo', cmdlet: 'Get-RoleGroupMember' }, skip: 3 }] });
    let run;
    try {
      run = await runWarden(['--data-dir', dataDir, '--json', 'inventory', 'roles', '--app'], { env: { ...env, WARDEN_HTTP_MAX_ATTEMPTS: '2' }, timeoutMs: 90_000 });
    } finally {
      await admin.clearFaults();
    }
    expect(run.code).toBe(4);
    const result = run.json<{ job: number; status: string; missing: Array<{ what: string; reason: string }> }>();
    expect(result.status).toBe('incomplete');
    expect(result.missing).toHaveLength(1);
    expect(result.missing[0]!.what).toMatch(/^members of the role groups after [0-9a-f-]{36} \(Get-RoleGroupMember\), then every role assignment/);
    expect(result.missing[0]!.reason).toMatch(/still failing after 2 attempts \(last: 503\)/);
    const show = await warden(['--json', 'jobs', 'show', String(result.job)]);
    expect(show.json<{ job: { state: string } }>().job.state).toBe('incomplete');
    // The interrupted snapshot is not complete, so views keep showing the earlier one; its pages are whole.
    const store = await openCliStore();
    try {
      const partial = store.db.prepare('SELECT id, completed_at FROM inventory_snapshots WHERE job_id = ?').get(result.job) as { id: number; completed_at: number | null };
      expect(partial.completed_at).toBeNull();
      expect(latestSnapshot(store.db, 'roles')!.id).toBeLessThan(partial.id);
      const groupsWithMembers = store.db.prepare(`SELECT COUNT(DISTINCT parent) AS n FROM inventory_items WHERE snapshot_id = ? AND item_type = 'roleGroupMember'`).get(partial.id) as { n: number };
      expect(groupsWithMembers.n).toBeLessThanOrEqual(3);
    } finally {
      store.close();
    }
    // Resuming picks up at the group that failed and completes the snapshot.
    const resumed = await warden(['--json', 'jobs', 'resume', String(result.job)]);
    expect(resumed.json<{ job: { state: string; missing: Array<{ what: string }> } }>().job.state).toMatch(/succeeded|incomplete/);
    expect(resumed.json<{ job: { missing: Array<{ what: string }> } }>().job.missing.every((m) => m.what.includes('Get-ManagementRoleEntry'))).toBe(true);
  }, 120_000);
});

describe('warden roles add-member / remove-member', () => {
  const group = 'Compliance Management';

  it('refuses without --yes when there is no terminal, and changes nothing', async () => {
    const member = emulator.info.users[2]!.upn;
    const before = membersOf(group);
    const run = await warden(['roles', 'add-member', group, member, '--reason', 'quarterly review']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Add .* to Compliance Management/);
    expect(run.stderr).toMatch(/is a member\s+No\s+->\s+Yes/);
    expect(run.stderr).toMatch(/no terminal to ask on.*--yes/);
    expect(membersOf(group)).toEqual(before);
    expect((await warden(['--json', 'journal'])).json<{ entries: unknown[] }>().entries).toEqual([]);
  }, 60_000);

  it('asks on a terminal: "n" changes nothing, "y" makes and journals the change', async () => {
    const member = emulator.info.users[2]!.upn.toLowerCase();
    const declined = await onTerminal(['roles', 'add-member', group, member, '--reason', 'audit support'], 'n');
    expect(declined.code).toBe(2);
    expect(declined.stderr).toMatch(/Not confirmed: nothing was changed/);
    expect(membersOf(group)).not.toContain(member);

    const accepted = await onTerminal(['--json', 'roles', 'add-member', group, member, '--reason', 'audit support for Q3'], 'y');
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(membersOf(group)).toContain(member);
    const { entry } = JSON.parse(accepted.stdout.trim().split('\n').at(-1)!) as { entry: JournalEntry };
    expect(entry).toMatchObject({
      result: 'succeeded',
      actor: `app ${emulator.info.app.clientId}`,
      reason: 'audit support for Q3',
      target: group,
      calls: [{ cmdlet: 'Add-RoleGroupMember', parameters: { Identity: group, Member: member } }],
      reversible: true,
      audit: { status: 'pending' },
    });
    expect(entry.fields[0]).toEqual({ field: `${member} is a member`, before: 'No', after: 'Yes' });
  }, 60_000);

  it('proves the change with its audit record, and undoes it (the Undo journaled too)', async () => {
    const member = emulator.info.users[2]!.upn.toLowerCase();
    await new Promise((r) => setTimeout(r, 1500)); // the emulator's ingestion delay is 1 s
    const verified = await warden(['--json', 'journal', '--verify']);
    expect(verified.code, verified.stderr).toBe(0);
    const entries = verified.json<{ entries: JournalEntry[] }>().entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]!.audit).toMatchObject({ status: 'verified', recordId: expect.stringMatching(/^[0-9a-f-]{36}$/) });

    const undo = await warden(['--json', 'journal', 'undo', String(entries[0]!.id), '--reason', 'no longer needed', '--yes', '--app']);
    expect(undo.code, undo.stderr).toBe(0);
    expect(undo.json<{ entry: JournalEntry }>().entry).toMatchObject({ kind: 'roleGroup.removeMember', undoOf: entries[0]!.id, result: 'succeeded', reversible: false });
    expect(membersOf(group)).not.toContain(member);
    const list = (await warden(['--json', 'journal'])).json<{ entries: JournalEntry[] }>().entries;
    expect(list.map((e) => [e.kind, e.undoneBy, e.undoOf])).toEqual([
      ['roleGroup.removeMember', null, entries[0]!.id],
      ['roleGroup.addMember', list[0]!.id, null],
    ]);
    const again = await warden(['journal', 'undo', String(entries[0]!.id), '--reason', 'twice', '--yes']);
    expect([again.code, again.stderr]).toEqual([2, expect.stringMatching(/already undone/)]);
  }, 60_000);

  it('says clearly when the group, the member or the reason is wrong; only the attempt Exchange refused is journaled', async () => {
    const noGroup = await warden(['roles', 'add-member', 'Wizards', emulator.info.users[2]!.upn, '--reason', 'test', '--yes']);
    expect([noGroup.code, noGroup.stderr]).toEqual([2, expect.stringMatching(/There is no role group "Wizards" in Exchange/)]);
    const noReason = await warden(['roles', 'add-member', group, emulator.info.users[2]!.upn, '--reason', ' ', '--yes']);
    expect([noReason.code, noReason.stderr]).toEqual([2, expect.stringMatching(/--reason: say why/)]);
    const notMember = await warden(['roles', 'remove-member', group, emulator.info.users[2]!.upn, '--reason', 'cleanup', '--yes']);
    expect([notMember.code, notMember.stderr]).toEqual([2, expect.stringMatching(/Nothing to change/)]);
    const unknown = await warden(['--json', 'roles', 'add-member', group, 'nobody@nowhere.example', '--reason', 'typo test', '--yes']);
    // Exchange refuses the unknown account; the attempt is journaled as failed, and nothing changed.
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/change \d+ failed: Add-RoleGroupMember: .*couldn't be found/);
    const list = (await warden(['--json', 'journal'])).json<{ entries: JournalEntry[] }>().entries;
    expect(list[0]).toMatchObject({ result: 'failed', audit: { status: 'not-applicable' } });
    expect(list).toHaveLength(3);
  }, 60_000);

  it('a later inventory shows what changed since the one before', async () => {
    const member = emulator.info.users[2]!.upn.toLowerCase();
    expect((await warden(['--json', 'inventory', 'roles', '--app'])).json<{ items: number }>().items).toBeGreaterThan(0);
    const added = await warden(['--json', 'roles', 'add-member', 'Help Desk', member, '--reason', 'covering the phones', '--yes']);
    expect(added.code, added.stderr).toBe(0);
    await warden(['--json', 'inventory', 'roles', '--app']);
    const diff = await warden(['--json', 'inventory', 'diff', 'roles']);
    expect(diff.code, diff.stderr).toBe(0);
    const result = diff.json<{ diff: { counts: Array<{ type: string; added: number; removed: number; changed: number }>; entries: Array<{ change: string; type: string; label: string; fields: Array<{ field: string }> }> } }>().diff;
    expect(result.counts).toEqual([
      { type: 'roleGroup', added: 0, removed: 0, changed: 1 },
      { type: 'roleGroupMember', added: 1, removed: 0, changed: 0 },
    ]);
    expect(result.entries.find((e) => e.type === 'roleGroup')).toMatchObject({ change: 'changed', label: 'Help Desk', fields: [{ field: 'Members' }] });
    const bad = await warden(['inventory', 'diff', 'wizards']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/Not an inventory: "wizards"/)]);
  }, 120_000);
});
