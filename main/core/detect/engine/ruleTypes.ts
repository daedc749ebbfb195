import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Severity } from '../../../../shared/model/findings.ts';
import type { RuleContext } from './ruleContext.ts';
import type { AuditRow } from './auditRows.ts';
import type { SignInEvent } from './signInEvent.ts';

export type ParameterValue = number | string | boolean | readonly string[];

/** What every rule declares about itself (shown by `warden detect --rules`, the report and the view). */
export interface RuleMeta<P extends Record<string, ParameterValue> = Record<string, ParameterValue>> {
  id: string;
  title: string;
  /** The usual severity; a finding may raise or lower it and says why. */
  severity: Severity;
  /** MITRE ATT&CK technique id, e.g. T1110.003. */
  technique: string;
  /** Which records it reads, in words. */
  looksAt: string;
  parameters: P;
  /** The explanation template; {names} are filled from a finding's facts. */
  explanation: string;
}

/** One finding as a rule derives it; the engine gives it its identity, stores it and links its evidence. */
export interface DerivedFinding {
  /** What it is about, within the rule: with the rule id and the time it makes the finding's identity. */
  subjectKey: string;
  severity: Severity;
  title: string;
  facts: Record<string, unknown>;
  /** The account the finding is about (target, else actor), lower-case. */
  user: string | null;
  actor: string | null;
  ip: string | null;
  firstMs: number | null;
  lastMs: number | null;
  /** records.id of every record that shows it. */
  evidence: number[];
}

/** A rule over the time-ordered stream of sign-in events (Entra sign-ins, and UAL logons without one). */
export interface SignInRule<P extends Record<string, ParameterValue> = Record<string, ParameterValue>> extends RuleMeta<P> {
  kind: 'signin';
  /**
   * How far before the first new event the rule must read to judge it (its window, or its baseline).
   * Events before the judged range only feed the rule's memory; findings come from the judged range.
   */
  lookbackMs: number;
  /**
   * 'per-account': everything the rule remembers and derives is per account, so one account's events
   * never change what it finds for another. An incremental run then feeds it only the accounts that
   * have new events (their whole lookback), instead of everyone's: this is what makes a 30-day
   * baseline cheap to keep up to date.
   */
  memory?: 'per-account';
  /**
   * 'account': the rule reads only events that name an account, and one account's events never change what it
   * finds for another (its state is kept per account, or per session of one account). A pass on worker threads
   * then shares the accounts out between the threads, instead of reading every event for the rule on one
   * (signInWorkers.ts). Rules with per-account memory must say so too.
   */
  scope?: 'account';
  /** Context the rule cannot run without (it is skipped, and says so, when it is missing). */
  needs?: readonly ('trustedNetworks' | 'admins' | 'automationAccounts')[];
  start(ctx: RuleContext, judgeFromMs: number): SignInDetector;
}

export interface SignInDetector {
  observe(event: SignInEvent): void;
  finish(): DerivedFinding[];
}

/** A rule over audit records (unified audit log and Entra directory audits), chosen by operation. */
export interface AuditRule<P extends Record<string, ParameterValue> = Record<string, ParameterValue>> extends RuleMeta<P> {
  kind: 'audit';
  /** Exact operation names read (with their unified-audit-log spellings, see operationVariants). */
  operations: readonly string[];
  /** Replaces the default loader (records with `operations` and an id above `afterId`), e.g. to pre-aggregate in SQL. */
  load?(db: Database, afterId: number): AuditRow[];
  derive(rows: readonly AuditRow[], ctx: RuleContext, db: Database): DerivedFinding[];
}

export type Rule = SignInRule | AuditRule;
