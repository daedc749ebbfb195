// The Roles view from a role snapshot: each group with its members, assignments and the cmdlets its roles
// grant, and least-privilege hints (a crowded Organization Management, an automation account in a broad
// group, Role Management outside Organization Management, direct assignments).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InventoryRepository, type InventoryItem } from '../../../main/core/inventory/inventoryRepository.ts';
import { rolesOverview } from '../../../main/core/inventory/roleOverview.ts';
import { silentLogger } from '../../../main/core/log.ts';
import { openStore } from '../../../main/core/store/openStore.ts';

function roleSnapshot(items: InventoryItem[]) {
  const store = openStore({ file: path.join(mkdtempSync(path.join(tmpdir(), 'warden-roles-')), 'store.sqlite'), key: Buffer.alloc(32, 4), log: silentLogger });
  const repo = new InventoryRepository(store.db);
  const id = repo.createSnapshot(1, 'roles', Date.now());
  store.db.transaction(() => repo.putItems(id, items))();
  repo.complete(id, Date.now());
  return store;
}

const group = (id: string, name: string, roles: string[]): InventoryItem => ({ type: 'roleGroup', identity: id, data: { Name: name, Description: `${name} group`, Roles: roles } });
const member = (groupId: string, name: string, upn: string, type = 'UserMailbox'): InventoryItem => ({
  type: 'roleGroupMember',
  identity: `${groupId}|${upn}`,
  parent: groupId,
  data: { DisplayName: name, WindowsLiveID: type === 'ServicePrincipal' ? '' : upn, ExternalDirectoryObjectId: upn, RecipientTypeDetails: type },
});
const assignment = (role: string, assignee: string, type = 'RoleGroup'): InventoryItem => ({
  type: 'roleAssignment',
  identity: `${role}-${assignee}`,
  data: { Name: `${role}-${assignee}`, Role: role, RoleAssignee: assignee, RoleAssigneeName: assignee, RoleAssigneeType: type, AssignmentMethod: 'Direct', Enabled: true, RecipientWriteScope: 'Organization', ConfigWriteScope: 'OrganizationConfig' },
});
const entry = (role: string, cmdlet: string): InventoryItem => ({ type: 'roleEntry', identity: `${role}|${cmdlet}`, parent: role, data: { Name: cmdlet, Role: role } });

describe('roles overview', () => {
  it('joins groups, members, assignments and role entries, and gives least-privilege hints', () => {
    const store = roleSnapshot([
      group('om', 'Organization Management', ['Role Management', 'Mail Recipients']),
      group('rm', 'Recipient Management', ['Mail Recipients']),
      group('hd', 'Help Desk', ['View-Only Recipients']),
      group('dm', 'Delegation Team', ['Role Management']),
      ...['a', 'b', 'c', 'd', 'e'].map((n) => member('om', `Admin ${n}`, `${n}@contoso.com`)),
      member('rm', 'Exchange Automation (service account)', 'svc-exo@contoso.com'),
      member('hd', 'Helpdesk Bot', 'hd-bot-app', 'ServicePrincipal'),
      member('dm', 'Dana', 'dana@contoso.com'),
      assignment('Mail Recipients', 'Recipient Management'),
      assignment('Role Management', 'Organization Management'),
      assignment('Mail Recipients', 'Organization Management'),
      assignment('ApplicationImpersonation', 'legacy-app', 'ServicePrincipal'),
      entry('Mail Recipients', 'Get-Mailbox'),
      entry('Mail Recipients', 'Set-Mailbox'),
      entry('Role Management', 'Add-RoleGroupMember'),
      entry('View-Only Recipients', 'Get-Mailbox'),
    ]);
    const overview = rolesOverview(store.db);
    expect(overview.groups.map((g) => [g.name, g.members.length, g.broad, g.cmdlets])).toEqual([
      ['Delegation Team', 1, true, ['Add-RoleGroupMember']],
      ['Help Desk', 1, false, ['Get-Mailbox']],
      ['Organization Management', 5, true, ['Add-RoleGroupMember', 'Get-Mailbox', 'Set-Mailbox']],
      ['Recipient Management', 1, true, ['Get-Mailbox', 'Set-Mailbox']],
    ]);
    expect(overview.groups[2]!.assignments.map((a) => a.role).sort()).toEqual(['Mail Recipients', 'Role Management']);
    expect(overview.directAssignments.map((a) => [a.assignee, a.role])).toEqual([['legacy-app', 'ApplicationImpersonation']]);
    expect(overview.hints.map((h) => [h.severity, h.group, h.member])).toEqual([
      ['warning', 'Organization Management', null],
      ['warning', 'Recipient Management', 'svc-exo@contoso.com'],
      ['warning', 'Delegation Team', null],
      ['info', null, 'legacy-app'],
    ]);
    expect(overview.hints[0]!.text).toMatch(/^Organization Management has 5 members \(more than 4\)/);
    // The helpdesk bot is an app, but Help Desk grants nothing broad: no hint for it.
    expect(overview.hints.some((h) => h.member === 'hd-bot-app')).toBe(false);
  });

  it('says the cmdlets are unknown when role entries could not be read, and judges breadth by the built-in groups', () => {
    const store = roleSnapshot([group('om', 'Organization Management', ['Role Management']), group('hd', 'Help Desk', ['View-Only Recipients']), member('om', 'Sync Bot', 'sync-bot@contoso.com')]);
    const overview = rolesOverview(store.db);
    expect(overview.groups.map((g) => [g.name, g.cmdlets, g.broad])).toEqual([
      ['Help Desk', null, false],
      ['Organization Management', null, true],
    ]);
    expect(overview.hints.map((h) => h.member)).toEqual(['sync-bot@contoso.com']);
  });
});
