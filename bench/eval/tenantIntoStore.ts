import { hash } from 'node:crypto';
import type { Tenant } from '../../emulator/tenant/index.ts';
import type { Obj } from '../../main/core/importers/fieldAccess.ts';
import { searchText } from '../../main/core/importers/searchText.ts';
import { mapDirectoryAudit } from '../../main/core/importers/shapes/directoryAudit.ts';
import type { MappedRecord } from '../../main/core/importers/shapes/mappedRecord.ts';
import { mapSignIn } from '../../main/core/importers/shapes/signIn.ts';
import { mapUalRecord } from '../../main/core/importers/shapes/ualRecord.ts';
import { BatchWriter } from '../../main/core/store/batchWriter.ts';
import type { EvidenceStore } from '../../main/core/store/openStore.ts';

type Mapper = (record: Obj, raw: Buffer) => MappedRecord;

const ctxFor = (raw: Buffer) => ({ rawHash: () => hash('sha256', raw, 'hex') });
const MAPPERS: Record<'signIns' | 'directoryAudits' | 'auditRecords', { source: string; map: Mapper }> = {
  signIns: { source: 'graph:signIns', map: (r, raw) => mapSignIn(r, 'graph-signin', ctxFor(raw)) },
  directoryAudits: { source: 'graph:directoryAudits', map: (r, raw) => mapDirectoryAudit(r, 'graph-directory-audit', ctxFor(raw)) },
  auditRecords: { source: 'activity:audit', map: (r, raw) => mapUalRecord(r, 'ual', ctxFor(raw)) },
};

/**
 * Feeds a synthetic tenant's whole history into a store the way a collection job does: one batch
 * per source and hour, each record mapped by the importers' own mappers and written by BatchWriter.
 */
export function loadTenantIntoStore(
  tenant: Tenant,
  store: EvidenceStore,
  onHour?: (h: number) => void,
  /** Stop taking a kind once this many of it are stored (the rest of its hours are skipped). */
  max: Partial<Record<keyof typeof MAPPERS, number>> = {},
): number {
  let total = 0;
  const taken = { signIns: 0, directoryAudits: 0, auditRecords: 0 };
  for (let h = 0; h < tenant.activity.hourCount; h++) {
    for (const kind of ['signIns', 'directoryAudits', 'auditRecords'] as const) {
      const room = (max[kind] ?? Infinity) - taken[kind];
      if (room <= 0) continue;
      const records = (tenant.activity[kind](h) as unknown as Obj[]).slice(0, room);
      taken[kind] += records.length;
      if (records.length === 0) continue;
      const { source, map } = MAPPERS[kind];
      const writer = new BatchWriter(store, { source, origin: `hour ${h}` });
      try {
        for (const record of records) {
          const raw = Buffer.from(JSON.stringify(record));
          const mapped = map(record, raw);
          writer.add({ ...mapped, raw, text: searchText(record) });
        }
        total += writer.commit().inserted;
      } catch (error) {
        writer.abort();
        throw error;
      }
    }
    onHour?.(h);
  }
  return total;
}
