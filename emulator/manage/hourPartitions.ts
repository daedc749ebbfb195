import type { AuditRecord, ContentType } from '../tenant/model.ts';
import type { AuditRecordSource } from '../state/auditRecordSource.ts';

/**
 * Generated audit records of one hour, split by content type, for the last few hours asked for: a client fetches
 * an hour's blobs one after another, and each blob is a slice of the hour.
 */
export class HourPartitions {
  private readonly source: AuditRecordSource;
  private readonly recent = new Map<number, Map<ContentType, AuditRecord[]>>();
  private readonly keep: number;

  constructor(source: AuditRecordSource, keep = 4) {
    this.source = source;
    this.keep = keep;
  }

  records(h: number, type: ContentType): readonly AuditRecord[] {
    return this.split(h).get(type) ?? [];
  }

  private split(h: number): Map<ContentType, AuditRecord[]> {
    const cached = this.recent.get(h);
    if (cached) {
      this.recent.delete(h);
      this.recent.set(h, cached);
      return cached;
    }
    const byType = new Map<ContentType, AuditRecord[]>();
    for (const record of this.source.generated(h)) {
      const type = this.source.contentTypeOf(record);
      let list = byType.get(type);
      if (!list) byType.set(type, (list = []));
      list.push(record);
    }
    this.recent.set(h, byType);
    if (this.recent.size > this.keep) this.recent.delete(this.recent.keys().next().value as number);
    return byType;
  }
}
