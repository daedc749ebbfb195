import { createHash } from 'node:crypto';
import { WardenError } from '../../../../shared/errors.ts';
import { CONTEXT_KEYS, DetectContext, type ContextKey } from '../../../../shared/model/findings.ts';
import type { EvidenceStore } from '../../store/openStore.ts';
import { describeZodError } from '../../zodMessages.ts';
import { ensureDetectSchema } from '../schema/detectSchema.ts';
import { parseCidr } from './networkRanges.ts';
import { isTimeZone } from './workingHoursClock.ts';

export function emptyContext(): DetectContext {
  return { trustedNetworks: [], homeCountries: [], workingHours: [], admins: [], automationAccounts: [], organizationDomains: [] };
}

/** The tenant's detection context as stored in its evidence store (empty lists when never set). */
export function loadContext(store: EvidenceStore): DetectContext {
  ensureDetectSchema(store.db);
  const context = emptyContext() as Record<ContextKey, unknown>;
  for (const row of store.db.prepare('SELECT key, value FROM detect_context').all() as { key: string; value: string }[]) {
    if ((CONTEXT_KEYS as readonly string[]).includes(row.key)) context[row.key as ContextKey] = JSON.parse(row.value) as unknown;
  }
  const parsed = DetectContext.safeParse(context);
  if (!parsed.success) throw new WardenError('internal', `The stored detection context is damaged: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

/** Normalizes and checks one context value; throws a message that names the bad entry. */
export function normalizeContextValue<K extends ContextKey>(key: K, value: DetectContext[K]): DetectContext[K] {
  const one = DetectContext.shape[key].safeParse(value);
  if (!one.success) throw new WardenError('invalid-input', `${key}: ${describeZodError(one.error)}`);
  const v = one.data as DetectContext[K];
  switch (key) {
    case 'trustedNetworks':
      for (const cidr of v as string[]) parseCidr(cidr);
      return [...new Set((v as string[]).map((c) => c.trim()))] as DetectContext[K];
    case 'homeCountries':
      return [...new Set(v as string[])].sort() as DetectContext[K];
    case 'admins':
    case 'automationAccounts':
    case 'organizationDomains':
      return [...new Set((v as string[]).map((s) => s.trim().toLowerCase()))].sort() as DetectContext[K];
    case 'workingHours':
      for (const h of v as DetectContext['workingHours']) {
        if (!isTimeZone(h.timeZone)) throw new WardenError('invalid-input', `workingHours: ${h.timeZone} is not an IANA time zone (e.g. Europe/London).`);
        if (h.end <= h.start)
          throw new WardenError('invalid-input', `workingHours: the end hour ${h.end} must be after the start hour ${h.start} (${h.timeZone}).`);
      }
      return v;
    default:
      return v;
  }
}

/** Replaces one context value. Rules re-run in full on their next run (their config hash changes). */
export function saveContextValue<K extends ContextKey>(store: EvidenceStore, key: K, value: DetectContext[K]): DetectContext {
  ensureDetectSchema(store.db);
  const normalized = normalizeContextValue(key, value);
  store.db
    .prepare(
      'INSERT INTO detect_context (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    )
    .run(key, JSON.stringify(normalized), Date.now());
  return loadContext(store);
}

/** A short hash of the context, so a rule can tell its findings were derived under another context. */
export function contextHash(context: DetectContext): string {
  return createHash('sha256').update(JSON.stringify(context)).digest('hex').slice(0, 16);
}
