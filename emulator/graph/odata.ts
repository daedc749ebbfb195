import { originOf, type EmulatorContext } from '../context.ts';
import type { EmulatorRequest, Reply } from '../server/types.ts';
import { GRAPH_JSON, graphError, graphHeaders } from './errors.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reply: Reply };

/** `$top`: an integer in [1, max]; Graph rejects anything else with 400. */
export function parseTop(req: EmulatorRequest, fallback: number, max: number): Parsed<number> {
  const raw = req.url.searchParams.get('$top');
  if (raw === null) return { ok: true, value: fallback };
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > max) {
    return { ok: false, reply: graphError(req, 400, 'Request_BadRequest', `Invalid page size specified: '${raw}'. Must be between 1 and ${max} inclusive.`) };
  }
  return { ok: true, value: n };
}

/** `$select`: a comma list of properties the resource has. */
export function parseSelect(req: EmulatorRequest, allowed: readonly string[], typeName: string): Parsed<string[] | undefined> {
  const raw = req.url.searchParams.get('$select');
  if (raw === null || raw.trim() === '') return { ok: true, value: undefined };
  const fields = raw
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  for (const field of fields) {
    if (!allowed.includes(field))
      return { ok: false, reply: graphError(req, 400, 'BadRequest', `Could not find a property named '${field}' on type '${typeName}'.`) };
  }
  return { ok: true, value: fields };
}

export function project<T extends object>(item: T, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const source = item as Record<string, unknown>;
  for (const f of fields) out[f] = source[f] ?? null;
  return out;
}

/** Opaque `$skiptoken`: base64url JSON of the handler's cursor. */
export function encodeSkipToken(cursor: object): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export function decodeSkipToken<T>(req: EmulatorRequest, isValid: (value: unknown) => value is T): Parsed<T | undefined> {
  const raw = req.url.searchParams.get('$skiptoken') ?? req.url.searchParams.get('$skipToken');
  if (raw === null) return { ok: true, value: undefined };
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (isValid(value)) return { ok: true, value };
  } catch {
    // falls through to the error below
  }
  return { ok: false, reply: graphError(req, 400, 'BadRequest', `The $skiptoken '${raw.slice(0, 64)}' is invalid or has expired.`) };
}

/** The same request with `$skiptoken` replaced: what Graph puts in `@odata.nextLink`. */
export function nextLink(ctx: EmulatorContext, req: EmulatorRequest, skipToken: string): string {
  const parts: string[] = [];
  for (const [key, value] of req.url.searchParams) {
    if (key.toLowerCase() === '$skiptoken') continue;
    parts.push(`${key}=${encodeURIComponent(value)}`);
  }
  parts.push(`$skiptoken=${skipToken}`);
  return `${originOf(ctx, req)}${req.url.pathname}?${parts.join('&')}`;
}

/** `…/graph/v1.0/$metadata#auditLogs/signIns` */
export function contextUrl(ctx: EmulatorContext, req: EmulatorRequest, entitySet: string): string {
  const version = req.params['version'] ?? 'v1.0';
  return `${originOf(ctx, req)}/graph/${version}/$metadata#${entitySet}`;
}

export function collection(ctx: EmulatorContext, req: EmulatorRequest, entitySet: string, value: unknown[], next: string | undefined): Reply {
  const body: Record<string, unknown> = { '@odata.context': contextUrl(ctx, req, entitySet) };
  if (next) body['@odata.nextLink'] = next;
  body['value'] = value;
  return { status: 200, headers: { ...graphHeaders(req), 'Content-Type': GRAPH_JSON }, body };
}

export function entity(ctx: EmulatorContext, req: EmulatorRequest, entitySet: string, value: object, status = 200): Reply {
  return {
    status,
    headers: { ...graphHeaders(req), 'Content-Type': GRAPH_JSON },
    body: { '@odata.context': `${contextUrl(ctx, req, entitySet)}/$entity`, ...value },
  };
}
