import type { AuditRecordSource } from '../state/auditRecordSource.ts';
import type { AuditRecordsJson, ContentType } from '../tenant/model.ts';
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
    const hour = this.source.generatedJson(h);
    const types = new Set<ContentType>();
    for (let i = 0; i < hour.count; i++) types.add(hour.contentTypes[i]!);
    let result: Entry | undefined;
    for (const type of types) {
      const key = `${h}|${type}`;
      const kept = this.entries.get(key);
      if (kept) {
        if (type === wanted) result = kept;
        continue;
      }
      const entry = this.cut(h, hour, type);
      this.totalBytes += entry.bytes;
      if (type === wanted) result = entry;
      // The wanted entry is added by the caller (most recently used); the others wait here to be asked for.
      else this.entries.set(key, entry);
    }
    // An hour without records of this type is remembered too, so asking again does not generate it again.
    return result ?? { blobs: new Array<Blob>(this.slices).fill(EMPTY_BLOB), bytes: 0, served: 0, pages: [], sending: 0, dropped: false };
  }

  /**
   * The blobs of one content type of the hour: one walk over its records (in CreationTime order), each going into
   * the slice its time falls in; records outside the hour go nowhere.
   */
  private cut(h: number, hour: AuditRecordsJson, type: ContentType): Entry {
    const writer = new PagedWriter(this.pool);
    const entry: Entry = { blobs: [], bytes: 0, served: 0, pages: writer.pages, sending: 0, dropped: false };
    const hourMs = this.source.hourStartMs(h);
    const sliceMs = 3_600_000 / this.slices;
    let part = 0;
    let records = 0;
    const close = (): void => {
      let blob = EMPTY_BLOB;
      if (records > 0) {
        writer.byte(0x5d); // ']'
        blob = { ...writer.finish(), records };
      }
      entry.blobs.push(blob);
      entry.bytes += blob.size;
      records = 0;
      part += 1;
    };
    for (let i = 0; i < hour.count && part < this.slices; i++) {
      if (hour.contentTypes[i] !== type) continue;
      const t = hour.times[i]!;
      if (t < hourMs) continue;
      while (part < this.slices && t >= hourMs + (part + 1) * sliceMs) close();
      if (part === this.slices) break;
      if (records === 0) {
        writer.start();
        writer.byte(0x5b); // '['
      } else writer.byte(0x2c); // ','
      writer.copy(hour.bytes, hour.start[i]!, hour.end[i]!);
      records += 1;
    }
    while (part < this.slices) close();
    return entry;
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
