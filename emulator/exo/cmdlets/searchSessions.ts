import type { AuditRecord } from '../../tenant/model.ts';

export type SessionCommand = 'ReturnLargeSet' | 'ReturnNextPreviewPage';

/** A Search-UnifiedAuditLog session: what it found and how far the caller has paged. */
export interface SearchSession {
  command: SessionCommand;
  /** The records the session will hand out, in order. */
  records: AuditRecord[];
  /** ResultCount: every hit of the search, including those past the session's cap. */
  total: number;
  served: number;
  runspaceId: string;
  lastUsed: number;
}

/** Hits a ReturnLargeSet session pages through at most; preview pages stop at 5,000; mixing both, at 10,000. */
export const LARGE_SET_CAP = 50_000;
export const PREVIEW_CAP = 5_000;
export const MIXED_CAP = 10_000;

/**
 * Search sessions by caller and SessionId, plus the "short session" fault: the next sessions created hand out
 * fewer records than their ResultCount says, as the real service sometimes does.
 */
export class SearchSessions {
  private readonly sessions = new Map<string, SearchSession>();
  private short: { missing: number; remaining: number } | undefined;

  get(key: string): SearchSession | undefined {
    const session = this.sessions.get(key);
    if (session) session.lastUsed = Date.now();
    return session;
  }

  put(key: string, session: SearchSession): void {
    if (this.sessions.size >= 500) {
      const oldest = [...this.sessions.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed)[0];
      if (oldest) this.sessions.delete(oldest[0]);
    }
    if (this.short && this.short.remaining > 0) {
      session.records = session.records.slice(0, Math.max(0, session.records.length - this.short.missing));
      this.short.remaining -= 1;
    }
    this.sessions.set(key, session);
  }

  /** Arms the fault: the next `count` new sessions each lose `missing` records. */
  armShortSessions(missing: number, count: number): void {
    this.short = { missing, remaining: count };
  }

  describe(): { shortSessions: { missing: number; remaining: number } | null; sessions: number } {
    return { shortSessions: this.short ?? null, sessions: this.sessions.size };
  }
}
