/**
 * The emulator's notion of "now" for audit ingestion: wall-clock time plus an offset that the admin API can push
 * forward, so a test can make records written a moment ago visible without waiting for the ingestion delay.
 */
export class IngestionClock {
  private offsetMs = 0;
  /** Seconds between an admin change and its audit record becoming searchable (Microsoft: 30-90 min). */
  delaySeconds: number;

  constructor(delaySeconds: number) {
    this.delaySeconds = delaySeconds;
  }

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }

  describe(): { now: string; offsetSeconds: number; ingestionDelaySeconds: number } {
    return { now: new Date(this.now()).toISOString(), offsetSeconds: this.offsetMs / 1000, ingestionDelaySeconds: this.delaySeconds };
  }
}
