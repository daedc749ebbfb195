/** One served request, as `/_emulator/requests` shows it. No bodies, no headers: nothing secret. */
export interface RequestLogEntry {
  seq: number;
  method: string;
  /** Path and query as requested. */
  path: string;
  service: string;
  /** Arrival time, ISO 8601 with milliseconds. */
  arrivedAt: string;
  status: number;
  /** The Retry-After the emulator gave (seconds), if any. */
  retryAfter?: number;
  /** The injected fault, if any: 429, 503, reset, truncate, slow. */
  fault?: string;
  durationMs: number;
  note?: Record<string, string | number | boolean>;
}

/** The last `capacity` requests, oldest first. */
export class RequestLog {
  private readonly entries: RequestLogEntry[] = [];
  private readonly capacity: number;

  constructor(capacity = 20_000) {
    this.capacity = capacity;
  }

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  since(seq = 0): RequestLogEntry[] {
    return this.entries.filter((e) => e.seq > seq);
  }

  clear(): void {
    this.entries.length = 0;
  }
}
