import type { IncomingHttpHeaders } from 'node:http';

/** Which part of the emulated cloud a route belongs to; faults and throttling replies depend on it. */
export type ServiceName = 'entra' | 'graph' | 'exo' | 'manage' | 'admin' | 'static';

/** The data services: the ones `--faults` rates apply to. */
export const DATA_SERVICES: ReadonlySet<ServiceName> = new Set(['graph', 'exo', 'manage']);

export interface EmulatorRequest {
  /** Arrival order, from 1. */
  seq: number;
  arrivedAt: number;
  method: string;
  url: URL;
  /** Route parameters from the path pattern. */
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: Buffer;
  remoteAddress: string;
  remotePort: number;
  service: ServiceName;
  /** Facts a handler adds for the request log (e.g. the cmdlet name). Never secrets. */
  note: Record<string, string | number | boolean>;
}

export type ReplyBody = Buffer | string | object | null | undefined;

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings and Buffers as they are. */
  body?: ReplyBody;
  /** A body already in pieces, sent one after another (instead of `body`). */
  chunks?: readonly Buffer[];
  /** Called once when the response is finished or abandoned: memory the body lies in may then be reused. */
  sent?: () => void;
}

export type Handler = (req: EmulatorRequest) => Reply | Promise<Reply>;

export function header(req: EmulatorRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
