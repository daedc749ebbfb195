/**
 * The small part of OData `$filter` the emulated endpoints support, parsed into plain conditions:
 *   clause ( ' and ' clause )*
 *   clause := '(' clause ')' | path op literal | 'signInEventTypes/any(t: t eq 'x')'
 *   op := eq | ne | ge | gt | le | lt;  literal := 'string' | number | true | false | 2024-01-01T00:00:00Z
 * Anything else is rejected with the reason, which the endpoint reports in Graph's error body.
 * (Hand-written: no maintained OData parser for Node covers Graph's lambda syntax and error texts.)
 */
export type FilterOp = 'eq' | 'ne' | 'ge' | 'gt' | 'le' | 'lt';
export type Literal = string | number | boolean;

export interface Comparison {
  kind: 'compare';
  path: string;
  op: FilterOp;
  value: Literal;
  /** The literal was an unquoted ISO date-time. */
  isDateTime: boolean;
}

export interface AnyEquals {
  kind: 'any';
  path: string;
  value: string;
}

export type Condition = Comparison | AnyEquals;

export type FilterParse = { ok: true; conditions: Condition[] } | { ok: false; message: string };

const DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?)?(Z|[+-]\d{2}:\d{2})?$/;

function splitAnd(text: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && /\s/.test(c ?? '') && /^\s+and\s+/i.test(text.slice(i))) {
      parts.push(text.slice(start, i));
      const m = /^\s+and\s+/i.exec(text.slice(i));
      i += (m?.[0].length ?? 1) - 1;
      start = i + 1;
    }
    if (depth < 0) return undefined;
  }
  if (quoted || depth !== 0) return undefined;
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

function parseLiteral(raw: string): { value: Literal; isDateTime: boolean } | undefined {
  const text = raw.trim();
  if (/^'.*'$/s.test(text)) return { value: text.slice(1, -1).replace(/''/g, "'"), isDateTime: false };
  if (text === 'true' || text === 'false') return { value: text === 'true', isDateTime: false };
  if (/^-?\d+(\.\d+)?$/.test(text)) return { value: Number(text), isDateTime: false };
  if (DATETIME.test(text)) return { value: text, isDateTime: true };
  return undefined;
}

export function parseFilter(filter: string): FilterParse {
  const parts = splitAnd(filter.trim());
  if (!parts) return { ok: false, message: `Invalid filter clause: unbalanced quotes or parentheses in '${filter}'.` };
  const conditions: Condition[] = [];
  for (let part of parts) {
    while (/^\(.*\)$/s.test(part) && splitAnd(part.slice(1, -1)) !== undefined) part = part.slice(1, -1).trim();
    if (/\s+or\s+/i.test(part.replace(/'[^']*'/g, "''"))) return { ok: false, message: `Invalid filter clause: 'or' is not supported in '${part}'.` };
    const any = /^([\w/]+)\/any\(\s*(\w+)\s*:\s*\2\s+eq\s+'([^']*)'\s*\)$/i.exec(part);
    if (any) {
      conditions.push({ kind: 'any', path: any[1] ?? '', value: any[3] ?? '' });
      continue;
    }
    const cmp = /^([\w/]+)\s+(eq|ne|ge|gt|le|lt)\s+(.+)$/i.exec(part);
    if (!cmp) return { ok: false, message: `Invalid filter clause: could not parse '${part}'.` };
    const literal = parseLiteral(cmp[3] ?? '');
    if (!literal) return { ok: false, message: `Invalid filter clause: '${cmp[3] ?? ''}' is not a valid literal in '${part}'.` };
    conditions.push({
      kind: 'compare',
      path: cmp[1] ?? '',
      op: (cmp[2] ?? 'eq').toLowerCase() as FilterOp,
      value: literal.value,
      isDateTime: literal.isDateTime,
    });
  }
  return { ok: true, conditions };
}

/** What an endpoint allows: per property path, the operators it supports. */
export type FilterSupport = Record<string, readonly FilterOp[] | 'any'>;

export interface CompiledFilter {
  /** Time window on the endpoint's time property, epoch ms: [from, to). */
  from: number | undefined;
  to: number | undefined;
  /** The other conditions, tested per item. */
  test: (item: object) => boolean;
  /** Values of `any` conditions by path (e.g. signInEventTypes). */
  anyValues: Map<string, string[]>;
}

function valueAt(item: object, path: string): unknown {
  let current: unknown = item;
  for (const key of path.split('/')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function equalsLiteral(actual: unknown, expected: Literal): boolean {
  if (typeof expected === 'string' && typeof actual === 'string') return actual.toLowerCase() === expected.toLowerCase();
  return actual === expected;
}

/**
 * Checks parsed conditions against what the endpoint supports and compiles them. `timePath` is the property whose
 * range picks the hours to read (createdDateTime / activityDateTime).
 */
export function compileFilter(
  conditions: Condition[],
  support: FilterSupport,
  timePath: string | undefined,
  typeName: string,
): { ok: true; filter: CompiledFilter } | { ok: false; message: string } {
  let from: number | undefined;
  let to: number | undefined;
  const tests: Array<(item: object) => boolean> = [];
  const anyValues = new Map<string, string[]>();
  for (const c of conditions) {
    const allowed = support[c.path];
    if (c.kind === 'any') {
      if (allowed !== 'any')
        return { ok: false, message: `Unsupported or invalid query filter clause specified for property '${c.path}' of resource '${typeName}'.` };
      anyValues.set(c.path, [...(anyValues.get(c.path) ?? []), c.value]);
      continue;
    }
    if (!allowed || allowed === 'any' || !allowed.includes(c.op)) {
      return { ok: false, message: `Unsupported or invalid query filter clause specified for property '${c.path}' of resource '${typeName}'.` };
    }
    if (c.path === timePath) {
      if (!c.isDateTime) return { ok: false, message: `Invalid filter clause: '${String(c.value)}' is not a valid DateTimeOffset for '${c.path}'.` };
      const t = Date.parse(String(c.value));
      if (Number.isNaN(t)) return { ok: false, message: `Invalid filter clause: '${String(c.value)}' is not a valid DateTimeOffset.` };
      if (c.op === 'ge') from = Math.max(from ?? -Infinity, t);
      else if (c.op === 'gt') from = Math.max(from ?? -Infinity, t + 1);
      else if (c.op === 'lt') to = Math.min(to ?? Infinity, t);
      else if (c.op === 'le') to = Math.min(to ?? Infinity, t + 1);
      else if (c.op === 'eq') {
        from = Math.max(from ?? -Infinity, t);
        to = Math.min(to ?? Infinity, t + 1);
      }
      continue;
    }
    const path = c.path;
    const value = c.value;
    const op = c.op;
    if (op === 'eq') tests.push((item) => equalsLiteral(valueAt(item, path), value));
    else if (op === 'ne') tests.push((item) => !equalsLiteral(valueAt(item, path), value));
    else {
      const expected = c.isDateTime ? Date.parse(String(value)) : value;
      tests.push((item) => {
        const raw = valueAt(item, path);
        const actual = c.isDateTime ? Date.parse(String(raw)) : raw;
        if (typeof actual !== typeof expected || actual === null || actual === undefined) return false;
        const a = actual as number | string;
        const b = expected as number | string;
        return op === 'ge' ? a >= b : op === 'gt' ? a > b : op === 'le' ? a <= b : a < b;
      });
    }
  }
  return { ok: true, filter: { from, to, test: (item) => tests.every((t) => t(item)), anyValues } };
}
