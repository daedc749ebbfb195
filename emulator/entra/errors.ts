import { randomUUID } from 'node:crypto';
import type { Reply } from '../server/types.ts';

/** `2016-01-09 02:02:12Z`: the timestamp format of AADSTS error bodies. */
export function aadTimestamp(date = new Date()): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

export interface AadErrorOptions {
  status?: number;
  suberror?: string;
  correlationId?: string;
  headers?: Record<string, string>;
}

/**
 * An STS error body as Entra ID writes it (reference §1.8): `error`, an `error_description` that starts with
 * `AADSTSnnnnn:` and ends with the trace lines, `error_codes`, `timestamp`, `trace_id`, `correlation_id`, `error_uri`.
 */
export function aadError(error: string, code: number, message: string, options: AadErrorOptions = {}): Reply {
  const now = new Date();
  const traceId = randomUUID();
  const correlationId = options.correlationId ?? randomUUID();
  const timestamp = aadTimestamp(now);
  const body: Record<string, unknown> = {
    error,
    error_description: `AADSTS${code}: ${message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  };
  if (options.suberror) body['suberror'] = options.suberror;
  return {
    status: options.status ?? 400,
    headers: { 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache', 'x-ms-request-id': traceId, ...options.headers },
    body,
  };
}
