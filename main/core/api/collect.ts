import { WardenError } from '../../../shared/errors.ts';
import type { collectChannels, CollectedLog } from '../../../shared/ipc/collect.ts';
import { COLLECT_JOB_KIND } from '../collect/collectJob.ts';
import { CollectParams, type CollectParamsInput } from '../collect/collectParams.ts';
import { AUDIT_WATERMARK, COLLECT_FAMILIES, familyOfLedgerSource, GRAPH_SOURCES, ledgerSourcesOf, type CollectFamily } from '../collect/collectSources.ts';
import { listWatermarks } from '../collect/collectWatermarks.ts';
import { windowsToRecollect } from '../collect/ledgerWindows.ts';
import type { EvidenceStores } from '../evidenceStores.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import type { JobEngine } from '../jobs/jobEngine.ts';
import type { ProfileRegistry } from '../profiles/profileRegistry.ts';
import { describeZodError } from '../zodMessages.ts';

/** The collect.* channels on the active tenant profile (which must reach a tenant). */
export function collectHandlers(deps: { jobs: JobEngine; profiles: ProfileRegistry; stores: EvidenceStores }): Handlers<typeof collectChannels> {
  const connected = () => {
    const profile = deps.profiles.active();
    if (!profile) throw new WardenError('invalid-input', 'No active tenant profile: choose one in Accounts.');
    if (profile.kind === 'offline')
      throw new WardenError('invalid-input', `${profile.name} is an offline profile (imported logs only): collection needs a tenant.`);
    return profile;
  };
  const start = (input: CollectParamsInput, authMode: 'user' | 'app' | undefined) => {
    const parsed = CollectParams.safeParse(input);
    if (!parsed.success) throw new WardenError('invalid-input', describeZodError(parsed.error));
    return deps.jobs.startOrResume(connected().id, COLLECT_JOB_KIND, parsed.data, authMode);
  };
  return {
    'collect.start': ({ sources, fromMs, toMs, authMode }) => start({ sources, fromMs: fromMs ?? null, toMs: toMs ?? null }, authMode),
    'collect.gaps': ({ ledgerSources, fromMs, toMs, authMode }) => {
      const families = ledgerSources
        ? [...new Set(ledgerSources.map((s) => familyOfLedgerSource(s)))].filter((f): f is CollectFamily => f !== null)
        : [...COLLECT_FAMILIES];
      if (ledgerSources && families.length === 0)
        throw new WardenError('invalid-input', `None of ${ledgerSources.join(', ')} is a log Warden collects (imports cannot be re-collected).`);
      return start({ sources: families, fromMs: fromMs ?? null, toMs: toMs ?? null, gaps: true, ledgerSources: ledgerSources ?? null }, authMode);
    },
    'collect.status': async () => {
      const profile = deps.profiles.active();
      if (!profile || profile.kind === 'offline') return { logs: [] };
      const store = await deps.stores.forProfile(profile.id);
      const marks = listWatermarks(store.db);
      const logs: CollectedLog[] = [];
      for (const family of COLLECT_FAMILIES) {
        for (const source of ledgerSourcesOf(family)) {
          const watermark = source in GRAPH_SOURCES ? marks.get(source) : marks.get(AUDIT_WATERMARK);
          logs.push({ source, family, watermarkMs: watermark ?? null, openWindows: windowsToRecollect(store, [source], {}).length });
        }
      }
      return { logs };
    },
  };
}
