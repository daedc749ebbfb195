import type { AuditRecordSource } from '../state/auditRecordSource.ts';
import type { ContentType } from '../tenant/model.ts';
import { PagedWriter, PagePool } from './blobPages.ts';

/** A content blob's body, ready to send. */
export interface BlobBody {
  /** The JSON array of the blob's records, UTF-8, in pieces to send one after another. */
  chunks: readonly Buffer[];
  size: number;
  records: number;
  /** Call once the body has been sent or abandoned (the memory it lies in may then be reused). */
  release(): void;
}

interface Blob {
  chunks: readonly Buffer[];
  size: number;
  records: number;
}

const EMPTY_BLOB: Blob = { chunks: [Buffer.from('[]')], size: 2, records: 0 };

/** The blobs of one content type in one hour, one per time slice. */
interface Entry {
  blobs: Blob[];
  bytes: number;
  /** Bit i set once slice i has been served. */
  served: number;
  /** The pages the blobs lie in. */
  pages: Buffer[];
  /** Responses still sending one of these blobs. */
  sending: number;
  /** No longer kept: its pages go back to the pool once nothing is sending from them. */
  dropped: boolean;
}

/** Blob bytes kept at most (more only while a single hour needs it). */
const DEFAULT_BUDGET_BYTES = 256 * 1024 * 1024;

/**
 * The history blobs of each hour: its generated audit records split by content type and cut into `slices` equal
 * time slices, each kept as the bytes of its JSON array, so fetching a blob again costs nothing while it is kept.
 *
 * Generating an hour makes the blobs of every content type at once, and a collector typically walks one content
 * type through a whole day before the next one, so the blobs of the other types are kept (within a byte budget)
 * until they are asked for: each hour is generated once instead of once per type. When the budget is reached, the
 * blobs already served go first, then the least recently used. Their memory is reused (see blobPages.ts).
 */
export class HistoryBlobs {
  private readonly source: AuditRecordSource;
  private readonly slices: number;
  private readonly budgetBytes: number;
  private readonly pool = new PagePool();
  /** By `${hour}|${type}`, least recently used first. */
  private readonly entries = new Map<string, Entry>();
  private totalBytes = 0;

  constructor(source: AuditRecordSource, slices: number, budgetBytes = DEFAULT_BUDGET_BYTES) {
    this.source = source;
    this.slices = slices;
    this.budgetBytes = budgetBytes;
  }

  /** Slice `part` of hour h's records of one content type (records with CreationTime in that slice). */
  blob(h: number, type: ContentType, part: number): BlobBody {
    const key = `${h}|${type}`;
    let entry = this.entries.get(key);
    if (entry) this.entries.delete(key);
    else entry = this.build(h, type);
    this.entries.set(key, entry);
    entry.served |= 1 << part;
    this.evict(key);
    const blob = entry.blobs[part] ?? EMPTY_BLOB;
    const held = entry;
    held.sending += 1;
    let released = false;
    return {
      ...blob,
      release: () => {
        if (released) return;
        released = true;
        held.sending -= 1;
        this.recycle(held);
      },
    };
  }

  /** Generates hour h and keeps its blobs of every content type not kept yet; returns those of `wanted`. */
  private build(h: number, wanted: ContentType): Entry {
    const { bytes, start, end, contentTypes, times } = this.source.generatedJson(h);
    const grouped = new Map<ContentType, { start: number[]; end: number[]; times: number[] }>();
    for (let i = 0; i < start.length; i++) {
      const type = contentTypes[i]!;
      let group = grouped.get(type);
      if (!group) grouped.set(type, (group = { start: [], end: [], times: [] }));
      group.start.push(start[i]!);
      group.end.push(end[i]!);
      group.times.push(times[i]!);
    }
    const hourMs = this.source.hourStartMs(h);
    const sliceMs = 3_600_000 / this.slices;
    let result: Entry | undefined;
    for (const [type, group] of grouped) {
      const key = `${h}|${type}`;
      const kept = this.entries.get(key);
      if (kept) {
        if (type === wanted) result = kept;
        continue;
      }
      const writer = new PagedWriter(this.pool);
      const entry: Entry = { blobs: [], bytes: 0, served: 0, pages: writer.pages, sending: 0, dropped: false };
      for (let part = 0; part < this.slices; part++) {
        const from = lowerBound(group.times, hourMs + part * sliceMs);
        const to = lowerBound(group.times, hourMs + (part + 1) * sliceMs);
        const blob = to > from ? jsonArray(writer, bytes, group.start, group.end, from, to) : EMPTY_BLOB;
        entry.blobs.push(blob);
        entry.bytes += blob.size;
      }
      this.totalBytes += entry.bytes;
      if (type === wanted) result = entry;
      // The wanted entry is added by the caller (most recently used); the others wait here to be asked for.
      else this.entries.set(key, entry);
    }
    // An hour without records of this type is remembered too, so asking again does not generate it again.
    return result ?? { blobs: new Array<Blob>(this.slices).fill(EMPTY_BLOB), bytes: 0, served: 0, pages: [], sending: 0, dropped: false };
  }

  private evict(keep: string): void {
    const all = (1 << this.slices) - 1;
    while (this.totalBytes > this.budgetBytes && this.entries.size > 1) {
      let victim: string | undefined;
      for (const [key, entry] of this.entries) {
        if (key !== keep && entry.served === all) {
          victim = key;
          break;
        }
      }
      victim ??= [...this.entries.keys()].find((key) => key !== keep);
      if (victim === undefined) return;
      const entry = this.entries.get(victim)!;
      this.entries.delete(victim);
      this.totalBytes -= entry.bytes;
      entry.dropped = true;
      this.recycle(entry);
    }
  }

  private recycle(entry: Entry): void {
    if (!entry.dropped || entry.sending > 0 || entry.pages.length === 0) return;
    this.pool.give(entry.pages);
    entry.pages = [];
  }
}

/** `[r0,r1,...]` of records from..to-1: byte for byte what JSON.stringify gives for the array of those records. */
function jsonArray(writer: PagedWriter, bytes: Buffer, start: readonly number[], end: readonly number[], from: number, to: number): Blob {
  writer.start();
  for (let i = from; i < to; i++) {
    writer.byte(i === from ? 0x5b : 0x2c); // '[' then ','
    writer.copy(bytes, start[i]!, end[i]!);
  }
  writer.byte(0x5d); // ']'
  return { ...writer.finish(), records: to - from };
}

/** First index whose time is >= t (times ascending). */
function lowerBound(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
