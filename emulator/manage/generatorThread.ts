// Generates hours of audit records on a worker thread, so the thread that answers HTTPS requests keeps sending
// while the next hour is being made.
//
// Why: generating an hour of a large tenant blocks for 30-100 ms. On the main thread, every response in flight
// stalls meanwhile, and the collector on the other side of the socket runs dry; then the collector parses while
// the emulator waits for its next request. Measured on this 2-core machine (npm run bench:emulator), the emulator
// and the collector each sat idle about a quarter of the time. The worker makes the next hour while the main
// thread serves the last one.
//
// The worker builds its own copy of the tenant from the same options. That is exact: the generated history is a
// function of those options alone (records caused through the emulator live in the overlay, not in it).
import { Worker } from 'node:worker_threads';
import type { AuditRecordsJson, ContentType, TenantOptions } from '../tenant/model.ts';
import { CONTENT_TYPES } from './contentTypes.ts';

export interface HourRequest {
  h: number;
  /** Which of the shared buffers to write the hour's bytes into. */
  slot: number;
}

export interface HourReply {
  h: number;
  /** A larger buffer the worker made for this slot when the hour did not fit (it keeps it for later hours). */
  grown?: SharedArrayBuffer;
  size: number;
  start: Int32Array<ArrayBuffer>;
  end: Int32Array<ArrayBuffer>;
  times: Float64Array<ArrayBuffer>;
  /** Index into CONTENT_TYPES per record. */
  types: Uint8Array<ArrayBuffer>;
}

interface HourFailure {
  h: number;
  error: string;
}

/** An hour's records, readable until release() (the buffer it lies in is then reused). */
export interface GeneratedHour extends AuditRecordsJson {
  release(): void;
}

interface Ask {
  h: number;
  resolve: (hour: GeneratedHour) => void;
  reject: (error: Error) => void;
}

/** Bytes of each shared buffer to begin with: an hour of a 12,500-user tenant is ~13 MB. */
const INITIAL_SLOT_BYTES = 16 << 20;

/**
 * Hours generated one at a time, in the order asked. Each is written into one of `slots` buffers shared with the
 * worker (handed over once: a buffer posted with every hour counts as fresh external memory each time, which V8
 * answers with full collections); at most that many hours are held unreleased, and further asks wait.
 */
export class GeneratorThread {
  private readonly worker: Worker;
  private readonly slots: SharedArrayBuffer[];
  private readonly free: number[];
  private readonly waiting: Ask[] = [];
  private pending: (Ask & { slot: number }) | null = null;
  private failure: Error | null = null;

  private readonly onFailure: ((error: Error) => void) | undefined;

  /** `onFailure`: told once if the worker fails (not when closed); HistoryBlobs then generates on its own thread. */
  constructor(
    options: TenantOptions,
    { slots = 2, slotBytes = INITIAL_SLOT_BYTES, onFailure }: { slots?: number; slotBytes?: number; onFailure?: (error: Error) => void } = {},
  ) {
    const { end, ...rest } = options;
    this.onFailure = onFailure;
    this.slots = Array.from({ length: slots }, () => new SharedArrayBuffer(slotBytes));
    this.free = this.slots.map((_, i) => i);
    // The worker is the .ts file itself, run with Node's type stripping (like the CLI that starts it).
    this.worker = new Worker(new URL('./generatorWorker.ts', import.meta.url), { workerData: { ...rest, endMs: end.getTime(), slots: this.slots } });
    this.worker.unref();
    this.worker.on('message', (reply: HourReply | HourFailure) => this.answer(reply));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the generator thread exited (code ${code})`)));
  }

  /** Closed, or the worker failed: every ask is refused from then on. */
  get broken(): boolean {
    return this.failure !== null;
  }

  /** Hour h's audit records. Release the result once read. */
  hour(h: number): Promise<GeneratedHour> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ h, resolve, reject });
      this.next();
    });
  }

  async close(): Promise<void> {
    this.fail(new Error('the generator thread is closed'), false);
    await this.worker.terminate();
  }

  private next(): void {
    if (this.pending || this.waiting.length === 0 || this.free.length === 0) return;
    this.pending = { ...this.waiting.shift()!, slot: this.free.pop()! };
    const request: HourRequest = { h: this.pending.h, slot: this.pending.slot };
    this.worker.postMessage(request);
  }

  private answer(reply: HourReply | HourFailure): void {
    const asked = this.pending;
    this.pending = null;
    if (!asked || asked.h !== reply.h) return this.fail(new Error(`the generator thread answered hour ${reply.h} unasked`));
    const slot = asked.slot;
    if ('error' in reply) {
      this.free.push(slot);
      asked.reject(new Error(`generating hour ${reply.h} failed on the generator thread: ${reply.error}`));
      this.next();
      return;
    }
    if (reply.grown) this.slots[slot] = reply.grown;
    let released = false;
    asked.resolve({
      bytes: Buffer.from(this.slots[slot]!, 0, reply.size),
      count: reply.types.length,
      start: reply.start,
      end: reply.end,
      times: reply.times,
      contentTypes: Array.from(reply.types, (code) => CONTENT_TYPES[code]!),
      release: () => {
        if (released) return;
        released = true;
        this.free.push(slot);
        this.next();
      },
    });
    this.next();
  }

  private fail(error: Error, report = true): void {
    if (this.failure) return;
    this.failure = error;
    if (report) this.onFailure?.(error);
    for (const ask of [...(this.pending ? [this.pending] : []), ...this.waiting.splice(0)]) ask.reject(error);
    this.pending = null;
  }
}
