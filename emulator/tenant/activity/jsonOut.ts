// Audit records' JSON kept as UTF-8 bytes in one growing buffer, outside the JS heap. An hour of a large tenant is
// tens of thousands of ~2 kB records: held as strings until the hour is sorted and cut into blobs, they survive
// young-generation collections and are copied into the old generation (measured: GC then took ~30% of the feed's
// CPU). Written into the buffer as it is made, each record's text dies young and the GC never sees the bytes.

import type { AuditRecord, ContentType } from '../model.ts';
import { contentTypeOf } from './auditRecords.ts';

/** Where each record's bytes lie: record i is bytes[start[i], end[i]). */
export interface JsonSpans {
  bytes: Buffer;
  start: number[];
  end: number[];
}

export class JsonOut {
  private buf: Buffer;
  private at = 0;
  readonly start: number[] = [];
  readonly end: number[] = [];
  /** The time each record was made at (the hour's sort key). */
  readonly ms: number[] = [];
  /** CreationTime as epoch ms. */
  readonly times: number[] = [];
  readonly contentTypes: ContentType[] = [];

  /** Writes into `scratch` (grown when full: see `buffer`), so a caller can reuse one buffer for every hour. */
  constructor(scratch: Buffer = Buffer.allocUnsafe(1 << 20)) {
    this.buf = scratch;
  }

  /** The buffer written into (a larger one than given when it had to grow). */
  get buffer(): Buffer {
    return this.buf;
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.at + bytes, this.buf.length * 2));
    this.buf.copy(grown, 0, 0, this.at);
    this.buf = grown;
  }

  /** Adds one record's JSON text. */
  add(text: string, ms: number, createdMs: number, contentType: ContentType): void {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    this.room(text.length * 3);
    this.start.push(this.at);
    this.at += this.buf.write(text, this.at, 'utf8');
    this.end.push(this.at);
    this.ms.push(ms);
    this.times.push(createdMs);
    this.contentTypes.push(contentType);
  }

  /** A record built as an object (planned records, rare kinds without a writer): its JSON.stringify. */
  record(ms: number, record: AuditRecord): void {
    this.add(JSON.stringify(record), ms, Date.parse(`${record.CreationTime}Z`), contentTypeOf(record));
  }

  get count(): number {
    return this.start.length;
  }

  spans(): JsonSpans {
    return { bytes: this.buf.subarray(0, this.at), start: this.start, end: this.end };
  }
}
