import type { AuditRecordSource } from '../state/auditRecordSource.ts';
import type { AuditRecordsJson, ContentType } from '../tenant/model.ts';
import { PagedWriter, PagePool } from './blobPages.ts';
import type { GeneratorThread } from './generatorThread.ts';

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
const EMPTY_HOUR: AuditRecordsJson = { bytes: Buffer.alloc(0), count: 0, start: new Int32Array(0), end: new Int32Array(0), times: new Float64Array(0), contentTypes: [] };

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
  private readonly types: readonly ContentType[];
  private readonly budgetBytes: number;
  private readonly thread: GeneratorThread | undefined;
  private readonly pool = new PagePool();
  /** By `${hour}|${type}`, least recently used first. */
  private readonly entries = new Map<string, Entry>();
  /** Hours being generated, with the entries they make (by content type). */
  private readonly building = new Map<number, Promise<Map<ContentType, Entry>>>();
  private totalBytes = 0;

  /**
   * `types`: the content types the history has records of. With a generator thread, hours are generated there, and
   * the hour after each one asked for is generated ahead (collectors walk forward in time).
   */
  constructor(source: AuditRecordSource, slices: number, types: readonly ContentType[], options: { budgetBytes?: number; thread?: GeneratorThread } = {}) {
    this.source = source;
    this.slices = slices;
    this.types = types;
    this.budgetBytes = options.budgetBytes ?? DEFAULT_BUDGET_BYTES;
    this.thread = options.thread;
  }

  /** Slice `part` of hour h's records of one content type (records with CreationTime in that slice). */
  async blob(h: number, type: ContentType, part: number): Promise<BlobBody> {
    const key = `${h}|${type}`;
    let entry = this.entries.get(key);
    while (!entry) {
      // A type the history has no records of gets empty blobs.
      const made = (await this.build(h)).get(type) ?? this.cut(h, EMPTY_HOUR, type);
      // Evicted while this request waited (only with a budget below a few hours): generate it again.
      if (!made.dropped) entry = made;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    entry.served |= 1 << part;
    this.evict(key);
    this.generateAhead(h + 1, type);
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

  private generateAhead(h: number, type: ContentType): void {
    if (!this.thread || this.thread.broken || h >= this.source.hourCount || this.building.has(h) || this.entries.has(`${h}|${type}`)) return;
    // A failure here is met again, and reported, when the hour is asked for.
    this.build(h).catch(() => {});
  }

  /** Generates hour h (once, however many ask meanwhile) and keeps the blobs of every content type not kept yet. */
  private build(h: number): Promise<Map<ContentType, Entry>> {
    let building = this.building.get(h);
    if (!building) {
      building = this.generate(h).finally(() => this.building.delete(h));
      this.building.set(h, building);
    }
    return building;
  }

  private async generate(h: number): Promise<Map<ContentType, Entry>> {
    const thread = this.thread;
    if (thread && !thread.broken) {
      try {
        const hour = await thread.hour(h);
        try {
          return this.keep(h, hour);
        } finally {
          hour.release();
        }
      } catch (error) {
        // An error of the hour itself is the serving thread's too; a thread that is gone is not: carry on here.
        if (!thread.broken) throw error;
      }
    }
    return this.keep(h, this.source.generatedJson(h));
  }

  /** Cuts the hour's blobs of each content type not kept yet, and keeps them; returns every type's entry. */
  private keep(h: number, hour: AuditRecordsJson): Map<ContentType, Entry> {
    const made = new Map<ContentType, Entry>();
    for (const type of this.types) {
      const key = `${h}|${type}`;
      let entry = this.entries.get(key);
      if (!entry) {
        entry = this.cut(h, hour, type);
        this.totalBytes += entry.bytes;
        // Least recently used position for now: the one asked for is moved up by blob().
        this.entries.set(key, entry);
      }
      made.set(type, entry);
    }
    return made;
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
