import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { RuleContext } from './ruleContext.ts';
import type { DerivedFinding, SignInRule } from './ruleTypes.ts';
import { streamSignInEvents, type StreamOptions } from './signInStream.ts';

/** A sign-in rule to run, and the time from which its findings are judged (events before only feed its memory). */
export interface SignInRulePlan {
  rule: SignInRule;
  judgeFromMs: number;
}

export interface SignInPassResult {
  /** What each rule derived, in the order of the plans. */
  derived: DerivedFinding[][];
  /** Events read. */
  events: number;
  /** On worker threads: how long each took, start to finish (for the log: is the work shared evenly?). */
  threadMs?: number[];
}

/** Runs sign-in rules over one pass of the sign-in events from `fromMs` on, on this thread. */
export async function runSignInPass(
  db: Database,
  ctx: RuleContext,
  plans: readonly SignInRulePlan[],
  fromMs: number,
  options: StreamOptions = {},
): Promise<SignInPassResult> {
  const detectors = plans.map((p) => p.rule.start(ctx, p.judgeFromMs));
  // With a share of the accounts (one of several threads), account-scoped rules see only the share's events.
  const byAccount = detectors.filter((_, i) => plans[i]!.rule.scope === 'account');
  const everyEvent = detectors.filter((_, i) => plans[i]!.rule.scope !== 'account');
  const events = await streamSignInEvents(
    db,
    ctx.geo,
    fromMs,
    (event, inShare) => {
      for (const d of everyEvent) d.observe(event);
      if (inShare) for (const d of byAccount) d.observe(event);
    },
    options,
  );
  return { derived: detectors.map((d) => d.finish()), events };
}
