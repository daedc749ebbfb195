// The compromised administrators scenarios act through, and where they connect from.

import type { Whereabouts } from '../activity/places.ts';
import type { Rng } from '../prng.ts';
import type { CasMailbox, Mailbox, User } from '../model.ts';
import { type Env, serverInCountry } from './kit.ts';

export interface Operator {
  index: number;
  user: User;
  where: Whereabouts;
}

function operator(env: Env, rng: Rng, pool: readonly number[]): Operator {
  const index = env.casting.oneOf(rng, pool);
  const user = env.ctx.world.users[index]!;
  const home = env.ctx.world.profiles[index]!.homeCity;
  return { index, user, where: serverInCountry(rng, home.country, home.name) };
}

/** An Exchange administrator whose credentials the attacker holds, connecting from a rented server. */
export function compromisedExchangeAdmin(env: Env, rng: Rng): Operator {
  return operator(env, rng, env.ctx.world.core.exchangeAdmins);
}

/** A security administrator (also Privileged Role Administrator) whose credentials the attacker holds. */
export function compromisedSecurityAdmin(env: Env, rng: Rng): Operator {
  return operator(env, rng, env.ctx.world.core.securityAdmins);
}

/** A member compromised by phishing, operating from a rented server in their own country. */
export function compromisedMember(env: Env, rng: Rng, predicate?: (i: number) => boolean): Operator {
  const index = env.casting.member(rng, predicate);
  const user = env.ctx.world.users[index]!;
  const home = env.ctx.world.profiles[index]!.homeCity;
  return { index, user, where: serverInCountry(rng, home.country, home.name) };
}

export function mailboxOf(env: Env, user: User): Mailbox {
  const mb = env.state.mailboxes.find((m) => m.ExternalDirectoryObjectId === user.id);
  if (!mb) throw new Error(`no mailbox for ${user.userPrincipalName}`);
  return mb;
}

export function casMailboxOf(env: Env, user: User): CasMailbox {
  const cas = env.state.casMailboxes.find((m) => m.ExternalDirectoryObjectId === user.id);
  if (!cas) throw new Error(`no CAS mailbox for ${user.userPrincipalName}`);
  return cas;
}

export const EXTERNAL_ADDRESSES = [
  'invoices.archive.2024@gmail.com', 'accounts-payable-dept@proton.me', 'billing.team.mail@outlook.com', 'finance.backup@mail.ru',
  'exec.office.copy@yandex.com', 'docs.sync.service@gmx.com', 'mailbox.backup.svc@protonmail.com', 'payments.review@zohomail.com',
];

/** People whose mailbox is worth stealing: finance and executives first. */
export function valuableMember(env: Env): (i: number) => boolean {
  const { users } = env.ctx.world;
  const wanted = new Set(['Finance', 'Executive']);
  const any = env.ctx.world.members.some((i) => wanted.has(users[i]!.department ?? ''));
  return (i: number) => !any || wanted.has(users[i]!.department ?? '');
}
