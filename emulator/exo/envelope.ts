import { randomUUID } from 'node:crypto';
import { BACKEND_SERVER } from './errors.ts';

const EXO_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/**
 * Annotates an output object as InvokeCommand serializes it (reference §2.2): multi-valued properties get a
 * sibling `<Prop>@odata.type: "#Collection(String)"`. Emulator-only fields (MemberUpns) are dropped.
 */
export function serializeObject(item: object, select?: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const source = item as Record<string, unknown>;
  const keys = select ?? Object.keys(source);
  for (const key of keys) {
    if (key === 'MemberUpns') continue;
    const value = source[key];
    if (Array.isArray(value)) out[`${key}@odata.type`] = '#Collection(String)';
    out[key] = value === undefined ? null : value;
  }
  return out;
}

export interface RateLimit {
  limit: number;
  remaining: number;
  resetAt: number;
}

export function successHeaders(appId: string, rate: RateLimit): Record<string, string> {
  return {
    'Content-Type': EXO_JSON,
    'Cache-Control': 'no-cache',
    'Request-Id': randomUUID(),
    'Preference-Applied': 'odata.include-annotations="*"',
    'Odata-Version': '4.0',
    'Rate-Limit-Limit': String(rate.limit),
    'Rate-Limit-Remaining': String(Math.max(0, rate.remaining)),
    'Rate-Limit-Reset': new Date(rate.resetAt).toISOString(),
    'X-Calculatedbetarget': BACKEND_SERVER,
    'X-Combinedapponlyconcurrencycount': '0',
    'X-Concurrencycount': '0',
    'X-Exchangeversion': 'Version 15.20 (Build 7587.36)',
    'X-Ms-Appid': appId,
    'X-Feserver': 'EMU01CA0001',
  };
}

export function envelope(contextUrl: string, value: unknown[], warnings: string[], next: string | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = {
    '@odata.context': contextUrl,
    'adminapi.warnings@odata.type': '#Collection(String)',
    '@adminapi.warnings': warnings,
  };
  if (next) body['@odata.nextLink'] = next;
  body['value'] = value;
  return body;
}
