import { WardenError } from '../../../../shared/errors.ts';
import type { Suppression, SuppressionInput, SuppressionKind } from '../../../../shared/model/findings.ts';
import type { EvidenceStore } from '../../store/openStore.ts';
import { NetworkRanges, parseCidr } from '../context/networkRanges.ts';
import { ruleById } from '../rules/index.ts';
import { ensureDetectSchema } from '../schema/detectSchema.ts';

export interface ActiveSuppression {
  id: number;
  kind: SuppressionKind;
  value: string;
  ruleId: string | null;
  reason: string;
  createdAt: number;
}

/** The suppressions in force (removed ones stay in the table, with their removal time, for the record). */
export function activeSuppressions(store: EvidenceStore): ActiveSuppression[] {
  ensureDetectSchema(store.db);
  return (
    store.db.prepare('SELECT id, kind, value, rule_id, reason, created_at FROM suppressions WHERE removed_at IS NULL ORDER BY id').all() as Record<
      string,
      unknown
    >[]
  ).map((r) => ({
    id: r['id'] as number,
    kind: r['kind'] as SuppressionKind,
    value: r['value'] as string,
    ruleId: r['rule_id'] as string | null,
    reason: r['reason'] as string,
    createdAt: r['created_at'] as number,
  }));
}

/**
 * Decides which suppression hides a finding: exactly what each names and nothing else. An IP range
 * hides findings whose source address is inside it; an account hides findings about that account;
 * a rule-and-account pair hides that rule's findings about that account.
 */
export function suppressionMatcher(list: readonly ActiveSuppression[]): (f: { ruleId: string; user: string | null; ip: string | null }) => number | null {
  const ranges = list.filter((s) => s.kind === 'ip-range').map((s) => ({ id: s.id, range: new NetworkRanges([s.value]) }));
  return (f) => {
    for (const s of list) {
      if (s.kind === 'account' && f.user === s.value) return s.id;
      if (s.kind === 'rule-user' && f.ruleId === s.ruleId && f.user === s.value) return s.id;
    }
    for (const r of ranges) if (r.range.has(f.ip)) return r.id;
    return null;
  };
}

export function addSuppression(store: EvidenceStore, input: SuppressionInput): ActiveSuppression {
  ensureDetectSchema(store.db);
  let value: string;
  let ruleId: string | null = null;
  if (input.kind === 'ip-range') {
    const c = parseCidr(input.cidr);
    value = `${c.address}/${c.prefix}`;
  } else {
    value = input.user.trim().toLowerCase();
    if (input.kind === 'rule-user') {
      if (!ruleById(input.ruleId)) throw new WardenError('invalid-input', `No rule ${input.ruleId} (see \`warden detect --rules\`).`);
      ruleId = input.ruleId;
    }
  }
  const existing = activeSuppressions(store).find((s) => s.kind === input.kind && s.value === value && s.ruleId === ruleId);
  if (existing) return existing;
  const now = Date.now();
  const id = Number(
    store.db
      .prepare('INSERT INTO suppressions (kind, value, rule_id, reason, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(input.kind, value, ruleId, input.reason.trim(), now).lastInsertRowid,
  );
  return { id, kind: input.kind, value, ruleId, reason: input.reason.trim(), createdAt: now };
}

/** Undoes a suppression: what it hid is shown again, triage and notes intact. */
export function removeSuppression(store: EvidenceStore, id: number): ActiveSuppression {
  const found = activeSuppressions(store).find((s) => s.id === id);
  if (!found) throw new WardenError('not-found', `No suppression ${id} in force (see \`warden suppress list\`).`);
  store.db.prepare('UPDATE suppressions SET removed_at = ? WHERE id = ?').run(Date.now(), id);
  return found;
}

/** The suppressions with how many active findings each hides right now. */
export function listSuppressions(store: EvidenceStore): Suppression[] {
  const list = activeSuppressions(store);
  const match = suppressionMatcher(list);
  const hides = new Map<number, number>();
  for (const f of store.db.prepare(`SELECT rule_id, user_upn, ip FROM findings WHERE status = 'active'`).iterate() as Iterable<{
    rule_id: string;
    user_upn: string | null;
    ip: string | null;
  }>) {
    const by = match({ ruleId: f.rule_id, user: f.user_upn, ip: f.ip });
    if (by !== null) hides.set(by, (hides.get(by) ?? 0) + 1);
  }
  return list.map((s) => ({ ...s, hides: hides.get(s.id) ?? 0 }));
}
