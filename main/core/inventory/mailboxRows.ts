import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { MailboxFilter, MailboxPage, MailboxRow, MailboxSummary, SnapshotInfo } from '../../../shared/model/adminInventory.ts';
import { applyModuleMigrations } from '../sqlite/moduleMigrations.ts';
import { domainOf, isExternal, isSuspiciousRule } from './inboxRuleRisk.ts';
import { INVENTORY_VIEW_MIGRATIONS } from './inventoryViewsSchema.ts';
import { latestSnapshot } from './snapshotInfo.ts';

interface RowRecord {
  identity: string;
  display_name: string;
  upn: string;
  smtp: string;
  type: string;
  forwarding: string | null;
  forwarding_external: number;
  audit_enabled: number;
  litigation_hold: number;
  delegates: number | null;
  suspicious_rules: number | null;
  legacy_protocols: number | null;
}

export interface BuiltRows {
  details: boolean;
  orgDomains: Set<string>;
}

/** What the first pass extracts of a mailbox. */
interface Draft {
  identity: string;
  display: string;
  upn: string;
  alias: string;
  smtp: string;
  type: string;
  forwarding: string | null;
  audit: number;
  hold: number;
  delegates: number | null;
  legacy: number | null;
  addresses: string;
}

/**
 * Mailboxes per build step: each step is one short transaction or read (a tenth of a second or so), and
 * the event loop runs between steps, so the app keeps answering while a large list is prepared.
 */
const CHUNK = 1000;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One build per store and snapshot at a time (two views asking at once share it). */
const builds = new WeakMap<Database, Map<number, Promise<BuiltRows>>>();

/** The list positions matching recent filters, per store (snapshots never change, so neither do these). */
const matches = new WeakMap<Database, Map<string, Int32Array>>();
const REMEMBERED_FILTERS = 8;

/**
 * A chunk of mailboxes, the fields the list needs extracted by SQLite from the snapshot's JSON (one parse
 * per mailbox, no JavaScript object of ~50 properties each): names and addresses, forwarding, audit,
 * POP/IMAP from the CAS object with the mailbox's Guid (CAS objects carry no ExchangeGuid), and, when
 * permissions were collected, the delegates: explicit grants that are not inherited, not denials and not
 * the system's own, plus send-on-behalf.
 */
const EXTRACT = `
SELECT identity, display, upn, alias, smtp, type, forwarding, audit, hold, addresses,
  CASE WHEN :details THEN sob + (
    SELECT COUNT(*) FROM inventory_items p
    WHERE p.snapshot_id = :snapshot AND p.parent = m.identity AND p.item_type = 'mailboxPermission'
      AND json_extract(p.data, '$.IsInherited') IS NOT 1 AND json_extract(p.data, '$.Deny') IS NOT 1
      AND NOT (json_extract(p.data, '$.User') LIKE 'NT AUTHORITY\\%' OR json_extract(p.data, '$.User') LIKE 'S-1-5-%')) END AS delegates,
  (SELECT CASE WHEN json_extract(c.data, '$.PopEnabled') = 1 OR json_extract(c.data, '$.ImapEnabled') = 1 THEN 1 ELSE 0 END
   FROM inventory_items c WHERE c.snapshot_id = :snapshot AND c.item_type = 'casMailbox' AND c.identity = m.guid) AS legacy
FROM (
  SELECT identity,
    lower(COALESCE(json_extract(data, '$.Guid'), '')) AS guid,
    COALESCE(NULLIF(json_extract(data, '$.DisplayName'), ''), NULLIF(json_extract(data, '$.Name'), ''), NULLIF(json_extract(data, '$.UserPrincipalName'), ''), identity) AS display,
    COALESCE(json_extract(data, '$.UserPrincipalName'), '') AS upn,
    COALESCE(json_extract(data, '$.Alias'), '') AS alias,
    COALESCE(json_extract(data, '$.PrimarySmtpAddress'), '') AS smtp,
    COALESCE(NULLIF(json_extract(data, '$.RecipientTypeDetails'), ''), 'Unknown') AS type,
    COALESCE(NULLIF(substr(json_extract(data, '$.ForwardingSmtpAddress'), CASE WHEN lower(json_extract(data, '$.ForwardingSmtpAddress')) LIKE 'smtp:%' THEN 6 ELSE 1 END), ''),
             NULLIF(json_extract(data, '$.ForwardingAddress'), '')) AS forwarding,
    CASE WHEN json_extract(data, '$.AuditEnabled') = 0 THEN 0 ELSE 1 END AS audit,
    CASE WHEN json_extract(data, '$.LitigationHoldEnabled') = 1 THEN 1 ELSE 0 END AS hold,
    COALESCE(json_array_length(data, '$.GrantSendOnBehalfTo'), 0) AS sob,
    COALESCE((SELECT group_concat(substr(value, 6), ' ') FROM json_each(data, '$.EmailAddresses') WHERE lower(value) LIKE 'smtp:%'), '') AS addresses
  FROM inventory_items WHERE snapshot_id = :snapshot AND item_type = 'mailbox' AND identity > :from AND identity <= :to
) AS m`;

/**
 * The Mailboxes view's read model of one snapshot (see inventoryViewsSchema.ts). `ensure` builds it on
 * first use (and main starts it as soon as a mailbox inventory completes): it reads the snapshot in
 * steps, sorts in memory, and writes the rows in list order, so the table grows by appending (written at
 * random positions, a 100,000-row table would rewrite most of its pages at every step). The snapshot is
 * immutable, so an interrupted build is simply done again.
 */
export class MailboxRows {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
    applyModuleMigrations(db, 'inventory-views', INVENTORY_VIEW_MIGRATIONS);
  }

  /** The latest complete mailbox snapshot, with its rows built. */
  async current(): Promise<({ snapshot: SnapshotInfo } & BuiltRows) | null> {
    const snapshot = latestSnapshot(this.db, 'mailboxes');
    if (!snapshot) return null;
    return { snapshot, ...(await this.ensure(snapshot.id)) };
  }

  /** The rows' facts when built already, else null (without building). */
  built(snapshotId: number): BuiltRows | null {
    const row = this.db.prepare('SELECT details, org_domains FROM mailbox_rows_built WHERE snapshot_id = ?').get(snapshotId) as { details: number; org_domains: string } | undefined;
    return row ? { details: row.details === 1, orgDomains: new Set(JSON.parse(row.org_domains) as string[]) } : null;
  }

  ensure(snapshotId: number): Promise<BuiltRows> {
    const done = this.built(snapshotId);
    if (done) return Promise.resolve(done);
    let running = builds.get(this.db);
    if (!running) builds.set(this.db, (running = new Map()));
    let build = running.get(snapshotId);
    if (!build) {
      build = this.build(snapshotId).finally(() => running.delete(snapshotId));
      running.set(snapshotId, build);
    }
    return build;
  }

  private async build(snapshotId: number): Promise<BuiltRows> {
    const db = this.db;
    const details = detailsCollected(db, snapshotId);

    // Identity ranges of CHUNK mailboxes each.
    const chunks: Array<[string, string]> = [];
    const nextEnd = db.prepare(`SELECT identity FROM inventory_items WHERE snapshot_id = ? AND item_type = 'mailbox' AND identity > ? ORDER BY identity LIMIT 1 OFFSET ${CHUNK - 1}`);
    const last = db.prepare(`SELECT MAX(identity) AS id FROM inventory_items WHERE snapshot_id = ? AND item_type = 'mailbox'`).get(snapshotId) as { id: string | null };
    if (last.id !== null) {
      let from = '';
      for (;;) {
        const end: string = (nextEnd.get(snapshotId, from) as { identity: string } | undefined)?.identity ?? last.id;
        chunks.push([from, end]);
        if (end === last.id) break;
        from = end;
      }
    }

    // 1. Extract each mailbox's fields, and learn the organization's domains from its addresses.
    const extract = db.prepare(EXTRACT);
    const drafts: Draft[] = [];
    const orgDomains = new Set<string>();
    for (const [from, to] of chunks) {
      for (const d of extract.iterate({ snapshot: snapshotId, from, to, details: details ? 1 : 0 }) as Iterable<Draft>) {
        drafts.push(d);
        for (const address of [d.upn, d.smtp, ...d.addresses.split(' ')]) if (address.includes('@')) orgDomains.add(domainOf(address));
      }
      await yieldToEventLoop();
    }

    // 2. Which inbox rules are suspicious depends on those domains.
    const suspicious = new Map<string, number>();
    if (details) {
      const rules = db.prepare(`SELECT parent, data FROM inventory_items WHERE snapshot_id = ? AND item_type = 'inboxRule' AND parent > ? AND parent <= ?`);
      for (const [from, to] of chunks) {
        for (const { parent, data } of rules.iterate(snapshotId, from, to) as Iterable<{ parent: string; data: string }>) {
          if (isSuspiciousRule(JSON.parse(data) as Record<string, unknown>, orgDomains)) suspicious.set(parent, (suspicious.get(parent) ?? 0) + 1);
        }
        await yieldToEventLoop();
      }
    }

    // 3. Write the rows in list order.
    const keyed = drafts.map((d) => ({ d, key: d.display.toLowerCase() }));
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.d.identity < b.d.identity ? -1 : a.d.identity > b.d.identity ? 1 : 0));
    const insert = db.prepare(
      `INSERT OR REPLACE INTO mailbox_rows (snapshot_id, ord, identity, display_name, upn, smtp, type, forwarding, forwarding_external, audit_enabled, litigation_hold, delegates, suspicious_rules, legacy_protocols, search)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let start = 0; start < keyed.length; start += CHUNK) {
      db.transaction(() => {
        for (let ord = start; ord < Math.min(keyed.length, start + CHUNK); ord++) {
          const d = keyed[ord]!.d;
          const external = d.forwarding !== null && d.forwarding.includes('@') && isExternal(d.forwarding, orgDomains);
          insert.run(
            snapshotId,
            ord,
            d.identity,
            d.display,
            d.upn,
            d.smtp,
            d.type,
            d.forwarding,
            external ? 1 : 0,
            d.audit,
            d.hold,
            d.delegates,
            details ? (suspicious.get(d.identity) ?? 0) : null,
            d.legacy,
            `${d.display} ${d.upn} ${d.alias} ${d.smtp} ${d.addresses}`.toLowerCase(),
          );
        }
      })();
      await yieldToEventLoop();
    }
    db.prepare('INSERT OR REPLACE INTO mailbox_rows_built (snapshot_id, built_at, details, org_domains) VALUES (?, ?, ?, ?)').run(
      snapshotId,
      Date.now(),
      details ? 1 : 0,
      JSON.stringify([...orgDomains].sort()),
    );
    return { details, orgDomains };
  }

  /**
   * A page of the rows matching `filter`. The positions of every match are computed once per filter (one
   * scan) and kept, so each page after that is a handful of primary-key reads wherever it is in the list;
   * an OFFSET would re-scan every row before it, for every page a scrolling list asks for.
   */
  page(snapshotId: number, filter: MailboxFilter, offset: number, limit: number): Omit<MailboxPage, 'snapshot'> {
    const ords = this.matching(snapshotId, filter);
    const wanted = ords.subarray(offset, offset + limit);
    if (wanted.length === 0) return { total: ords.length, offset, rows: [] };
    const rows = this.db
      .prepare('SELECT * FROM mailbox_rows WHERE snapshot_id = ? AND ord IN (SELECT value FROM json_each(?)) ORDER BY ord')
      .all(snapshotId, JSON.stringify(Array.from(wanted))) as RowRecord[];
    return { total: ords.length, offset, rows: rows.map(toRow) };
  }

  /** The list positions (ord) of the rows matching a filter, in order; the last few filters are remembered. */
  private matching(snapshotId: number, filter: MailboxFilter): Int32Array {
    let cache = matches.get(this.db);
    if (!cache) matches.set(this.db, (cache = new Map()));
    const key = `${snapshotId} ${JSON.stringify(filter)}`;
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const { where, args } = whereOf(snapshotId, filter);
    const rows = this.db.prepare(`SELECT ord FROM mailbox_rows WHERE ${where} ORDER BY ord`).all(...args) as Array<{ ord: number }>;
    const ords = Int32Array.from(rows, (r) => r.ord);
    cache.set(key, ords);
    while (cache.size > REMEMBERED_FILTERS) cache.delete(cache.keys().next().value!);
    return ords;
  }

  summary(snapshot: SnapshotInfo, details: boolean): MailboxSummary {
    const totals = this.db
      .prepare(
        `SELECT COUNT(*) AS total, SUM(forwarding IS NOT NULL) AS forwarding, SUM(audit_enabled = 0) AS auditOff,
                SUM(COALESCE(delegates, 0) > 0) AS delegated, SUM(COALESCE(suspicious_rules, 0) > 0) AS suspicious
         FROM mailbox_rows WHERE snapshot_id = ?`,
      )
      .get(snapshot.id) as { total: number; forwarding: number | null; auditOff: number | null; delegated: number | null; suspicious: number | null };
    const types = this.db.prepare('SELECT type, COUNT(*) AS count FROM mailbox_rows WHERE snapshot_id = ? GROUP BY type ORDER BY count DESC, type').all(snapshot.id) as Array<{
      type: string;
      count: number;
    }>;
    return {
      snapshot,
      total: totals.total,
      types,
      forwarding: totals.forwarding ?? 0,
      auditOff: totals.auditOff ?? 0,
      details,
      delegated: totals.delegated ?? 0,
      suspicious: totals.suspicious ?? 0,
    };
  }
}

/** Whether the inventory asked for permissions and inbox rules (a mailbox with none of either still counts). */
function detailsCollected(db: Database, snapshotId: number): boolean {
  const jobsTable = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'jobs'`).get() !== undefined;
  if (jobsTable) {
    const row = db.prepare('SELECT j.params FROM inventory_snapshots s JOIN jobs j ON j.id = s.job_id WHERE s.id = ?').get(snapshotId) as { params: string } | undefined;
    if (row) return (JSON.parse(row.params) as { details?: boolean }).details === true;
  }
  return db.prepare(`SELECT 1 FROM inventory_items WHERE snapshot_id = ? AND item_type IN ('mailboxPermission', 'inboxRule') LIMIT 1`).get(snapshotId) !== undefined;
}

function whereOf(snapshotId: number, filter: MailboxFilter): { where: string; args: unknown[] } {
  const clauses = ['snapshot_id = ?'];
  const args: unknown[] = [snapshotId];
  const search = filter.search?.trim().toLowerCase();
  if (search) {
    clauses.push(`search LIKE ? ESCAPE '\\'`);
    args.push(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (filter.type) {
    clauses.push('type = ?');
    args.push(filter.type);
  }
  if (filter.forwarding) clauses.push('forwarding IS NOT NULL');
  if (filter.auditOff) clauses.push('audit_enabled = 0');
  if (filter.hasDelegates) clauses.push('delegates > 0');
  if (filter.suspiciousRules) clauses.push('suspicious_rules > 0');
  return { where: clauses.join(' AND '), args };
}

export function toRow(r: RowRecord): MailboxRow {
  return {
    identity: r.identity,
    displayName: r.display_name,
    upn: r.upn,
    primarySmtpAddress: r.smtp,
    type: r.type,
    forwarding: r.forwarding,
    forwardingExternal: r.forwarding_external === 1,
    auditEnabled: r.audit_enabled === 1,
    litigationHold: r.litigation_hold === 1,
    delegates: r.delegates,
    suspiciousRules: r.suspicious_rules,
    legacyProtocols: r.legacy_protocols === null ? null : r.legacy_protocols === 1,
  };
}
