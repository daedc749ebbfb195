import { randomUUID } from 'node:crypto';
import type { SentCall } from '../../../shared/model/adminChanges.ts';
import type { ExchangeAdminClient } from '../m365/exo/exchangeAdminClient.ts';
import type { JournalRepository, StoredEntry } from './journalRepository.ts';

/** Microsoft: most records are searchable within 60-90 minutes; some take up to 24 hours. */
export const DEFAULT_MISSING_AFTER_HOURS = 24;

/** How far before a change a record's time may be (clocks differ between Warden's machine and Exchange). */
const CLOCK_SLACK_MS = 5 * 60_000;
/** How far past now a search reaches, so a record stamped by a clock running ahead of ours is not missed. */
const AHEAD_MS = 60 * 60_000;
const PAGE = 5000;
/** A search session hands out at most 50,000 records; ten pages. */
const MAX_PAGES = 10;

/** An ExchangeAdmin audit record, as far as matching needs it. */
export interface AdminAuditRecord {
  id: string;
  creationTime: string;
  timeMs: number;
  operation: string;
  userId: string;
  parameters: Map<string, string>;
}

export interface ProofOptions {
  missingAfterHours?: number;
  now?: () => number;
}

export interface ProofReport {
  checked: number;
  verified: number;
  missing: number;
  /** Why the audit log could not be searched (the entries stay as they were), or null. */
  error: string | null;
}

/**
 * A parameter value as the unified audit log writes it: booleans "True"/"False", lists joined with ";",
 * nothing as "" (ExchangeAdmin records keep every parameter as a string).
 */
export function auditValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return value.map(auditValue).join(';');
  return String(value);
}

/** Parses one Search-UnifiedAuditLog result (its AuditData is the record as a JSON string). */
export function parseSearchResult(result: Record<string, unknown>): AdminAuditRecord | null {
  const raw = result['AuditData'];
  if (typeof raw !== 'string') return null;
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return null;
  }
  const creationTime = typeof data['CreationTime'] === 'string' ? data['CreationTime'] : '';
  const timeMs = Date.parse(/Z$|[+-]\d\d:\d\d$/.test(creationTime) ? creationTime : `${creationTime}Z`);
  const parameters = new Map<string, string>();
  if (Array.isArray(data['Parameters'])) {
    for (const p of data['Parameters'] as Array<{ Name?: unknown; Value?: unknown }>) {
      if (typeof p.Name === 'string') parameters.set(p.Name.toLowerCase(), String(p.Value ?? ''));
    }
  }
  return {
    id: String(data['Id'] ?? result['Identity'] ?? ''),
    creationTime,
    timeMs,
    operation: String(data['Operation'] ?? ''),
    userId: String(data['UserId'] ?? ''),
    parameters,
  };
}

/** True when the record shows this cmdlet with every parameter Warden sent, at or after the change. */
export function recordMatches(record: AdminAuditRecord, call: SentCall, changedAtMs: number): boolean {
  if (record.operation.toLowerCase() !== call.cmdlet.toLowerCase()) return false;
  if (!(record.timeMs >= changedAtMs - CLOCK_SLACK_MS)) return false;
  for (const [name, value] of Object.entries(call.parameters)) {
    const logged = record.parameters.get(name.toLowerCase());
    if (logged === undefined || logged.trim().toLowerCase() !== auditValue(value).trim().toLowerCase()) return false;
  }
  return true;
}

async function searchOperation(exchange: ExchangeAdminClient, operation: string, startMs: number, endMs: number): Promise<AdminAuditRecord[]> {
  const sessionId = randomUUID();
  const records: AdminAuditRecord[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const results = await exchange.run({
      name: 'Search-UnifiedAuditLog',
      parameters: {
        StartDate: new Date(startMs).toISOString(),
        EndDate: new Date(endMs).toISOString(),
        Operations: [operation],
        RecordType: 'ExchangeAdmin',
        ResultSize: PAGE,
        SessionId: sessionId,
        SessionCommand: 'ReturnLargeSet',
      },
    });
    for (const r of results) {
      const parsed = parseSearchResult(r);
      if (parsed) records.push(parsed);
    }
    if (results.length < PAGE) break;
  }
  return records;
}

/**
 * Looks for the audit record of every journaled change still waiting for one (Search-UnifiedAuditLog,
 * ExchangeAdmin records of the cmdlets the changes ran). Each record proves one change. A change with
 * no record after `missingAfterHours` is marked missing, and stays searchable: a late record still
 * verifies it.
 */
export async function checkAuditProof(exchange: ExchangeAdminClient, journal: JournalRepository, options: ProofOptions = {}): Promise<ProofReport> {
  const now = options.now ?? Date.now;
  const missingAfterMs = (options.missingAfterHours ?? DEFAULT_MISSING_AFTER_HOURS) * 3_600_000;
  const waiting = journal.awaitingProof().filter((e) => e.entry.calls.length > 0);
  if (waiting.length === 0) return { checked: 0, verified: 0, missing: 0, error: null };

  const operations = new Map<string, StoredEntry[]>();
  for (const e of waiting) for (const call of e.entry.calls) operations.set(call.cmdlet, [...(operations.get(call.cmdlet) ?? []), e]);
  const found = new Map<string, AdminAuditRecord[]>();
  const end = now() + AHEAD_MS;
  try {
    for (const [operation, entries] of operations) {
      const start = Math.min(...entries.map((e) => e.atMs)) - CLOCK_SLACK_MS;
      found.set(operation.toLowerCase(), (await searchOperation(exchange, operation, start, end)).sort((a, b) => a.timeMs - b.timeMs));
    }
  } catch (error) {
    return { checked: 0, verified: 0, missing: 0, error: `Could not search the unified audit log: ${(error as Error).message}` };
  }

  const used = journal.usedRecordIds();
  const report: ProofReport = { checked: waiting.length, verified: 0, missing: 0, error: null };
  for (const stored of waiting) {
    const matched = stored.entry.calls.map((call) => {
      const record = (found.get(call.cmdlet.toLowerCase()) ?? []).find((r) => !used.has(r.id.toLowerCase()) && recordMatches(r, call, stored.atMs));
      if (record) used.add(record.id.toLowerCase());
      return record;
    });
    const checkedAt = now();
    if (matched.every((r) => r !== undefined)) {
      const first = matched[0]!;
      journal.setProof(stored.entry.id, {
        status: 'verified',
        recordId: first.id,
        recordTime: first.creationTime,
        checkedAt,
        note: `Logged by Exchange at ${first.creationTime.replace('T', ' ').slice(0, 19)} UTC (${first.operation} by ${first.userId}).`,
      });
      report.verified += 1;
    } else {
      for (const r of matched) if (r) used.delete(r.id.toLowerCase());
      const ageHours = (checkedAt - stored.atMs) / 3_600_000;
      const late = checkedAt - stored.atMs > missingAfterMs;
      journal.setProof(stored.entry.id, {
        status: late ? 'missing' : 'pending',
        recordId: null,
        recordTime: null,
        checkedAt,
        note: late
          ? `No audit record ${Math.floor(ageHours)} hours after the change. Exchange should have logged it: check that unified audit log ingestion is on (Roles > Audit settings).`
          : 'Waiting for Exchange to log it (usually within 60-90 minutes, at most 24 hours).',
      });
      if (late) report.missing += 1;
    }
  }
  return report;
}
