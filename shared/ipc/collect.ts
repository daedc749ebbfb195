import { z } from 'zod';
import { JobSnapshot } from '../model/jobs.ts';
import { channel } from './channel.ts';

/** What can be collected from a tenant: Entra sign-ins, Entra directory audits, the unified audit log. */
export const CollectSource = z.enum(['signins', 'directory-audits', 'audit']);
export type CollectSource = z.infer<typeof CollectSource>;

/** Collection ranges lie between 2000 and 2100 (UTC epoch ms). */
const Time = z.number().int().min(946_684_800_000).max(4_102_444_800_000);
const AuthMode = z.enum(['user', 'app']);

const Range = { fromMs: Time.optional(), toMs: Time.optional(), authMode: AuthMode.optional() };
const endsAfterStart = (r: { fromMs?: number | undefined; toMs?: number | undefined }) => r.fromMs === undefined || r.toMs === undefined || r.fromMs < r.toMs;
const rangeMessage = { message: 'the time range must end after it starts', path: ['toMs'] };

export const CollectStartRequest = z.strictObject({ sources: z.array(CollectSource).min(1).max(3), ...Range }).refine(endsAfterStart, rangeMessage);
export const CollectGapsRequest = z
  .strictObject({ ledgerSources: z.array(z.string().min(1).max(80)).min(1).max(20).optional(), ...Range })
  .refine(endsAfterStart, rangeMessage);

/** One collected log as the completeness ledger names it ('graph:signIns', 'activity:Audit.Exchange', 'ual-search'...). */
export const CollectedLog = z.object({
  source: z.string(),
  family: CollectSource,
  /** Collected without a hole up to here (epoch ms); null before the first collection. */
  watermarkMs: z.number().int().nullable(),
  /** Ledger windows marked gap, partial or pending: what `collect.gaps` would collect again. */
  openWindows: z.number().int(),
});
export type CollectedLog = z.infer<typeof CollectedLog>;

/**
 * Collection into the active tenant's evidence store. Both start a resumable `collect` job (progress arrives
 * as `jobs.update` events; an unfinished job with the same parameters is resumed rather than started again).
 */
export const collectChannels = {
  /** Collects `sources` over [fromMs, toMs); without a range, from each log's watermark (less an hour) to now. */
  'collect.start': channel(CollectStartRequest, JobSnapshot),
  /**
   * Collects again exactly the windows the ledger marks as gap, partial or pending, of the named ledger
   * sources (all collected logs when omitted) that overlap [fromMs, toMs): the coverage strip's "re-collect".
   */
  'collect.gaps': channel(CollectGapsRequest, JobSnapshot),
  /** Every collected log with its watermark and how many of its ledger windows are open. */
  'collect.status': channel(z.strictObject({}), z.object({ logs: z.array(CollectedLog) })),
};
