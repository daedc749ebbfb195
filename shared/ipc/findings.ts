import { z } from 'zod';
import { channel } from './channel.ts';
import { RecordDetail } from '../model/evidence.ts';
import {
  DetectContext,
  Finding,
  FindingDetail,
  FindingFilter,
  RuleSummary,
  RunSummary,
  Suppression,
  SuppressionInput,
  TriageState,
} from '../model/findings.ts';

const FindingId = z.strictObject({ id: z.number().int().positive() });

const setting = <K extends keyof typeof DetectContext.shape>(key: K) => z.strictObject({ key: z.literal(key), value: DetectContext.shape[key] });
const ContextSetting = z.discriminatedUnion('key', [
  setting('trustedNetworks'),
  setting('homeCountries'),
  setting('workingHours'),
  setting('admins'),
  setting('automationAccounts'),
  setting('organizationDomains'),
]);

/** Detections over the active tenant's evidence store (the Findings view; Settings for the context). */
export const findingChannels = {
  /** Runs the rules over what is new since the last run (all of it with `full`). */
  /** Null when no tenant profile exists yet: there is nothing to run over, and opening the view creates nothing. */
  'findings.run': channel(z.strictObject({ full: z.boolean().optional() }), RunSummary.nullable()),
  'findings.list': channel(FindingFilter, z.object({ findings: z.array(Finding), suppressed: z.number().int() })),
  'findings.detail': channel(FindingId, FindingDetail),
  /** One evidence record of a finding, in full (raw and parsed), as the review layer shows records. */
  'findings.evidenceRecord': channel(z.strictObject({ findingId: z.number().int().positive(), recordId: z.number().int().positive() }), RecordDetail),
  'findings.triage': channel(
    z.strictObject({ id: z.number().int().positive(), state: TriageState.nullable(), note: z.string().max(10_000).nullable() }),
    FindingDetail,
  ),
  'findings.rules': channel(z.strictObject({}), z.array(RuleSummary)),
  'findings.suppressions.list': channel(z.strictObject({}), z.array(Suppression)),
  'findings.suppressions.add': channel(SuppressionInput, Suppression),
  'findings.suppressions.remove': channel(FindingId, z.object({ removed: z.boolean() })),
  'findings.context.get': channel(z.strictObject({}), DetectContext),
  /** Replaces one context setting (the rules re-run in full next time). */
  'findings.context.set': channel(ContextSetting, DetectContext),
};
