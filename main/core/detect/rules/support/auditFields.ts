import { arr, lower, obj, pick, str, type Obj } from '../../../importers/fieldAccess.ts';
import type { AuditRow } from '../../engine/auditRows.ts';

/**
 * Readers for the parts of an audit record the normalized columns do not hold: cmdlet parameters,
 * modified properties and targets. They accept every shape the importers accept: the Management
 * Activity record, its Search-UnifiedAuditLog / Purview / Graph envelopes, Log Analytics
 * OfficeActivity and AuditLogs rows (nested values as JSON text), and Graph directoryAudit objects.
 */

/** The unified audit record inside an envelope (AuditData / auditData), or the record itself. */
export function recordBody(row: AuditRow): Obj {
  const inner = obj(pick(row.json, 'AuditData'));
  return inner ?? row.json;
}

/** Cmdlet parameters by lower-case name (UAL `Parameters`, a list of {Name, Value}). */
export function parametersOf(row: AuditRow): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of arr(pick(recordBody(row), 'Parameters')) ?? []) {
    const o = obj(item);
    const name = str(pick(o, 'Name'));
    if (name) out.set(name.toLowerCase(), str(pick(o, 'Value')) ?? '');
  }
  return out;
}

/** Graph and Log Analytics write modified values as JSON text ('"Global Administrator"'); UAL writes them bare. */
function unquote(value: unknown): string | null {
  const s = str(value);
  if (s === null) return null;
  if (s.startsWith('"') && s.endsWith('"') && s.length >= 2) {
    try {
      const parsed: unknown = JSON.parse(s);
      if (typeof parsed === 'string') return parsed;
    } catch {
      return s;
    }
  }
  return s;
}

export interface ModifiedProperty {
  name: string;
  oldValue: string | null;
  newValue: string | null;
}

/** Modified properties: UAL `ModifiedProperties`, or every target's `modifiedProperties` in a directory audit. */
export function modifiedPropertiesOf(row: AuditRow): ModifiedProperty[] {
  const body = recordBody(row);
  const out: ModifiedProperty[] = [];
  for (const item of arr(pick(body, 'ModifiedProperties')) ?? []) {
    const o = obj(item);
    const name = str(pick(o, 'Name'));
    if (name) out.push({ name, oldValue: unquote(pick(o, 'OldValue')), newValue: unquote(pick(o, 'NewValue')) });
  }
  for (const target of arr(pick(body, 'targetResources', 'TargetResources')) ?? []) {
    for (const item of arr(pick(obj(target), 'modifiedProperties')) ?? []) {
      const o = obj(item);
      const name = str(pick(o, 'displayName'));
      if (name) out.push({ name, oldValue: unquote(pick(o, 'oldValue')), newValue: unquote(pick(o, 'newValue')) });
    }
  }
  return out;
}

export interface AuditTarget {
  id: string | null;
  name: string | null;
  upn: string | null;
  type: string | null;
}

/** The objects acted upon: directory audit `targetResources`, or UAL `Target` (type 5 = UPN) and `ObjectId`. */
export function targetsOf(row: AuditRow): AuditTarget[] {
  const body = recordBody(row);
  const resources = arr(pick(body, 'targetResources', 'TargetResources'));
  if (resources && resources.length > 0) {
    return resources.map((t) => {
      const o = obj(t);
      return { id: str(pick(o, 'id')), name: str(pick(o, 'displayName')), upn: lower(pick(o, 'userPrincipalName')), type: str(pick(o, 'type')) };
    });
  }
  const targets = arr(pick(body, 'Target')) ?? [];
  let upn: string | null = null;
  let id: string | null = null;
  for (const t of targets) {
    const o = obj(t);
    const value = str(pick(o, 'ID'));
    const type = Number(pick(o, 'Type'));
    if (type === 5 && value && value.includes('@')) upn = value.toLowerCase();
    if (type === 2 && value && /^[0-9a-f-]{36}$/i.test(value)) id ??= value;
  }
  const objectId = str(pick(body, 'ObjectId'));
  if (!upn && objectId && objectId.includes('@')) upn = objectId.toLowerCase();
  return upn || id || objectId ? [{ id: id ?? objectId, name: objectId, upn, type: null }] : [];
}

/** A directory audit's `additionalDetails` or a UAL record's `ExtendedProperties`, by lower-case key. */
export function detailsOf(row: AuditRow): Map<string, string> {
  const body = recordBody(row);
  const out = new Map<string, string>();
  for (const item of [...(arr(pick(body, 'additionalDetails', 'AdditionalDetails')) ?? []), ...(arr(pick(body, 'ExtendedProperties')) ?? [])]) {
    const o = obj(item);
    const key = str(pick(o, 'key', 'Name'));
    if (key) out.set(key.toLowerCase(), str(pick(o, 'value', 'Value')) ?? '');
  }
  return out;
}

/** True for records a service wrote on its own (NT AUTHORITY\SYSTEM, S-1-5-18, provisioning accounts). */
export function isSystemActor(row: AuditRow): boolean {
  const user = row.user ?? '';
  return user === 's-1-5-18' || user.startsWith('nt authority\\') || user.endsWith('.prod.outlook.com') || user.startsWith('servicecomponent');
}

/** A boolean parameter value as Exchange logs it ('True', '$true', 'TRUE'). */
export function isTrue(value: string | undefined): boolean {
  return value !== undefined && /^\$?true$/i.test(value.trim());
}

/** An SMTP address out of 'smtp:a@b', '"Name" [SMTP:a@b]', 'a@b'. */
export function smtpAddresses(value: string): string[] {
  const out: string[] = [];
  for (const match of value.matchAll(/(?:smtp:)?([^\s;,"'[\]<>]+@[^\s;,"'[\]<>]+)/gi)) out.push(match[1]!.toLowerCase());
  return [...new Set(out)];
}
