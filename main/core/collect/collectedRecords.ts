import { hash } from 'node:crypto';
import type { Obj } from '../importers/fieldAccess.ts';
import { JsonRecordSplitter } from '../importers/jsonRecordSplitter.ts';
import { searchText } from '../importers/searchText.ts';
import { mapDirectoryAudit } from '../importers/shapes/directoryAudit.ts';
import { RecordRejected, type MapContext, type MappedRecord } from '../importers/shapes/mappedRecord.ts';
import { mapSignIn } from '../importers/shapes/signIn.ts';
import { mapUalRecord } from '../importers/shapes/ualRecord.ts';
import type { EvidenceRecord } from '../store/recordFields.ts';

/** A record as the service sent it: its exact bytes and its parsed value. */
export interface RawRecord {
  raw: Buffer;
  value: Obj;
  /** Where a Search-UnifiedAuditLog record came from: its output object (CreationDate, Operations...). */
  envelope?: Obj;
}

/** A record the store cannot hold (no time, not an object...), and why. */
export interface UnreadableRecord {
  id: string | null;
  reason: string;
}

export interface MappedPage {
  records: EvidenceRecord[];
  unreadable: UnreadableRecord[];
}

/**
 * The exact bytes of each element of a JSON array (a content blob) or of a Graph page's `value`. The store
 * keeps every record byte for byte and de-duplicates on those bytes, so the record is cut out of the
 * response rather than serialized again. Throws on text that is not complete JSON, inside the HTTP layer's
 * parse step, so a body cut off in transit is fetched again.
 */
export function recordSlices(text: string): Buffer[] {
  const splitter = new JsonRecordSplitter();
  const bytes = Buffer.from(text, 'utf8');
  return [...splitter.push(bytes), ...splitter.end()].map((s) => s.bytes);
}

/** A content blob: a JSON array of audit records, each parsed and kept with its bytes. */
export function readBlob(text: string): RawRecord[] {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('[')) throw new SyntaxError('a content blob must be a JSON array');
  return recordSlices(text).map((raw) => {
    const value = JSON.parse(raw.toString('utf8')) as unknown;
    return { raw, value: (value && typeof value === 'object' && !Array.isArray(value) ? value : { value }) as Obj };
  });
}

export type RecordShape = 'signin' | 'directory-audit' | 'ual';

const MAPPERS: Record<RecordShape, (value: Obj, format: string, ctx: MapContext, envelope?: Obj) => MappedRecord> = {
  signin: mapSignIn,
  'directory-audit': mapDirectoryAudit,
  ual: mapUalRecord,
};

/** Maps collected records onto the store's rows with the importers' mappers (one mapping, whatever the source). */
export function mapRecords(items: readonly RawRecord[], shape: RecordShape, format: string): MappedPage {
  const records: EvidenceRecord[] = [];
  const unreadable: UnreadableRecord[] = [];
  const map = MAPPERS[shape];
  for (const item of items) {
    const ctx: MapContext = { rawHash: () => hash('sha256', item.raw, 'hex') };
    try {
      const mapped = map(item.value, format, ctx, item.envelope);
      records.push({
        kind: mapped.kind,
        format: mapped.format,
        sourceId: mapped.sourceId,
        dedupKey: mapped.dedupKey,
        fields: mapped.fields,
        raw: item.raw,
        text: searchText(item.value),
      });
    } catch (error) {
      if (!(error instanceof RecordRejected)) throw error;
      const id = item.value['Id'] ?? item.value['id'];
      unreadable.push({ id: typeof id === 'string' ? id : null, reason: error.message });
    }
  }
  return { records, unreadable };
}
