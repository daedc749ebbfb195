import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorLogger } from '../log.ts';
import type { ActiveFault, FaultPlan } from './faults.ts';
import type { RequestLog, RequestLogEntry } from './requestLog.ts';
import type { Router } from './router.ts';
import { plainReplies, type ServiceReplies } from './serviceReplies.ts';
import type { EmulatorRequest, Reply, ServiceName } from './types.ts';

const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface HttpsServerDeps {
  host: string;
  port: number;
  certPem: string;
  keyPem: string;
  router: Router;
  faults: FaultPlan;
  requestLog: RequestLog;
  replies: Partial<Record<ServiceName, ServiceReplies>>;
  log: EmulatorLogger;
}

export interface RunningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export async function startHttpsServer(deps: HttpsServerDeps): Promise<RunningServer> {
  let seq = 0;
  const server = createServer({ key: deps.keyPem, cert: deps.certPem }, (req, res) => {
    seq += 1;
    dispatch(deps, seq, req, res).catch((error: unknown) => {
      // Last resort: a bug must cost one request, never the process.
      deps.log.error('request crashed', { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      if (res.writableEnded) return;
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end('{"error":"internal_error"}');
    });
  });
  // TLS handshakes that fail (a client that does not trust the CA) and sockets that die are the client's business.
  server.on('tlsClientError', (error) => deps.log.debug('TLS handshake failed', { error: error.message }));
  server.on('clientError', (error, socket) => {
    deps.log.debug('client error', { error: error.message });
    socket.destroy();
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port, deps.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function dispatch(deps: HttpsServerDeps, seq: number, raw: IncomingMessage, res: ServerResponse): Promise<void> {
  const arrivedAt = Date.now();
  const method = (raw.method ?? 'GET').toUpperCase();
  // Only the path and query matter here; the origin a client used is read from Host where URLs are built.
  let url: URL;
  try {
    url = new URL(raw.url ?? '/', `https://${deps.host}`);
  } catch {
    url = new URL('/', `https://${deps.host}`);
  }
  const entry: RequestLogEntry = {
    seq,
    method,
    path: `${url.pathname}${url.search}`,
    service: 'unknown',
    arrivedAt: new Date(arrivedAt).toISOString(),
    status: 0,
    durationMs: 0,
  };
  let fault: ActiveFault | undefined;
  let replies: ServiceReplies = plainReplies;
  let reply: Reply;
  try {
    const body = await readBody(raw);
    const match = deps.router.match(method, url.pathname);
    const service: ServiceName = match?.service ?? 'static';
    entry.service = match ? service : 'unknown';
    replies = deps.replies[service] ?? plainReplies;
    const req: EmulatorRequest = {
      seq,
      arrivedAt,
      method,
      url,
      params: match && 'params' in match ? match.params : {},
      headers: raw.headers,
      body: body === 'too-large' ? Buffer.alloc(0) : body,
      remoteAddress: raw.socket.remoteAddress ?? '',
      remotePort: raw.socket.remotePort ?? 0,
      service,
      note: {},
    };
    if (body === 'too-large') reply = { status: 413, body: { error: 'request_too_large', message: `Request bodies are limited to ${MAX_BODY_BYTES} bytes.` } };
    else if (!match) reply = replies.notFound(req);
    else if ('methodNotAllowed' in match) reply = replies.methodNotAllowed(req);
    else if (service === 'admin' && !LOOPBACK.has(req.remoteAddress))
      reply = { status: 403, body: { error: 'forbidden', message: 'The emulator admin API answers loopback clients only.' } };
    else {
      const cmdlet = cmdletOf(req);
      if (cmdlet) req.note['cmdlet'] = cmdlet;
      fault = deps.faults.decide(req, cmdlet);
      if (fault?.kind === '429') reply = replies.throttled(req, fault.retryAfterSeconds ?? 1);
      else if (fault?.kind === '503') reply = replies.unavailable(req, fault.retryAfterSeconds);
      else {
        if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault?.delayMs ?? 2000));
        try {
          reply = await match.handler(req);
        } catch (error) {
          deps.log.error('handler failed', { path: url.pathname, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
          reply = replies.internalError(req);
        }
      }
    }
    if (Object.keys(req.note).length) entry.note = req.note;
  } catch (error) {
    deps.log.error('request failed', { path: url.pathname, error: error instanceof Error ? error.message : String(error) });
    reply = { status: 500, body: { error: 'internal_error' } };
  }
  entry.status = fault?.kind === 'reset' ? 0 : reply.status;
  if (fault) entry.fault = fault.kind;
  const retryAfter = reply.headers?.['Retry-After'];
  if (retryAfter !== undefined) entry.retryAfter = Number(retryAfter);
  send(res, reply, fault);
  entry.durationMs = Date.now() - arrivedAt;
  deps.requestLog.add(entry);
  deps.log.debug('request', { method, path: url.pathname, status: entry.status, ms: entry.durationMs, ...(fault ? { fault: fault.kind } : {}) });
}

function cmdletOf(req: EmulatorRequest): string | undefined {
  if (req.service !== 'exo' || req.body.length === 0) return undefined;
  try {
    const parsed = JSON.parse(req.body.toString('utf8')) as { CmdletInput?: { CmdletName?: unknown } };
    const name = parsed.CmdletInput?.CmdletName;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

const EMPTY_BODY = Buffer.alloc(0);

export function encodeBody(reply: Reply): { contentType: string | undefined; bytes: Buffer } {
  if (reply.chunks) return { contentType: undefined, bytes: Buffer.concat(reply.chunks) };
  const body = reply.body;
  if (body === undefined || body === null) return { contentType: undefined, bytes: Buffer.alloc(0) };
  if (Buffer.isBuffer(body)) return { contentType: undefined, bytes: body };
  if (typeof body === 'string') return { contentType: 'text/plain; charset=utf-8', bytes: Buffer.from(body, 'utf8') };
  return { contentType: 'application/json; charset=utf-8', bytes: Buffer.from(JSON.stringify(body), 'utf8') };
}

function send(res: ServerResponse, reply: Reply, fault: ActiveFault | undefined): void {
  if (reply.sent) res.once('close', reply.sent);
  // Faults cut bodies in half: they need them in one piece.
  const chunks = reply.chunks && fault?.kind !== 'reset' && fault?.kind !== 'truncate' ? reply.chunks : undefined;
  const { contentType, bytes } = chunks ? { contentType: undefined, bytes: EMPTY_BODY } : encodeBody(reply);
  const headers: Record<string, string> = { ...reply.headers };
  if (contentType && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = contentType;
  if (chunks) {
    headers['Content-Length'] = String(chunks.reduce((sum, c) => sum + c.length, 0));
    res.writeHead(reply.status, headers);
    res.cork();
    for (const chunk of chunks) res.write(chunk);
    res.end();
    return;
  }
  if (fault?.kind === 'reset') {
    // Headers promise the whole body; half of it goes out, then the connection drops.
    if (bytes.length < 2) {
      res.socket?.destroy();
      return;
    }
    headers['Content-Length'] = String(bytes.length);
    res.writeHead(reply.status, headers);
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
    return;
  }
  // A complete HTTP response whose JSON stops half way: the client must notice the body does not parse.
  const out = fault?.kind === 'truncate' && bytes.length > 1 ? bytes.subarray(0, Math.floor(bytes.length / 2)) : bytes;
  headers['Content-Length'] = String(out.length);
  res.writeHead(reply.status, headers);
  res.end(out);
}
