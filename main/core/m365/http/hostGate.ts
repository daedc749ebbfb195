/** A request budget: at most `requests` in any `windowMs`, as Microsoft publishes per service. */
export interface Budget {
  requests: number;
  windowMs: number;
}

/**
 * Decides when a request to one host (or one budgeted API on it) may be sent. Two rules:
 * - after a 429/throttle answer with Retry-After, nothing goes to that host before the time has passed,
 *   whichever request it is (the throttle is the host's, not the request's);
 * - a sliding-window budget keeps us under the published limit, so throttling is rare to begin with.
 */
export class HostGate {
  private blockedUntil = 0;
  private readonly sent: number[] = [];
  private readonly budget: Budget | null;
  private readonly now: () => number;

  constructor(budget: Budget | null, now: () => number = Date.now) {
    this.budget = budget;
    this.now = now;
  }

  /** Blocks the host until `untilMs` (keeps the later of two blocks). */
  block(untilMs: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, untilMs);
  }

  get blockedUntilMs(): number {
    return this.blockedUntil;
  }

  /** How long to wait before the next request may go; 0 when it may go now (and then it is counted). */
  reserve(): number {
    const now = this.now();
    if (now < this.blockedUntil) return this.blockedUntil - now;
    if (this.budget) {
      while (this.sent.length > 0 && this.sent[0]! <= now - this.budget.windowMs) this.sent.shift();
      if (this.sent.length >= this.budget.requests) return this.sent[0]! + this.budget.windowMs - now;
      this.sent.push(now);
    }
    return 0;
  }
}
