import { z } from 'zod';
import { WardenError } from '../../../shared/errors.ts';
import type { JobContext, JobKind } from '../jobs/jobKind.ts';
import type { CmdletCall } from '../m365/exo/exchangeAdminClient.ts';
import { InventoryRepository, type InventoryItem } from './inventoryRepository.ts';

const Params = z.strictObject({
  /** Also fetch each mailbox's permissions and inbox rules (one request per mailbox and cmdlet). */
  details: z.boolean().default(false),
});
type Params = z.infer<typeof Params>;

type Phase = 'mailboxes' | 'cas' | 'permissions' | 'inboxRules';

interface Checkpoint {
  snapshotId: number;
  phase: Phase;
  /** Next page of the current bulk cmdlet (Get-Mailbox / Get-CASMailbox); null at its start. */
  nextLink: string | null;
  /** Per-mailbox phases: the last mailbox done (they are walked in identity order). */
  afterMailbox: string | null;
  counts: Record<Phase, number>;
}

const BULK: Record<'mailboxes' | 'cas', { call: CmdletCall; type: string }> = {
  mailboxes: { call: { name: 'Get-Mailbox', parameters: { ResultSize: 'Unlimited' } }, type: 'mailbox' },
  cas: { call: { name: 'Get-CASMailbox', parameters: { ResultSize: 'Unlimited' } }, type: 'casMailbox' },
};

/** The stable id of an Exchange object: its GUID when the cmdlet gives one. */
export function exchangeIdentity(item: Record<string, unknown>): string {
  for (const key of ['ExchangeGuid', 'Guid', 'ExternalDirectoryObjectId', 'Identity']) {
    const value = item[key];
    if (typeof value === 'string' && value) return value.toLowerCase();
  }
  throw new WardenError('unavailable', `Exchange returned an object without ExchangeGuid, Guid or Identity (${Object.keys(item).slice(0, 5).join(', ')}).`);
}

/**
 * `inventory.mailboxes`: every mailbox (Get-Mailbox: forwarding, audit settings, litigation hold...) and its
 * client-access protocols (Get-CASMailbox), page by page; with `details`, each mailbox's permissions
 * (Get-MailboxPermission) and inbox rules (Get-InboxRule). Every page commits with the checkpoint, so a crash
 * resumes at the next page; a resumed page that repeats is stored once.
 */
export const mailboxInventory: JobKind<Params, Checkpoint> = {
  kind: 'inventory.mailboxes',
  params: Params,
  title: (p) => `Mailbox inventory${p.details ? ' with permissions and inbox rules' : ''}`,
  remaining(checkpoint, params) {
    if (!checkpoint) return 'the whole mailbox inventory (nothing was fetched)';
    const c = checkpoint.counts;
    const later = params.details ? ', then every mailbox permission and inbox rule' : '';
    switch (checkpoint.phase) {
      case 'mailboxes':
        return `mailboxes after the first ${c.mailboxes.toLocaleString('en-US')} (Get-Mailbox${checkpoint.nextLink ? ` from page ${checkpoint.nextLink}` : ''}), then all CAS protocol settings${later}`;
      case 'cas':
        return `CAS protocol settings after the first ${c.cas.toLocaleString('en-US')} (Get-CASMailbox)${later}`;
      case 'permissions':
        return `mailbox permissions for mailboxes after ${checkpoint.afterMailbox ?? 'the first'} (Get-MailboxPermission), then inbox rules`;
      case 'inboxRules':
        return `inbox rules for mailboxes after ${checkpoint.afterMailbox ?? 'the first'} (Get-InboxRule)`;
    }
  },
  async run(ctx) {
    const repo = new InventoryRepository(ctx.store.db);
    let cp: Checkpoint = ctx.checkpoint ?? { snapshotId: 0, phase: 'mailboxes', nextLink: null, afterMailbox: null, counts: { mailboxes: 0, cas: 0, permissions: 0, inboxRules: 0 } };
    if (cp.snapshotId === 0) {
      const start = cp;
      const snapshotId = ctx.commit(
        () => repo.createSnapshot(ctx.jobId, 'mailboxes', Date.now()),
        (id) => ({ checkpoint: { ...start, snapshotId: id }, done: 0 }),
      );
      cp = { ...cp, snapshotId };
    }
    const done = () => cp.counts.mailboxes + cp.counts.cas + cp.counts.permissions + cp.counts.inboxRules;

    for (const phase of ['mailboxes', 'cas'] as const) {
      if (phaseIndex(cp.phase) > phaseIndex(phase)) continue;
      const { call, type } = BULK[phase];
      let nextLink = cp.phase === phase ? cp.nextLink : null;
      for (;;) {
        const page = await ctx.clients.exchange.page(call, { nextLink, signal: ctx.signal });
        const items: InventoryItem[] = page.items.map((data) => ({ type, identity: exchangeIdentity(data), data }));
        const counts = { ...cp.counts, [phase]: cp.counts[phase] + items.length };
        const next: Checkpoint = page.nextLink ? { ...cp, phase, nextLink: page.nextLink, counts } : { ...cp, phase: nextPhase(phase, ctx.params.details), nextLink: null, counts };
        ctx.commit(() => repo.putItems(cp.snapshotId, items), { checkpoint: next, done: done() + items.length });
        cp = next;
        nextLink = page.nextLink;
        if (!nextLink) break;
      }
    }

    if (ctx.params.details) {
      for (const phase of ['permissions', 'inboxRules'] as const) {
        if (phaseIndex(cp.phase) > phaseIndex(phase)) continue;
        for (;;) {
          const batch = repo.identities(cp.snapshotId, 'mailbox', cp.phase === phase ? cp.afterMailbox : null, 25);
          if (batch.length === 0) break;
          for (const mailboxId of batch) {
            const call: CmdletCall =
              phase === 'permissions'
                ? { name: 'Get-MailboxPermission', parameters: { Identity: mailboxId } }
                : { name: 'Get-InboxRule', parameters: { Mailbox: mailboxId, IncludeHidden: true } };
            const found = await ctx.clients.exchange.run(call, ctx.signal);
            const type = phase === 'permissions' ? 'mailboxPermission' : 'inboxRule';
            const items = found.map((data, i) => ({ type, identity: `${mailboxId}|${String(data['User'] ?? data['RuleIdentity'] ?? data['Identity'] ?? i)}`, parent: mailboxId, data }));
            const next: Checkpoint = { ...cp, phase, afterMailbox: mailboxId, counts: { ...cp.counts, [phase]: cp.counts[phase] + items.length } };
            ctx.commit(() => repo.putItems(cp.snapshotId, items), { checkpoint: next, done: done() + items.length });
            cp = next;
          }
        }
        cp = { ...cp, phase: phase === 'permissions' ? 'inboxRules' : 'inboxRules', afterMailbox: null };
      }
    }

    ctx.commit(() => repo.complete(cp.snapshotId, Date.now()), { checkpoint: cp, done: done() });
    return {
      summary: {
        snapshotId: cp.snapshotId,
        items: repo.countItems(cp.snapshotId, 'mailbox'),
        casMailboxes: repo.countItems(cp.snapshotId, 'casMailbox'),
        ...(ctx.params.details ? { permissions: repo.countItems(cp.snapshotId, 'mailboxPermission'), inboxRules: repo.countItems(cp.snapshotId, 'inboxRule') } : {}),
      },
    };
  },
};

const ORDER: Phase[] = ['mailboxes', 'cas', 'permissions', 'inboxRules'];
function phaseIndex(phase: Phase): number {
  return ORDER.indexOf(phase);
}
function nextPhase(phase: 'mailboxes' | 'cas', details: boolean): Phase {
  if (phase === 'mailboxes') return 'cas';
  return details ? 'permissions' : 'inboxRules';
}
