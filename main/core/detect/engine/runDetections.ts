import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { RunSummary } from '../../../../shared/model/findings.ts';
import type { Logger } from '../../log.ts';
import type { EvidenceStore } from '../../store/openStore.ts';
import { contextHash, loadContext } from '../context/contextStore.ts';
import { coalesce, upsertFindings } from '../findings/upsertFindings.ts';
import { loadIpGeo } from '../geo/ipGeo.ts';
import { ALL_RULES, ruleById } from '../rules/index.ts';
import { ensureDetectSchema } from '../schema/detectSchema.ts';
import { loadAuditRows, type AuditRow } from './auditRows.ts';
import { createRuleContext, type RuleContext } from './ruleContext.ts';
import type { AuditRule, DerivedFinding, Rule, SignInRule } from './ruleTypes.ts';
import { SIGN_IN_EVENT_WHERE } from '../../store/signInEventTable.ts';
import { runSignInPass, type SignInPassResult } from './signInPass.ts';
import { streamAccountSignInEvents } from './signInStream.ts';
import { runSignInPassInWorkers } from './signInWorkers.ts';

export interface RunOptions {
  /** Re-derive everything (also done per rule when its parameters or the context changed). */
  full?: boolean;
  /** The rules to run (default: all). */
  rules?: readonly Rule[];
  log?: Logger;
  /** Progress of a run: the sign-in events read (of about `total`), then the audit rules run (of `total`). */
  onProgress?: (progress: RunProgress) => void;
  /** Sign-in rows read per query (see streamSignInEvents); tests set it small. */
  chunkRows?: number;
  /**
   * Threads for the sign-in rules of a pass over everyone's events (see signInWorkers.ts). Default: two
   * worker threads for a pass of WORKER_MIN_EVENTS or more on a machine with two cores or more, else
   * this thread alone (1).
   */
  threads?: number;
}

/**
 * Below this many events, one pass on the calling thread is quicker than starting workers: each loads
 * its modules and the offline IP data (0.3-1 s).
 */
const WORKER_MIN_EVENTS = 200_000;

/**
 * Why two workers at most: two was measured; more was not (the machines Warden is measured on have two
 * cores). The workers share the accounts out (signInWorkers.ts); with no account-scoped rule to share,
 * they would have nothing to split.
 */
function signInThreads(requested: number | undefined, expectedEvents: number, rules: readonly SignInRule[]): number {
  // A worker loads its rules by id: a rule object given by the caller (tests) runs here.
  if (rules.some((rule) => ruleById(rule.id) !== rule)) return 1;
  if (!rules.some((rule) => rule.scope === 'account')) return 1;
  if (requested !== undefined) return Math.max(1, requested);
  return expectedEvents >= WORKER_MIN_EVENTS ? Math.min(2, availableParallelism()) : 1;
}

export interface RunProgress {
  phase: 'sign-ins' | 'audit';
  done: number;
  /** For sign-ins, from the hourly rollup: an estimate (logons that repeat an Entra sign-in are read, then dropped). */
  total: number;
}

type RuleReport = RunSummary['rules'][number];

function configHash(rule: Rule, ctxHash: string): string {
  return createHash('sha256').update(JSON.stringify(rule.parameters)).update(ctxHash).digest('hex').slice(0, 16);
}

function missingContext(rule: SignInRule, ctx: RuleContext): string | null {
  for (const need of rule.needs ?? []) {
    if (ctx.context[need].length === 0) return `needs context: ${need} (set it with \`warden context set ${need} ...\`)`;
  }
  return null;
}

/**
 * Runs the rules over the store, incrementally: each rule remembers the highest record id it has
 * seen and, next time, judges only newer records (reading back as far as its window or baseline
 * needs). A change of a rule's parameters or of the context makes that rule run in full, which also
 * withdraws its findings that no longer hold. Findings keep their identity, triage and notes.
 */
export function runDetections(store: EvidenceStore, options: RunOptions = {}): Promise<RunSummary> {
  // One run at a time per store: a run yields to the event loop while it reads, and a second run
  // (a click during a collection's run) would otherwise judge and store the same records twice.
  const previous = running.get(store.db) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => runOnce(store, options));
  running.set(store.db, run);
  return run;
}
const running = new WeakMap<object, Promise<unknown>>();

async function runOnce(store: EvidenceStore, options: RunOptions): Promise<RunSummary> {
  const started = performance.now();
  const { db } = store;
  ensureDetectSchema(db);
  const context = loadContext(store);
  const ctx = createRuleContext(context, await loadIpGeo(), db);
  const ctxHash = contextHash(context);
  const rules = options.rules ?? ALL_RULES;
  const maxId = (db.prepare('SELECT coalesce(max(id), 0) AS m FROM records').get() as { m: number }).m;
  const anyFull = options.full === true;
  const runId = Number(
    db.prepare('INSERT INTO detect_runs (started_at, mode) VALUES (?, ?)').run(Date.now(), anyFull ? 'full' : 'incremental').lastInsertRowid,
  );
  const stateOf = db.prepare('SELECT watermark, config_hash FROM detect_rule_state WHERE rule_id = ?');
  const saveState = db.prepare(
    'INSERT INTO detect_rule_state (rule_id, watermark, config_hash, last_run_id) VALUES (?, ?, ?, ?) ON CONFLICT (rule_id) DO UPDATE SET watermark = excluded.watermark, config_hash = excluded.config_hash, last_run_id = excluded.last_run_id',
  );
  const reports: RuleReport[] = [];
  let usedFull = anyFull;

  const plan = rules.map((rule) => {
    const hash = configHash(rule, ctxHash);
    const state = stateOf.get(rule.id) as { watermark: number; config_hash: string } | undefined;
    const full = anyFull || !state || state.config_hash !== hash;
    if (full) usedFull = true;
    return { rule, hash, full, watermark: full ? 0 : state!.watermark };
  });

  const store_ = (rule: Rule, derived: DerivedFinding[], full: boolean, t0: number, hash: string): void => {
    const merged = coalesce(derived);
    const r = upsertFindings(db, rule, merged, runId, full);
    saveState.run(rule.id, maxId, hash, runId);
    reports.push({ ruleId: rule.id, ran: true, skipped: null, derived: merged.length, ...r, ms: performance.now() - t0 });
  };
  const skip = (rule: Rule, why: string): void => {
    reports.push({ ruleId: rule.id, ran: false, skipped: why, derived: 0, created: 0, updated: 0, withdrawn: 0, ms: 0 });
  };

  // Sign-in rules share one pass over the sign-in events.
  const signInPlans: { rule: SignInRule; hash: string; full: boolean; judgeFromMs: number; t0: number; derived: DerivedFinding[] }[] = [];
  // NOT INDEXED (here and below): the new records are a range of ids; through an index SQLite would
  // walk every sign-in in the store (0.8 s instead of 7 ms over 1,000,000).
  const newEventsFrom = db.prepare(`SELECT min(time_ms) AS t FROM records NOT INDEXED WHERE id > ? AND ${SIGN_IN_EVENT_WHERE}`);
  for (const p of plan) {
    if (p.rule.kind !== 'signin') continue;
    const missing = missingContext(p.rule, ctx);
    if (missing) {
      skip(p.rule, missing);
      continue;
    }
    if (!p.full && p.watermark >= maxId) {
      skip(p.rule, 'no new records');
      continue;
    }
    const first = p.full ? Number.MIN_SAFE_INTEGER : (newEventsFrom.get(p.watermark) as { t: number | null }).t;
    if (first === null) {
      saveState.run(p.rule.id, maxId, p.hash, runId);
      skip(p.rule, 'no new sign-ins');
      continue;
    }
    signInPlans.push({ rule: p.rule, hash: p.hash, full: p.full, judgeFromMs: first, t0: performance.now(), derived: [] });
  }
  // Rules with per-account memory, in an incremental run, read only the accounts with new events.
  const perAccount = signInPlans.filter((s) => !s.full && s.rule.memory === 'per-account');
  const everyone = signInPlans.filter((s) => !perAccount.includes(s));
  const readFrom = (plans: typeof signInPlans) => Math.max(0, Math.min(...plans.map((s) => (s.full ? 0 : s.judgeFromMs - s.rule.lookbackMs))));
  // On worker threads, the pass over everyone's events runs while this thread runs the rest.
  let everyonePass: Promise<void> | null = null;
  let onWorkers = false;
  if (everyone.length > 0) {
    const from = readFrom(everyone);
    const total = expectedSignInRows(db, from);
    const threads = signInThreads(options.threads, total, everyone.map((s) => s.rule));
    const streamOptions = { chunkRows: options.chunkRows, onRows: (done: number) => options.onProgress?.({ phase: 'sign-ins', done, total: Math.max(total, done) }) };
    const pass: Promise<SignInPassResult> =
      threads > 1 ? runSignInPassInWorkers(store, context, everyone, from, threads, streamOptions) : runSignInPass(db, ctx, everyone, from, streamOptions);
    everyonePass = pass.then(({ derived, events, threadMs }) => {
      derived.forEach((d, i) => (everyone[i]!.derived = d));
      options.log?.debug('sign-in rules read events', { events, fromMs: from, threads, threadMs });
    });
    // Awaited below, after the audit rules; a failure meanwhile must not count as unhandled.
    everyonePass.catch(() => undefined);
    onWorkers = threads > 1;
    if (!onWorkers) await everyonePass;
  }
  if (perAccount.length > 0) {
    const from = readFrom(perAccount);
    const sinceId = Math.min(...perAccount.map((s) => plan.find((p) => p.rule === s.rule)!.watermark));
    const accounts = (
      db
        .prepare(`SELECT DISTINCT user_upn AS u FROM records NOT INDEXED WHERE id > ? AND user_upn IS NOT NULL AND ${SIGN_IN_EVENT_WHERE}`)
        .pluck()
        .all(sinceId) as string[]
    ).sort();
    const detectors = perAccount.map((s) => s.rule.start(ctx, s.judgeFromMs));
    const events = streamAccountSignInEvents(db, ctx.geo, accounts, from, (event) => {
      for (const d of detectors) d.observe(event);
    });
    detectors.forEach((d, i) => (perAccount[i]!.derived = d.finish()));
    options.log?.debug('per-account sign-in rules read events', { events, accounts: accounts.length, fromMs: from });
  }

  const auditCache = new Map<string, AuditRow[]>();
  const auditPlans = plan.filter((p) => p.rule.kind === 'audit');
  for (const [done, p] of auditPlans.entries()) {
    if (p.rule.kind !== 'audit') continue;
    // While workers read sign-ins, their progress is the run's: the audit rules are over long before.
    if (!onWorkers) options.onProgress?.({ phase: 'audit', done, total: auditPlans.length });
    if (done > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const rule: AuditRule = p.rule;
    if (!p.full && p.watermark >= maxId) {
      skip(rule, 'no new records');
      continue;
    }
    const t0 = performance.now();
    const rows = rule.load ? rule.load(db, p.watermark) : loadAuditRows(db, rule.operations, p.watermark, auditCache);
    store_(rule, rows.length === 0 ? [] : rule.derive(rows, ctx, db), p.full, t0, p.hash);
  }

  if (everyonePass) await everyonePass;
  for (const s of signInPlans) {
    // Only what the judged range shows: older episodes were judged before, with their full history.
    const derived = s.derived.filter((d) => s.full || (d.lastMs ?? 0) >= s.judgeFromMs);
    store_(s.rule, derived, s.full, s.t0, s.hash);
  }

  const summary: RunSummary = {
    runId,
    mode: usedFull ? 'full' : 'incremental',
    newRecords: Math.max(0, maxId - Math.min(maxId, ...plan.map((p) => p.watermark))),
    rules: reports.sort((a, b) => a.ruleId.localeCompare(b.ruleId)),
    ms: performance.now() - started,
  };
  db.prepare('UPDATE detect_runs SET finished_at = ?, mode = ?, summary = ? WHERE id = ?').run(Date.now(), summary.mode, JSON.stringify(summary), runId);
  return summary;
}

/** About how many rows the sign-in pass reads from `fromMs` on, from the hourly rollup (no scan). */
function expectedSignInRows(db: EvidenceStore['db'], fromMs: number): number {
  const row = db
    .prepare(
      `SELECT coalesce(sum(n), 0) AS n FROM hourly_counts WHERE hour >= ? AND (kind = 'signin' OR (kind = 'audit' AND operation IN ('UserLoggedIn', 'UserLoginFailed')))`,
    )
    .get(Math.floor(fromMs / 3_600_000)) as { n: number };
  return row.n;
}
