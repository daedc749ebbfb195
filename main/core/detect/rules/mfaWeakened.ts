import { operationVariants } from '../engine/auditRows.ts';
import type { AuditRule, DerivedFinding } from '../engine/ruleTypes.ts';
import { listSome } from '../findings/explain.ts';
import { actorPhrase, auditFinding } from './support/auditFinding.ts';
import { modifiedPropertiesOf, targetsOf } from './support/auditFields.ts';

const parameters = {
  /** Directory audits that change someone's sign-in methods on their behalf. */
  methodChanges: ['Admin registered security info', 'Admin updated security info', 'Admin deleted security info', 'Delete application password for user'],
};

/** Per-user MFA requirement removed ('Disable Strong Authentication', or 'Update user' emptying StrongAuthenticationRequirement). */
function mfaRemoved(operation: string, props: ReturnType<typeof modifiedPropertiesOf>): boolean {
  if (operation.startsWith('Disable Strong Authentication')) return true;
  const req = props.find((p) => p.name === 'StrongAuthenticationRequirement');
  if (!req) return false;
  const now = (req.newValue ?? '').replace(/\s/g, '');
  return now === '[]' || now === '' || /"State":0/.test(now);
}

/**
 * Per-user MFA disabled, or someone's authentication methods changed by another account. Removing an
 * administrator's MFA is the worst case. Users registering their own new phone are not listed.
 */
export const mfaWeakened: AuditRule<typeof parameters> = {
  kind: 'audit',
  id: 'mfa-weakened',
  title: 'Per-user MFA disabled or authentication methods changed',
  severity: 'high',
  technique: 'T1556.006',
  looksAt: "'Disable Strong Authentication', 'Update user' (StrongAuthenticationRequirement, StrongAuthenticationMethod) and security-info directory audits.",
  parameters,
  explanation: '{actor} {change} for {target}{adminNote} ({operations}).',
  operations: operationVariants(['Disable Strong Authentication', 'Update user', ...parameters.methodChanges]),
  derive(rows, ctx) {
    const out: DerivedFinding[] = [];
    const methodOps = new Set(parameters.methodChanges.map((o) => o.toLowerCase()));
    for (const row of rows) {
      if (row.result === 'failure') continue;
      const op = row.operation.replace(/\s*\.$/, '');
      const props = modifiedPropertiesOf(row);
      const removed = mfaRemoved(op, props);
      const methods =
        methodOps.has(op.toLowerCase()) || props.some((p) => p.name === 'StrongAuthenticationMethod' || p.name === 'StrongAuthenticationPhoneAppDetail');
      if (!removed && !methods) continue;
      const target = (targetsOf(row).find((t) => t.upn)?.upn ?? row.object ?? 'an unknown account').toLowerCase();
      // A person managing their own methods is routine; another account doing it is listed.
      if (!removed && row.user === target) continue;
      const admin = ctx.isAdmin(target);
      out.push(
        auditFinding(row, {
          subjectKey: `target:${target}`,
          severity: removed ? (admin ? 'critical' : 'high') : 'medium',
          title: removed ? `Per-user MFA removed for ${target}` : `Authentication methods of ${target} changed`,
          facts: {
            actor: actorPhrase(row, ctx),
            change: removed ? 'removed the per-user MFA requirement' : 'changed the authentication methods',
            target: row.user === target ? `${target} (their own account)` : target,
            adminNote: admin ? ', an administrator' : '',
            operations: listSome([op]),
          },
          user: target,
        }),
      );
    }
    // The twins and companions of one change (Update user + Disable Strong Authentication, Graph + UAL) list all their operations.
    const byTarget = new Map<string, string[]>();
    for (const f of out) {
      const ops = byTarget.get(f.subjectKey) ?? [];
      ops.push(String(f.facts['operations']));
      byTarget.set(f.subjectKey, ops);
    }
    for (const f of out) f.facts['operations'] = listSome([...new Set(byTarget.get(f.subjectKey))]);
    return out;
  },
};
