/**
 * The results of one InvokeCommand call, kept so the client can re-POST the same body to `@odata.nextLink` and get
 * the next page of exactly that result (a Search-UnifiedAuditLog page must not advance its session again).
 * Ids count up from 1, so the same sequence of calls gives the same nextLinks in every run.
 */
interface StoredResult {
  cmdlet: string;
  value: object[];
  warnings: string[];
  lastUsed: number;
}

export class ResultPages {
  private readonly results = new Map<number, StoredResult>();
  private nextId = 1;

  store(cmdlet: string, value: object[], warnings: string[]): number {
    const id = this.nextId++;
    this.results.set(id, { cmdlet: cmdlet.toLowerCase(), value, warnings, lastUsed: Date.now() });
    if (this.results.size > 200) {
      const oldest = [...this.results.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed)[0];
      if (oldest) this.results.delete(oldest[0]);
    }
    return id;
  }

  get(id: number, cmdlet: string): StoredResult | undefined {
    const found = this.results.get(id);
    if (!found || found.cmdlet !== cmdlet.toLowerCase()) return undefined;
    found.lastUsed = Date.now();
    return found;
  }
}

/** `Prefer: odata.maxpagesize=N` (1..1000); 1000 when absent or out of range. */
export function maxPageSize(prefer: string | undefined): number {
  const match = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(prefer ?? '');
  const n = match ? Number(match[1]) : 1000;
  return n >= 1 && n <= 1000 ? n : 1000;
}
