import { z } from 'zod';
import type { JobContext, JobKind } from '../jobs/jobKind.ts';
import { M365HttpError } from '../m365/http/httpErrors.ts';
import { InventoryRepository, type InventoryItem } from '../inventory/inventoryRepository.ts';
import { createPostureSnapshot, POSTURE_ITEM } from './postureSnapshot.ts';

const Params = z.strictObject({});
type Params = z.infer<typeof Params>;

type Phase = 'transport' | 'remoteDomains' | 'outboundSpam' | 'registration' | 'done';
const ORDER: Phase[] = ['transport', 'remoteDomains', 'outboundSpam', 'registration', 'done'];

interface Checkpoint {
  snapshotId: number;
  phase: Phase;
  /** Next page of the registration report (Graph @odata.nextLink); null at its start. */
  nextLink: string | null;
  items: number;
}

/** The cmdlets read once each: one phase, the item type, and what the part is called in a "missing" report. */
const EXCHANGE_PARTS = [
  { phase: 'transport', cmdlet: 'Get-TransportConfig', type: POSTURE_ITEM.transportConfig, what: 'organization-wide SMTP AUTH (Get-TransportConfig)' },
  { phase: 'remoteDomains', cmdlet: 'Get-RemoteDomain', type: POSTURE_ITEM.remoteDomain, what: 'automatic forwarding per remote domain (Get-RemoteDomain)' },
  { phase: 'outboundSpam', cmdlet: 'Get-HostedOutboundSpamFilterPolicy', type: POSTURE_ITEM.outboundSpamPolicy, what: 'automatic forwarding in the outbound spam policies (Get-HostedOutboundSpamFilterPolicy)' },
] as const;

const REGISTRATION_WHAT = 'MFA registration of every account (Graph reports/authenticationMethods/userRegistrationDetails)';
const REGISTRATION_PATH = 'reports/authenticationMethods/userRegistrationDetails';

/**
 * `inventory.posture`: the settings the posture checks need that no other inventory reads: organization-wide
 * SMTP AUTH (Get-TransportConfig), external auto-forwarding (Get-RemoteDomain, Get-HostedOutboundSpamFilterPolicy)
 * and MFA registration (Graph userRegistrationDetails, paged). A part the service refuses outright (the cmdlet is
 * not offered, the caller may not read it) is recorded as unavailable in the snapshot and reported missing, so
 * the job ends incomplete and the check that needs it says unknown, never pass.
 */
export const postureInventory: JobKind<Params, Checkpoint> = {
  kind: 'inventory.posture',
  params: Params,
  title: () => 'Posture settings inventory',
  remaining(checkpoint) {
    const phase = checkpoint?.phase ?? 'transport';
    const parts: Record<Phase, string> = {
      transport: EXCHANGE_PARTS[0].what,
      remoteDomains: EXCHANGE_PARTS[1].what,
      outboundSpam: EXCHANGE_PARTS[2].what,
      registration: `${REGISTRATION_WHAT}${checkpoint?.nextLink ? ` after the first ${checkpoint.items.toLocaleString('en-US')} items` : ''}`,
      done: '',
    };
    const left = ORDER.slice(ORDER.indexOf(phase)).filter((p) => p !== 'done').map((p) => parts[p]);
    return left.length ? left.join(', then ') : 'nothing (the snapshot was being closed)';
  },
  async run(ctx) {
    const repo = new InventoryRepository(ctx.store.db);
    let cp: Checkpoint = ctx.checkpoint ?? { snapshotId: 0, phase: 'transport', nextLink: null, items: 0 };
    if (cp.snapshotId === 0) {
      const start = cp;
      const snapshotId = ctx.commit(
        (db) => createPostureSnapshot(db, ctx.jobId, Date.now()),
        (id) => ({ checkpoint: { ...start, snapshotId: id }, done: 0 }),
      );
      cp = { ...cp, snapshotId };
    }
    const save = (next: Checkpoint, items: InventoryItem[]) => {
      ctx.commit(() => repo.putItems(next.snapshotId, items), { checkpoint: next, done: next.items });
      cp = next;
    };

    for (const part of EXCHANGE_PARTS) {
      if (cp.phase !== part.phase) continue;
      const then = ORDER[ORDER.indexOf(part.phase) + 1]!;
      let items: InventoryItem[];
      try {
        const found = await ctx.clients.exchange.run({ name: part.cmdlet }, ctx.signal);
        items = found.map((data, i) => ({ type: part.type, identity: identityOf(data, i), data }));
      } catch (error) {
        const why = refusal(error);
        if (!why) throw error;
        ctx.missing({ what: part.what, reason: why });
        items = [{ type: POSTURE_ITEM.unavailable, identity: part.cmdlet, data: { reason: why } }];
      }
      save({ ...cp, phase: then, items: cp.items + items.length }, items);
    }

    // `save` keeps this run's checkpoint current as the registration pages commit.
    if (cp.phase === 'registration') await registration(ctx, cp, save);

    ctx.commit(() => repo.complete(cp.snapshotId, Date.now()), { checkpoint: { ...cp, phase: 'done' }, done: cp.items });
    return {
      summary: {
        snapshotId: cp.snapshotId,
        items: cp.items,
        registrations: repo.countItems(cp.snapshotId, POSTURE_ITEM.registration),
        unavailable: repo.items(cp.snapshotId, POSTURE_ITEM.unavailable).map((u) => u.identity),
      },
    };
  },
};

/** Pages through the registration report from the checkpoint's nextLink, one commit per page. */
async function registration(ctx: JobContext<Params, Checkpoint>, start: Checkpoint, save: (next: Checkpoint, items: InventoryItem[]) => void): Promise<void> {
  const first = ctx.clients.graph.url('v1.0', REGISTRATION_PATH);
  let cp = start;
  for (;;) {
    let page;
    try {
      page = await ctx.clients.graph.page<Record<string, unknown>>(first, cp.nextLink, ctx.signal);
    } catch (error) {
      const why = refusal(error);
      if (!why) throw error;
      ctx.missing({ what: REGISTRATION_WHAT, reason: why });
      const next: Checkpoint = { ...cp, phase: 'done', nextLink: null, items: cp.items + 1 };
      save(next, [{ type: POSTURE_ITEM.unavailable, identity: REGISTRATION_PATH, data: { reason: why } }]);
      return;
    }
    const items = page.items.map((data, i) => ({ type: POSTURE_ITEM.registration, identity: identityOf(data, i), data }));
    const next: Checkpoint = page.nextLink ? { ...cp, nextLink: page.nextLink, items: cp.items + items.length } : { ...cp, phase: 'done', nextLink: null, items: cp.items + items.length };
    save(next, items);
    cp = next;
    if (!page.nextLink) return;
  }
}

function identityOf(item: Record<string, unknown>, index: number): string {
  for (const key of ['id', 'Guid', 'Identity', 'Name', 'userPrincipalName']) {
    const value = item[key];
    if (typeof value === 'string' && value) return value.toLowerCase();
  }
  return String(index);
}

/**
 * Why the service refuses a part outright (not a passing fault, which the HTTP layer has already retried):
 * the cmdlet or endpoint is not offered here, or the caller may not read it. null = a real failure.
 */
function refusal(error: unknown): string | null {
  if (!(error instanceof M365HttpError) || error.transient) return null;
  if (/CommandNotFoundException|is not recognized as a name of a cmdlet/.test(error.message)) return `this Exchange endpoint does not offer it (${error.message.slice(0, 160)})`;
  if (error.status === 403) return `the signed-in account or app may not read it (403: ${error.message.slice(0, 160)})`;
  if (error.status === 404) return `the service does not offer it (404: ${error.message.slice(0, 160)})`;
  return null;
}
