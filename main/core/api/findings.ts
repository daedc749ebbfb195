import { WardenError } from '../../../shared/errors.ts';
import type { WardenEvents } from '../../../shared/ipc/events.ts';
import type { findingChannels } from '../../../shared/ipc/findings.ts';
import { loadContext, saveContextValue } from '../detect/context/contextStore.ts';
import { runDetections } from '../detect/engine/runDetections.ts';
import { findingDetail, listFindings, triageFinding } from '../detect/findings/findingQueries.ts';
import { addSuppression, listSuppressions, removeSuppression } from '../detect/findings/suppressions.ts';
import { describeRules } from '../detect/rules/describeRules.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import type { Emit } from '../ipc/emitter.ts';
import type { Logger } from '../log.ts';
import { recordDetail } from '../review/recordDetail.ts';
import type { EvidenceStore } from '../store/openStore.ts';

export interface FindingsApiDeps {
  /** The active profile's evidence store (detections write their own tables in it). */
  store(): Promise<EvidenceStore>;
  /** The same store, or null when no tenant profile exists yet: opening the view must not create one. */
  existingStore(): Promise<EvidenceStore | null>;
  /** Pushes the progress of a run to the window. */
  emit: Emit<WardenEvents>;
  log: Logger;
}

/** The Findings view and the detection settings over IPC. */
export function findingHandlers(deps: FindingsApiDeps): Handlers<typeof findingChannels> {
  const { store } = deps;
  return {
    'findings.run': async ({ full }) => {
      const s = await deps.existingStore();
      return s ? runDetections(s, { full: full === true, log: deps.log, onProgress: (p) => deps.emit('findings.progress', p) }) : null;
    },
    'findings.list': async (filter) => {
      const s = await deps.existingStore();
      if (!s) return { findings: [], suppressed: 0 };
      const findings = listFindings(s, filter);
      const suppressed = filter.includeSuppressed
        ? findings.filter((f) => f.suppressedBy !== null).length
        : listFindings(s, { ...filter, includeSuppressed: true }).length - findings.length;
      return { findings, suppressed };
    },
    'findings.detail': async ({ id }) => findingDetail(await store(), id),
    'findings.evidenceRecord': async ({ findingId, recordId }) => {
      const s = await store();
      const linked = s.db.prepare('SELECT 1 FROM finding_evidence WHERE finding_id = ? AND record_id = ?').get(findingId, recordId);
      if (!linked) throw new WardenError('not-found', `Record ${recordId} is not evidence of finding ${findingId}.`);
      return recordDetail(s, recordId);
    },
    'findings.triage': async ({ id, state, note }) => triageFinding(await store(), id, state, note),
    'findings.rules': () => describeRules(),
    'findings.suppressions.list': async () => listSuppressions(await store()),
    'findings.suppressions.add': async (input) => {
      const s = await store();
      const added = addSuppression(s, input);
      return listSuppressions(s).find((x) => x.id === added.id)!;
    },
    'findings.suppressions.remove': async ({ id }) => {
      removeSuppression(await store(), id);
      return { removed: true };
    },
    'findings.context.get': async () => loadContext(await store()),
    'findings.context.set': async (setting) => saveContextValue(await store(), setting.key, setting.value as never),
  };
}
