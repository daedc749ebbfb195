import type { EmulatorContext } from '../context.ts';
import type { EmulatorRequest, Reply } from '../server/types.ts';
import { parseFilterParam } from './access.ts';
import { graphError } from './errors.ts';
import { compileFilter, parseFilter, type FilterSupport } from './filter.ts';
import { collection, decodeSkipToken, encodeSkipToken, nextLink, parseSelect, parseTop, project } from './odata.ts';

interface OffsetCursor {
  o: number;
}

function isOffsetCursor(value: unknown): value is OffsetCursor {
  return typeof value === 'object' && value !== null && Number.isInteger((value as OffsetCursor).o) && (value as OffsetCursor).o >= 0;
}

export interface StaticListOptions<T extends object> {
  entitySet: string;
  typeName: string;
  items: readonly T[];
  filter: FilterSupport;
  /** Property with a time range filter, if any. */
  timePath?: string;
  top: { fallback: number; max: number };
  /** `$select` support: the selectable properties and the default set (absent: the whole object). */
  select?: { allowed: readonly string[]; defaults?: readonly string[] };
  map?: (item: T) => object;
}

/** A Graph collection over an in-memory list (users, role assignments, registration details...) with paging. */
export function listStatic<T extends object>(ctx: EmulatorContext, req: EmulatorRequest, options: StaticListOptions<T>): Reply {
  const top = parseTop(req, options.top.fallback, options.top.max);
  if (!top.ok) return top.reply;
  const cursor = decodeSkipToken(req, isOffsetCursor);
  if (!cursor.ok) return cursor.reply;
  const select = options.select ? parseSelect(req, options.select.allowed, options.typeName) : { ok: true as const, value: undefined };
  if (!select.ok) return select.reply;
  const filterText = parseFilterParam(req);
  const parsed = filterText ? parseFilter(filterText) : { ok: true as const, conditions: [] };
  if (!parsed.ok) return graphError(req, 400, 'BadRequest', parsed.message);
  const compiled = compileFilter(parsed.conditions, options.filter, options.timePath, options.typeName);
  if (!compiled.ok) return graphError(req, 400, 'BadRequest', compiled.message);
  const { from, to, test } = compiled.filter;
  const timePath = options.timePath;
  const matches = options.items.filter((item) => {
    if (timePath && (from !== undefined || to !== undefined)) {
      const t = Date.parse(String((item as Record<string, unknown>)[timePath]));
      if ((from !== undefined && t < from) || (to !== undefined && t >= to)) return false;
    }
    return test(item);
  });
  const offset = cursor.value?.o ?? 0;
  const slice = matches.slice(offset, offset + top.value);
  const fields = select.value ?? options.select?.defaults;
  const value = slice.map((item) => {
    const mapped = options.map ? options.map(item) : item;
    return fields ? project(mapped, fields) : mapped;
  });
  const more = offset + top.value < matches.length;
  return collection(ctx, req, options.entitySet, value, more ? nextLink(ctx, req, encodeSkipToken({ o: offset + top.value })) : undefined);
}
