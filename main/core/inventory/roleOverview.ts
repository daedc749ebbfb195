import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { RoleAssignmentView, RoleGroupView, RoleMember, RolesOverview } from '../../../shared/model/adminInventory.ts';
import { InventoryRepository } from './inventoryRepository.ts';
import { DEFAULT_HINT_OPTIONS, isBroadGroup, privilegeHints, type HintOptions } from './privilegeHints.ts';
import { ROLE_ITEM } from './roleInventory.ts';
import { latestSnapshot } from './snapshotInfo.ts';

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function assignmentView(a: Record<string, unknown>): RoleAssignmentView {
  return {
    name: str(a['Name']),
    role: str(a['Role']),
    assignee: str(a['RoleAssigneeName']) || str(a['RoleAssignee']),
    assigneeType: str(a['RoleAssigneeType']),
    method: str(a['AssignmentMethod']),
    enabled: a['Enabled'] !== false,
    recipientWriteScope: str(a['RecipientWriteScope']),
    configWriteScope: str(a['ConfigWriteScope']),
  };
}

function memberView(m: Record<string, unknown>): RoleMember {
  const upn = str(m['WindowsLiveID']) || str(m['PrimarySmtpAddress']);
  return {
    name: str(m['DisplayName']) || str(m['Name']) || upn,
    id: str(m['ExternalDirectoryObjectId']) || str(m['Identity']),
    upn: upn || null,
    type: str(m['RecipientTypeDetails']) || str(m['RecipientType']),
  };
}

/**
 * The Roles view from the latest complete role inventory: each group with its members, its role
 * assignments and every cmdlet its roles grant, assignments made outside groups, and least-privilege hints.
 */
export function rolesOverview(db: Database, options: HintOptions = DEFAULT_HINT_OPTIONS): RolesOverview {
  const snapshot = latestSnapshot(db, 'roles');
  if (!snapshot) return { snapshot: null, groups: [], directAssignments: [], hints: [] };
  const repo = new InventoryRepository(db);
  const members = new Map<string, RoleMember[]>();
  for (const m of repo.items(snapshot.id, ROLE_ITEM.member)) {
    const list = members.get(m.parent ?? '') ?? [];
    list.push(memberView(m.data));
    members.set(m.parent ?? '', list);
  }
  const assignments = repo.items(snapshot.id, ROLE_ITEM.assignment).map((a) => ({ view: assignmentView(a.data), assignee: str(a.data['RoleAssignee']), type: str(a.data['RoleAssigneeType']) }));
  const entries = repo.items(snapshot.id, ROLE_ITEM.entry);
  const cmdletsByRole = new Map<string, string[]>();
  for (const e of entries) {
    const list = cmdletsByRole.get(e.parent ?? '') ?? [];
    list.push(str(e.data['Name']));
    cmdletsByRole.set(e.parent ?? '', list);
  }
  const entriesKnown = entries.length > 0;

  const groups: RoleGroupView[] = repo
    .items(snapshot.id, ROLE_ITEM.group)
    .map((g) => {
      const name = str(g.data['Name']) || str(g.data['DisplayName']);
      const roles = strs(g.data['Roles']).sort();
      const cmdlets = entriesKnown ? [...new Set(roles.flatMap((r) => cmdletsByRole.get(r) ?? []))].sort() : null;
      return {
        identity: g.identity,
        name,
        description: str(g.data['Description']),
        members: (members.get(g.identity) ?? []).sort((a, b) => a.name.localeCompare(b.name)),
        roles,
        assignments: assignments.filter((a) => a.type === 'RoleGroup' && a.assignee.toLowerCase() === name.toLowerCase()).map((a) => a.view),
        cmdlets,
        broad: isBroadGroup(name, cmdlets),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const directAssignments = assignments.filter((a) => a.type === 'User' || a.type === 'ServicePrincipal' || a.type === 'SecurityGroup').map((a) => a.view);
  return { snapshot, groups, directAssignments, hints: privilegeHints(groups, directAssignments, options) };
}
