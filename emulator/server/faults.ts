import { createHash } from 'node:crypto';
import { FAULT_KINDS, type FaultKind, type FaultRates } from './faultSpec.ts';
import { DATA_SERVICES, type EmulatorRequest, type ServiceName } from './types.ts';

/** What a fault rule applies to. Every given field must match. */
export interface FaultMatch {
  service?: ServiceName;
  method?: string;
  /** Substring of path + query (e.g. `/auditLogs/signIns`, or a `$skiptoken` to make one page keep failing). */
  path?: string;
  /** Exchange cmdlet name (InvokeCommand requests only), case-insensitive. */
  cmdlet?: string;
}

/**
 * A per-endpoint fault set through `/_emulator/faults`. Either a probability (`rate`), or a schedule: let `skip`
 * matching requests pass, then fault the next `count` (null or absent with no rate: every one, for good).
 */
export interface FaultRule {
  kind: FaultKind;
  match?: FaultMatch;
  rate?: number;
  skip?: number;
  count?: number | null;
  /** Seconds for the Retry-After of a 429 (or 503); default 1-3 s, chosen by seed. */
  retryAfterSeconds?: number;
  /** Delay of a `slow` response; default 2000 ms. */
  delayMs?: number;
}

export interface ActiveFault {
  kind: FaultKind;
  retryAfterSeconds?: number;
  delayMs?: number;
  /** Index of the admin rule that fired; absent for the global `--faults` rates. */
  rule?: number;
}

interface RuleState extends FaultRule {
  seen: number;
  fired: number;
}

/**
 * Decides, per request, whether to inject a fault. Deterministic by seed: the draw for a request hashes the seed,
 * the fault kind, the request (method, path and query, body) and how many times that same request came before,
 * so the n-th retry of a given page meets the same fate in every run, whatever else runs concurrently.
 */
export class FaultPlan {
  private readonly seed: string;
  private rates: FaultRates;
  private rules: RuleState[] = [];
  private readonly attempts = new Map<string, number>();

  constructor(seed: string, rates: FaultRates = {}) {
    this.seed = seed;
    this.rates = rates;
  }

  setRates(rates: FaultRates): void {
    this.rates = rates;
  }

  setRules(rules: FaultRule[]): void {
    this.rules = rules.map((r) => ({ ...r, seen: 0, fired: 0 }));
  }

  addRules(rules: FaultRule[]): void {
    this.rules.push(...rules.map((r) => ({ ...r, seen: 0, fired: 0 })));
  }

  describe(): { rates: FaultRates; rules: Array<FaultRule & { seen: number; fired: number }> } {
    return { rates: { ...this.rates }, rules: this.rules.map((r) => ({ ...r })) };
  }

  clear(): void {
    this.rates = {};
    this.rules = [];
  }

  decide(req: EmulatorRequest, cmdlet: string | undefined): ActiveFault | undefined {
    const key = `${req.method} ${req.url.pathname}${req.url.search} ${createHash('sha1').update(req.body).digest('hex')}`;
    const attempt = this.attempts.get(key) ?? 0;
    this.attempts.set(key, attempt + 1);
    if (this.attempts.size > 200_000) this.attempts.clear();

    for (const [index, rule] of this.rules.entries()) {
      if (!matches(rule.match, req, cmdlet)) continue;
      rule.seen += 1;
      if (rule.seen <= (rule.skip ?? 0)) continue;
      if (rule.rate !== undefined) {
        if (this.draw(`rule${index}:${rule.kind}`, key, attempt) >= rule.rate) continue;
      } else if (rule.count !== undefined && rule.count !== null && rule.fired >= rule.count) {
        continue;
      }
      rule.fired += 1;
      return this.active(rule.kind, key, attempt, { rule: index, retryAfterSeconds: rule.retryAfterSeconds, delayMs: rule.delayMs });
    }

    if (!DATA_SERVICES.has(req.service)) return undefined;
    for (const kind of FAULT_KINDS) {
      const rate = this.rates[kind];
      if (rate && this.draw(kind, key, attempt) < rate) return this.active(kind, key, attempt, {});
    }
    return undefined;
  }

  private active(kind: FaultKind, key: string, attempt: number, extra: Partial<ActiveFault>): ActiveFault {
    const fault: ActiveFault = { kind };
    if (extra.rule !== undefined) fault.rule = extra.rule;
    if (kind === '429' || kind === '503') {
      fault.retryAfterSeconds = extra.retryAfterSeconds ?? 1 + Math.floor(this.draw('retry-after', key, attempt) * 3);
    }
    if (kind === 'slow') fault.delayMs = extra.delayMs ?? 2000;
    return fault;
  }

  /** A uniform number in [0, 1) from the seed and the request. */
  private draw(salt: string, key: string, attempt: number): number {
    const digest = createHash('sha256').update(`${this.seed}\u0000${salt}\u0000${key}\u0000${attempt}`).digest();
    return digest.readUInt32BE(0) / 0x1_0000_0000;
  }
}

function matches(match: FaultMatch | undefined, req: EmulatorRequest, cmdlet: string | undefined): boolean {
  if (!match) return true;
  if (match.service && match.service !== req.service) return false;
  if (match.method && match.method.toUpperCase() !== req.method) return false;
  if (match.path && !`${req.url.pathname}${decodeSafe(req.url.search)}`.includes(match.path) && !`${req.url.pathname}${req.url.search}`.includes(match.path))
    return false;
  if (match.cmdlet && match.cmdlet.toLowerCase() !== (cmdlet ?? '').toLowerCase()) return false;
  return true;
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
