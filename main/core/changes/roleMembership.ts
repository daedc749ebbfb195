import { WardenError } from '../../../shared/errors.ts';
import type { ChangeRequest } from '../../../shared/model/adminChanges.ts';
import type { ExchangeAdminClient } from '../m365/exo/exchangeAdminClient.ts';
import { type ChangeDefinition, type ChangeState, show } from './changeDefinition.ts';
import { explainExchangeError, isNotFound } from './exchangeErrors.ts';

type AddMember = Extract<ChangeRequest, { kind: 'roleGroup.addMember' }>;
type RemoveMember = Extract<ChangeRequest, { kind: 'roleGroup.removeMember' }>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The names Exchange knows a role group member by; any of them identifies it. */
function namesOf(member: Record<string, unknown>): string[] {
  const addresses = Array.isArray(member['EmailAddresses']) ? member['EmailAddresses'].map((a) => String(a).replace(/^smtp:/i, '')) : [];
  return [member['WindowsLiveID'], member['PrimarySmtpAddress'], member['Name'], member['DisplayName'], member['Alias'], member['Identity'], member['ExternalDirectoryObjectId'], ...addresses]
    .map(str)
    .filter(Boolean)
    .map((n) => n.toLowerCase());
}

/** How the journal names a member: its sign-in name when it has one, else its directory object id. */
function canonicalMember(member: Record<string, unknown>): string {
  return str(member['WindowsLiveID']) || str(member['PrimarySmtpAddress']) || str(member['ExternalDirectoryObjectId']) || str(member['Name']);
}

/** Reads a role group and whether `member` is in it, live. */
async function readMembership(exchange: ExchangeAdminClient, group: string, member: string, resolveNew: boolean, signal?: AbortSignal) {
  let groups: Record<string, unknown>[];
  try {
    groups = await exchange.run({ name: 'Get-RoleGroup', parameters: { Identity: group } }, signal);
  } catch (error) {
    if (isNotFound(error)) throw new WardenError('not-found', `There is no role group "${group}" in Exchange.`);
    throw explainExchangeError(error, 'Get-RoleGroup');
  }
  const found = groups[0];
  if (!found) throw new WardenError('not-found', `There is no role group "${group}" in Exchange.`);
  const name = str(found['Name']) || group;
  let members: Record<string, unknown>[];
  try {
    members = await exchange.run({ name: 'Get-RoleGroupMember', parameters: { Identity: name, ResultSize: 'Unlimited' } }, signal);
  } catch (error) {
    throw explainExchangeError(error, 'Get-RoleGroupMember');
  }
  const wanted = member.trim().toLowerCase();
  const current = members.find((m) => namesOf(m).includes(wanted));
  const warnings: string[] = [];
  let canonical = current ? canonicalMember(current) : member.trim();
  if (!current && resolveNew) {
    // A member to add: resolve it through its mailbox when it has one, so the journal names it the
    // way Exchange does. Accounts without a mailbox (admins without a licence, apps) are resolved by
    // Exchange when the change runs; an unknown one fails there, and the journal says so.
    try {
      const mailbox = (await exchange.run({ name: 'Get-Mailbox', parameters: { Identity: member } }, signal))[0];
      if (mailbox) canonical = str(mailbox['UserPrincipalName']) || canonical;
    } catch (error) {
      if (!isNotFound(error)) throw explainExchangeError(error, 'Get-Mailbox');
      warnings.push(`"${member}" has no mailbox; Exchange will look the account up when the change runs, and refuse it if there is no such account.`);
    }
  }
  return { group: name, member: canonical, state: { member: canonical, isMember: current !== undefined, members: members.length } satisfies ChangeState, warnings };
}

const membershipFields = (before: ChangeState, after: ChangeState) => [
  { field: `${String(before['member'] ?? after['member'])} is a member`, before: show(before['isMember']), after: show(after['isMember']) },
  { field: 'Members in the group', before: show(before['members']), after: show(after['members']) },
];

export const addRoleGroupMember: ChangeDefinition<'roleGroup.addMember'> = {
  kind: 'roleGroup.addMember',
  title: (c) => `Add ${c.member} to ${c.group}`,
  async read(exchange, change, signal) {
    const r = await readMembership(exchange, change.group, change.member, true, signal);
    return { change: { ...change, group: r.group, member: r.member } satisfies AddMember, target: r.group, state: r.state, warnings: r.warnings };
  },
  desired: (_c, before) => ({ ...before, isMember: true, members: before['isMember'] ? before['members']! : Number(before['members']) + 1 }),
  calls: (c) => [{ cmdlet: 'Add-RoleGroupMember', parameters: { Identity: c.group, Member: c.member } }],
  fields: membershipFields,
  inverse: (c) => ({ kind: 'roleGroup.removeMember', group: c.group, member: c.member }),
  irreversibleWhy: null,
};

export const removeRoleGroupMember: ChangeDefinition<'roleGroup.removeMember'> = {
  kind: 'roleGroup.removeMember',
  title: (c) => `Remove ${c.member} from ${c.group}`,
  async read(exchange, change, signal) {
    const r = await readMembership(exchange, change.group, change.member, false, signal);
    return { change: { ...change, group: r.group, member: r.member } satisfies RemoveMember, target: r.group, state: r.state, warnings: r.warnings };
  },
  desired: (_c, before) => ({ ...before, isMember: false, members: before['isMember'] ? Number(before['members']) - 1 : before['members']! }),
  calls: (c) => [{ cmdlet: 'Remove-RoleGroupMember', parameters: { Identity: c.group, Member: c.member } }],
  fields: membershipFields,
  inverse: (c) => ({ kind: 'roleGroup.addMember', group: c.group, member: c.member }),
  irreversibleWhy: null,
};
