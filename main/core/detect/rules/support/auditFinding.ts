import type { Severity } from '../../../../../shared/model/findings.ts';
import type { AuditRow } from '../../engine/auditRows.ts';
import type { RuleContext } from '../../engine/ruleContext.ts';
import type { DerivedFinding } from '../../engine/ruleTypes.ts';
import { utc } from '../../findings/explain.ts';

/** A finding shown by one audit record (twins of the same event merge later by subject and time). */
export function auditFinding(
  row: AuditRow,
  f: { subjectKey: string; severity: Severity; title: string; facts: Record<string, unknown>; user: string | null },
): DerivedFinding {
  return {
    subjectKey: f.subjectKey,
    severity: f.severity,
    title: f.title,
    facts: f.facts,
    user: f.user,
    actor: row.user,
    ip: row.ip,
    firstMs: row.timeMs,
    lastMs: row.timeMs,
    evidence: [row.id],
  };
}

/** "stinger@contoso.onmicrosoft.com from 104.28.196.199 (AU, outside the trusted networks) at 2023-05-20 10:54:05 UTC" */
export function actorPhrase(row: AuditRow, ctx: RuleContext): string {
  const who = row.user ?? 'an unknown account';
  const country = row.ip ? ctx.geo.country(row.ip) : null;
  let network = '';
  if (row.ip) {
    const notes = [country, ctx.trusted.size === 0 ? null : ctx.isTrusted(row.ip) ? 'inside the trusted networks' : 'outside the trusted networks'].filter(
      Boolean,
    );
    network = ` from ${row.ip}${notes.length ? ` (${notes.join(', ')})` : ''}`;
  }
  return `${who}${network} at ${utc(row.timeMs)}`;
}

/** Whether a change made by `row` came from where administrators work; `why` is a clause ("it came from …"). */
export function changeOrigin(row: AuditRow, ctx: RuleContext): { unusual: boolean; why: string } {
  const reasons: string[] = [];
  if (ctx.trusted.size > 0 && row.ip && !ctx.isTrusted(row.ip)) reasons.push(`it came from ${row.ip}, outside the trusted networks`);
  if (ctx.context.admins.length > 0 && row.user && !ctx.isAdmin(row.user)) reasons.push(`${row.user} is not listed as an administrator`);
  if (reasons.length > 0) return { unusual: true, why: reasons.join(', and ') };
  if (ctx.trusted.size === 0 && ctx.context.admins.length === 0)
    return { unusual: true, why: 'no trusted networks or administrators are configured, so every such change is listed' };
  return { unusual: false, why: 'a listed administrator made it from inside the trusted networks' };
}
