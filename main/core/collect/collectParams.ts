import { z } from 'zod';
import { COLLECT_FAMILIES, familyOfLedgerSource } from './collectSources.ts';

/** Epoch ms between the years 2000 and 2100: anything else is a typo, not a log range. */
const Time = z
  .number()
  .int()
  .min(Date.UTC(2000, 0, 1), 'must be after the year 2000')
  .max(Date.UTC(2100, 0, 1), 'must be before the year 2100');

/**
 * The parameters of a `collect` job. Without a range, each log continues from its watermark (less a small
 * overlap) up to now, or starts at the log's retention on the first run. With `gaps`, only the windows the
 * ledger marks as gap, partial or pending are collected again (within the range, of `ledgerSources` when
 * given).
 */
export const CollectParams = z
  .strictObject({
    sources: z
      .array(z.enum(COLLECT_FAMILIES))
      .min(1, 'name at least one of signins, directory-audits, audit')
      .transform((list) => COLLECT_FAMILIES.filter((f) => list.includes(f))),
    fromMs: Time.nullable().default(null),
    toMs: Time.nullable().default(null),
    gaps: z.boolean().default(false),
    ledgerSources: z
      .array(z.string().refine((s) => familyOfLedgerSource(s) !== null, { message: 'not a ledger source collection writes' }))
      .min(1)
      .nullable()
      .default(null)
      .transform((list) => (list ? [...new Set(list)].sort() : null)),
  })
  .refine((p) => p.fromMs === null || p.toMs === null || p.fromMs < p.toMs, { message: 'the time range must end after it starts', path: ['toMs'] })
  .refine((p) => p.ledgerSources === null || p.gaps, { message: 'ledger sources are named only when re-collecting gaps', path: ['ledgerSources'] })
  .refine((p) => p.ledgerSources === null || p.ledgerSources.every((s) => p.sources.includes(familyOfLedgerSource(s)!)), {
    message: 'every ledger source must belong to one of the sources collected',
    path: ['ledgerSources'],
  });
export type CollectParams = z.output<typeof CollectParams>;
export type CollectParamsInput = z.input<typeof CollectParams>;

const FAMILY_TITLES = { signins: 'sign-ins', 'directory-audits': 'directory audits', audit: 'unified audit log' } as const;

export function collectTitle(p: CollectParams): string {
  const what = p.sources.map((s) => FAMILY_TITLES[s]).join(', ');
  const at = (ms: number) => `${new Date(ms).toISOString().slice(0, 16)}Z`;
  const range =
    p.fromMs === null && p.toMs === null ? '' : ` ${p.fromMs === null ? 'from the watermark' : at(p.fromMs)} to ${p.toMs === null ? 'now' : at(p.toMs)}`;
  if (p.gaps) return `Re-collect the gaps of ${p.ledgerSources ? p.ledgerSources.join(', ') : what}${range}`;
  return `Collect ${what}${range || ' (incremental)'}`;
}
