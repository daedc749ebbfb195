import type { EmulatorRequest, Reply } from './types.ts';

/**
 * How one emulated service phrases the failures the server produces on its behalf (throttling, outages, unknown
 * paths, crashes), each in that service's own wire format.
 */
export interface ServiceReplies {
  throttled(req: EmulatorRequest, retryAfterSeconds: number): Reply;
  unavailable(req: EmulatorRequest, retryAfterSeconds: number | undefined): Reply;
  notFound(req: EmulatorRequest): Reply;
  methodNotAllowed(req: EmulatorRequest): Reply;
  internalError(req: EmulatorRequest): Reply;
}

/** Plain JSON replies for the emulator's own paths (admin, static). */
export const plainReplies: ServiceReplies = {
  throttled: (_req, retryAfterSeconds) => ({ status: 429, headers: { 'Retry-After': String(retryAfterSeconds) }, body: { error: 'throttled' } }),
  unavailable: () => ({ status: 503, body: { error: 'unavailable' } }),
  notFound: (req) => ({ status: 404, body: { error: 'not_found', message: `No emulator endpoint at ${req.method} ${req.url.pathname}` } }),
  methodNotAllowed: (req) => ({ status: 405, body: { error: 'method_not_allowed', message: `${req.method} is not supported on ${req.url.pathname}` } }),
  internalError: () => ({ status: 500, body: { error: 'internal_error' } }),
};
