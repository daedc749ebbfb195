/**
 * Small readers over a parsed record. Sources spell the same field in PascalCase (Log Analytics,
 * Management Activity API) or camelCase (Graph); CSV exports hold nested objects as JSON text and
 * booleans as TRUE/True/true. These readers accept all of those, so the mappers stay declarative.
 */
export type Obj = Record<string, unknown>;

/** [camelCase, PascalCase] of a field name, computed once per name (the mappers use a few dozen). */
const casings = new Map<string, readonly [string, string]>();
function casingsOf(name: string): readonly [string, string] {
  let pair = casings.get(name);
  if (pair === undefined) {
    pair = [name.charAt(0).toLowerCase() + name.slice(1), name.charAt(0).toUpperCase() + name.slice(1)];
    casings.set(name, pair);
  }
  return pair;
}

function pickOne(obj: Obj, name: string): unknown {
  let v = obj[name];
  if (v === undefined) {
    const [camel, pascal] = casingsOf(name);
    v = obj[camel];
    if (v === undefined) v = obj[pascal];
  }
  return v !== undefined && v !== null && v !== '' ? v : undefined;
}

/** The first of the names present with a non-null, non-empty value (trying both casings of each). */
export function pick(obj: Obj | null | undefined, ...names: string[]): unknown {
  if (!obj) return undefined;
  for (const name of names) {
    const v = pickOne(obj, name);
    if (v !== undefined) return v;
  }
  return undefined;
}

export function str(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') {
    const t = value.trim();
    return t === '' ? null : t;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

export function lower(value: unknown): string | null {
  const s = str(value);
  return s === null ? null : s.toLowerCase();
}

export function int(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return null;
}

export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** 1, 0 or null, from true/false, "TRUE"/"False", 1/0. */
export function bool01(value: unknown): number | null {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value === 0 ? 0 : value === 1 ? 1 : null;
  if (typeof value === 'string') {
    const t = value.trim().toLowerCase();
    if (t === 'true' || t === '1') return 1;
    if (t === 'false' || t === '0') return 0;
  }
  return null;
}

/** An object, also from JSON text (CSV exports keep nested columns as JSON strings). */
export function obj(value: unknown): Obj | null {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Obj;
  if (typeof value === 'string') {
    const t = value.trim();
    if (t.startsWith('{')) {
      try {
        const parsed: unknown = JSON.parse(t);
        return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Obj) : null;
      } catch {
        return null;
      }
    }
  }
  return null;
}

export function arr(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') {
    const t = value.trim();
    if (t.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(t);
        return Array.isArray(parsed) ? parsed : null;
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** Value of the {Name, Value} pair named `name` in a UAL Parameters/ExtendedProperties list. */
export function nameValue(list: unknown, name: string): string | null {
  const items = arr(list);
  if (!items) return null;
  for (const item of items) {
    const o = item as Obj | null;
    if (o && (o['Name'] === name || o['name'] === name)) return str(o['Value'] ?? o['value']);
  }
  return null;
}

/** Distinct non-empty strings joined with "; " (null when none). */
export function joinDistinct(values: Iterable<unknown>): string | null {
  const seen = new Set<string>();
  for (const v of values) {
    const s = str(v);
    if (s !== null) seen.add(s);
  }
  return seen.size === 0 ? null : [...seen].join('; ');
}
