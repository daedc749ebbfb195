import type { NormalizedFields, RecordKind } from '../../store/recordFields.ts';

/** One source record mapped onto the store's normalized fields. */
export interface MappedRecord {
  kind: RecordKind;
  /** The shape that was read: ual, purview-csv, sual-json, graph-audit-record, la-office-activity, graph-directory-audit, la-audit-logs, graph-signin, la-signin. */
  format: string;
  sourceId: string | null;
  /** Stable across re-imports; see each mapper for what makes two records the same. */
  dedupKey: string;
  fields: NormalizedFields;
  /** Notes for the import summary, e.g. where the time came from when the usual field is missing. */
  notes: string[];
}

/** The record cannot be read; the message says why (the caller adds file and line). */
export class RecordRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordRejected';
  }
}

/** What a mapper gets besides the parsed record. */
export interface MapContext {
  /** SHA-256 (hex) of the raw bytes, for records whose id alone does not identify them. */
  rawHash(): string;
}
