// Audit records' JSON kept as UTF-8 bytes in one growing buffer, outside the JS heap. An hour of a large tenant is
// tens of thousands of ~2 kB records: held as strings until the hour is sorted and cut into blobs, they survive
// young-generation collections and are copied into the old generation (measured: GC then took ~30% of the feed's
// CPU). Written into the buffer as it is made, each record's text dies young and the GC never sees the bytes.
//
// The per-record columns (where the bytes lie, times, content types) are typed arrays kept from hour to hour for
// the same reason: an hour's worth of fresh number arrays (~200 bytes a record) outlives several scavenges, is
// promoted, and every ~50 MB of it cost a mark-compact of the whole tenant (~100 ms); reused, they cost nothing.

import type { AuditRecord, ContentType } from '../model.ts';
import { contentTypeOf } from './auditRecords.ts';

/** Record columns reused from hour to hour: only the first `count` entries are this hour's. */
export class RecordColumns {
  count = 0;
  start = new Int32Array(1024);
  end = new Int32Array(1024);
  /** CreationTime as epoch ms. */
  times = new Float64Array(1024);
  contentTypes: ContentType[] = [];

  /** Makes room for `n` records (keeping none): columns only ever grow. */
  reserve(n: number): void {
    if (n > this.start.length) {
      const size = Math.max(n, this.start.length * 2);
      this.start = new Int32Array(size);
      this.end = new Int32Array(size);
      this.times = new Float64Array(size);
    }
    // Filled up front so that writes in any order land in a packed array.
    while (this.contentTypes.length < n) this.contentTypes.push('Audit.Exchange');
  }
}

export class JsonOut {
  private buf: Buffer;
  private at = 0;
  private n = 0;
  start = new Int32Array(1024);
  end = new Int32Array(1024);
  /** The time each record was made at (the hour's sort key). */
  ms = new Float64Array(1024);
  /** CreationTime as epoch ms. */
  times = new Float64Array(1024);
  readonly contentTypes: ContentType[] = [];

  /** Writes into `scratch` (grown when full: see `buffer`), so a caller can reuse one buffer for every hour. */
  constructor(scratch: Buffer = Buffer.allocUnsafe(1 << 20)) {
    this.buf = scratch;
  }

  /** Forgets the records written so far: the buffer and columns are written over by the next hour. */
  reset(): void {
    this.at = 0;
    this.n = 0;
  }

  /** The buffer written into (a larger one than given when it had to grow). */
  get buffer(): Buffer {
    return this.buf;
  }

  /** Writes from now on into `scratch` instead (after a reset: what was written is not carried over). */
  set buffer(scratch: Buffer) {
    this.buf = scratch;
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.at + bytes, this.buf.length * 2));
    this.buf.copy(grown, 0, 0, this.at);
    this.buf = grown;
  }

  private moreRows(): void {
    const size = this.start.length * 2;
    const grow = <T extends Int32Array | Float64Array>(old: T, fresh: T): T => {
      fresh.set(old);
      return fresh;
    };
    this.start = grow(this.start, new Int32Array(size));
    this.end = grow(this.end, new Int32Array(size));
    this.ms = grow(this.ms, new Float64Array(size));
    this.times = grow(this.times, new Float64Array(size));
  }

  /** Adds one record's JSON text. */
  add(text: string, ms: number, createdMs: number, contentType: ContentType): void {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    this.room(text.length * 3);
    const i = this.n++;
    if (i === this.start.length) this.moreRows();
    this.start[i] = this.at;
    this.at += this.buf.write(text, this.at, 'utf8');
    this.end[i] = this.at;
    this.ms[i] = ms;
    this.times[i] = createdMs;
    this.contentTypes[i] = contentType;
  }

  /** A record built as an object (planned records, rare kinds without a writer): its JSON.stringify. */
  record(ms: number, record: AuditRecord): void {
    this.add(JSON.stringify(record), ms, Date.parse(`${record.CreationTime}Z`), contentTypeOf(record));
  }

  get count(): number {
    return this.n;
  }

  /** The bytes written since the last reset. */
  get bytes(): Buffer {
    return this.buf.subarray(0, this.at);
  }
}
