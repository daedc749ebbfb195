import { parameterError } from './errors.ts';

export type ParamType = 'string' | 'string[]' | 'bool' | 'int' | 'datetime' | 'resultSize' | 'timespan' | 'multiValued' | 'nullableString' | 'nullableBool';

/** A cmdlet's parameters: name → type. Names match case-insensitively, as PowerShell binds them. */
export type ParamSpec = Record<string, ParamType>;

/** Parameters every cmdlet accepts (common parameters the module sends). */
const COMMON: ParamSpec = {
  Confirm: 'bool',
  WarningAction: 'string',
  ErrorAction: 'string',
  Verbose: 'bool',
  Debug: 'bool',
  WhatIf: 'bool',
  Force: 'bool',
  DomainController: 'string',
};

export interface MultiValuedUpdate {
  add: string[];
  remove: string[];
  replace?: string[];
}

export type ParamValue = string | string[] | boolean | number | null | MultiValuedUpdate;

/** Bound parameters, by canonical (spec) name. */
export class BoundParameters {
  private readonly values = new Map<string, ParamValue>();
  /** Names as the caller spelled them, with the raw JSON values: what the audit record's Parameters show. */
  readonly raw: Array<[string, unknown]> = [];

  has(name: string): boolean {
    return this.values.has(name);
  }

  set(name: string, value: ParamValue, rawName: string, rawValue: unknown): void {
    this.values.set(name, value);
    this.raw.push([rawName, rawValue]);
  }

  string(name: string): string | undefined {
    const v = this.values.get(name);
    return typeof v === 'string' ? v : undefined;
  }

  strings(name: string): string[] | undefined {
    const v = this.values.get(name);
    if (Array.isArray(v)) return v;
    return typeof v === 'string' ? [v] : undefined;
  }

  bool(name: string): boolean | undefined {
    const v = this.values.get(name);
    return typeof v === 'boolean' ? v : undefined;
  }

  number(name: string): number | undefined {
    const v = this.values.get(name);
    return typeof v === 'number' ? v : undefined;
  }

  value(name: string): ParamValue | undefined {
    return this.values.get(name);
  }

  /** A string parameter that must be present. */
  required(name: string): string {
    const v = this.string(name);
    if (v === undefined || v === '') throw parameterError(`Cannot bind argument to parameter '${name}' because it is an empty string or was not supplied.`);
    return v;
  }
}

function toBool(name: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(\$?true|\$?false)$/i.test(value)) return /true/i.test(value);
  throw parameterError(`Cannot process argument transformation on parameter '${name}'. Cannot convert value "${String(value)}" to type "System.Boolean".`);
}

function toStringArray(name: string, value: unknown): string[] {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  // Through the REST API a bare string for a string[] parameter fails (CIPP's finding, reference §2.8).
  throw parameterError(`Cannot process argument transformation on parameter '${name}'. Cannot convert value to type "System.String[]": send a JSON array.`);
}

/** ISO / sortable date-time strings; no zone means UTC (the module sends UTC in the sortable pattern). */
export function parseDateTime(name: string, value: unknown): number {
  if (typeof value === 'string') {
    const text = /[zZ]|[+-]\d{2}:\d{2}$/.test(value) || !/T/.test(value) ? value : `${value}Z`;
    const t = Date.parse(/T/.test(text) ? text : `${text}T00:00:00Z`);
    if (!Number.isNaN(t)) return t;
  }
  throw parameterError(`Cannot process argument transformation on parameter '${name}'. Cannot convert value "${String(value)}" to type "System.DateTime".`);
}

const TIMESPAN = /^(\d+)(?:\.(\d{1,2}):(\d{2}):(\d{2}))?$|^(\d{1,2}):(\d{2}):(\d{2})$/;

function bind(name: string, type: ParamType, value: unknown): ParamValue {
  switch (type) {
    case 'string':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      throw parameterError(`Cannot process argument transformation on parameter '${name}'. Cannot convert the value to type "System.String".`);
    case 'nullableString':
      return value === null ? null : bind(name, 'string', value);
    case 'nullableBool':
      return value === null ? null : toBool(name, value);
    case 'string[]':
      return toStringArray(name, value);
    case 'bool':
      return toBool(name, value);
    case 'int': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
      if (!Number.isInteger(n))
        throw parameterError(`Cannot process argument transformation on parameter '${name}'. Cannot convert value "${String(value)}" to type "System.Int32".`);
      return n;
    }
    case 'datetime':
      return new Date(parseDateTime(name, value)).toISOString();
    case 'resultSize': {
      if (typeof value === 'string' && value.toLowerCase() === 'unlimited') return 'Unlimited';
      const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
      if (!Number.isInteger(n) || n < 1)
        throw parameterError(
          `Cannot process argument transformation on parameter '${name}'. Cannot convert value "${String(value)}" to type "Microsoft.Exchange.Data.Unlimited\`1[System.UInt32]".`,
        );
      return n;
    }
    case 'timespan':
      if (typeof value === 'string' && TIMESPAN.test(value)) return value;
      throw parameterError(
        `Cannot process argument transformation on parameter '${name}'. Cannot convert value "${String(value)}" to type "Microsoft.Exchange.Data.EnhancedTimeSpan". Use d.hh:mm:ss.`,
      );
    case 'multiValued': {
      if (typeof value === 'string') return [value];
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
      if (typeof value === 'object' && value !== null) {
        const h = value as Record<string, unknown>;
        const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
        const update: MultiValuedUpdate = { add: list(h['Add'] ?? h['add']), remove: list(h['Remove'] ?? h['remove']) };
        return update;
      }
      throw parameterError(`Cannot process argument transformation on parameter '${name}'. Expected a string, an array or a hashtable with Add/Remove.`);
    }
  }
}

/** Binds the JSON `Parameters` object to a cmdlet's spec; unknown names fail as PowerShell fails them. */
export function bindParameters(cmdlet: string, spec: ParamSpec, input: unknown): BoundParameters {
  const bound = new BoundParameters();
  if (input === undefined || input === null) return bound;
  if (typeof input !== 'object' || Array.isArray(input)) throw parameterError(`The Parameters of ${cmdlet} must be a JSON object.`);
  const all = { ...COMMON, ...spec };
  const names = new Map(Object.keys(all).map((k) => [k.toLowerCase(), k]));
  for (const [rawName, rawValue] of Object.entries(input as Record<string, unknown>)) {
    if (rawName.includes('@odata.type')) continue;
    const name = names.get(rawName.toLowerCase());
    if (!name) throw parameterError(`A parameter cannot be found that matches parameter name '${rawName}'.`);
    bound.set(name, bind(name, all[name] as ParamType, rawValue), rawName, rawValue);
  }
  return bound;
}

/** Applies a multi-valued parameter (a list replaces, a hashtable adds/removes). */
export function applyMultiValued(current: readonly string[], value: ParamValue | undefined): string[] {
  if (value === undefined || value === null) return [...current];
  if (Array.isArray(value)) return [...value];
  if (typeof value === 'object') {
    const removed = new Set(value.remove.map((v) => v.toLowerCase()));
    const kept = current.filter((v) => !removed.has(v.toLowerCase()));
    for (const a of value.add) if (!kept.some((k) => k.toLowerCase() === a.toLowerCase())) kept.push(a);
    return kept;
  }
  return [String(value)];
}
