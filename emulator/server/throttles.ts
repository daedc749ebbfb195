/** A request budget: at most `requests` in any `windowSeconds` window. */
export interface Budget {
  requests: number;
  windowSeconds: number;
}

export type ThrottleName = 'graphIdentityReports' | 'manage';

/**
 * The service-side throttling budgets Microsoft publishes (reference §3.1, §4.9), enforced per key with a sliding
 * window. A rejected request does not use up budget. `null` turns a budget off (the admin API can, for benchmarks
 * that measure the client rather than Microsoft's limits).
 */
export class Throttles {
  readonly budgets: Record<ThrottleName, Budget | null> = {
    // Identity and access reports (auditLogs, authenticationMethods reports): 5 requests per 10 s per app per tenant.
    graphIdentityReports: { requests: 5, windowSeconds: 10 },
    // Management Activity API: a baseline of 2,000 requests per minute per tenant.
    manage: { requests: 2000, windowSeconds: 60 },
  };
  private readonly windows = new Map<string, number[]>();

  /** Records a request under `key`; returns the seconds to wait when over budget. */
  take(name: ThrottleName, key: string, now = Date.now()): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const budget = this.budgets[name];
    if (!budget) return { ok: true };
    const windowMs = budget.windowSeconds * 1000;
    const id = `${name}|${key}`;
    const times = (this.windows.get(id) ?? []).filter((t) => t > now - windowMs);
    if (times.length >= budget.requests) {
      this.windows.set(id, times);
      const oldest = times[0] ?? now;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)) };
    }
    times.push(now);
    this.windows.set(id, times);
    return { ok: true };
  }

  set(name: ThrottleName, budget: Budget | null): void {
    this.budgets[name] = budget;
    for (const key of this.windows.keys()) if (key.startsWith(`${name}|`)) this.windows.delete(key);
  }
}
