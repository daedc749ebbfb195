import { randomUUID } from 'node:crypto';
import type { ServiceReplies } from '../server/serviceReplies.ts';
import { header, type EmulatorRequest, type Reply } from '../server/types.ts';

/** Graph's JSON content type for OData responses. */
export const GRAPH_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** Response headers every Graph reply carries: request-id, client-request-id (echoed), diagnostics. */
export function graphHeaders(req: EmulatorRequest, requestId = randomUUID()): Record<string, string> {
  return {
    'request-id': requestId,
    'client-request-id': header(req, 'client-request-id') ?? requestId,
    'x-ms-ags-diagnostic': JSON.stringify({ ServerInfo: { DataCenter: 'Emulator', Slice: 'E', Ring: '0', ScaleUnit: '000', RoleInstance: 'EMU' } }),
    'Cache-Control': 'no-cache',
  };
}

/** Graph's error body (reference §3.1): `{"error":{"code","message","innerError":{date, request-id, client-request-id}}}`. */
export function graphError(req: EmulatorRequest, status: number, code: string, message: string, extraHeaders: Record<string, string> = {}): Reply {
  const requestId = randomUUID();
  const headers: Record<string, string> = { ...graphHeaders(req, requestId), 'Content-Type': 'application/json', ...extraHeaders };
  return {
    status,
    headers,
    body: {
      error: {
        code,
        message,
        innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': requestId, 'client-request-id': headers['client-request-id'] },
      },
    },
  };
}

export function graphThrottled(req: EmulatorRequest, retryAfterSeconds: number): Reply {
  const requestId = randomUUID();
  return {
    status: 429,
    headers: { ...graphHeaders(req, requestId), 'Content-Type': 'application/json', 'Retry-After': String(retryAfterSeconds) },
    body: {
      error: {
        code: 'TooManyRequests',
        innerError: { code: '429', date: new Date().toISOString().slice(0, 19), message: 'Please retry after', 'request-id': requestId, status: '429' },
        message: 'Please retry again later.',
      },
    },
  };
}

export const graphReplies: ServiceReplies = {
  throttled: graphThrottled,
  unavailable: (req, retryAfterSeconds) =>
    graphError(
      req,
      503,
      'serviceNotAvailable',
      'The service is temporarily unavailable. Please retry later.',
      retryAfterSeconds ? { 'Retry-After': String(retryAfterSeconds) } : {},
    ),
  notFound: (req) => graphError(req, 400, 'BadRequest', `Resource not found for the segment '${lastSegment(req)}'.`),
  methodNotAllowed: (req) => graphError(req, 405, 'Request_BadRequest', `Specified HTTP method is not allowed for the request target.`),
  internalError: (req) => graphError(req, 500, 'generalException', 'General exception while processing.'),
};

function lastSegment(req: EmulatorRequest): string {
  return req.url.pathname.split('/').filter(Boolean).pop() ?? '';
}
