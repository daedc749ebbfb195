// The HTTP layer against a real local server that misbehaves on purpose: throttling, server errors,
// dropped connections, cut-off bodies, expired tokens.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { M365Http, type ThrottleNotice } from '../../../main/core/m365/http/m365Http.ts';
import { HostGate } from '../../../main/core/m365/http/hostGate.ts';
import { parseRetryAfter } from '../../../main/core/m365/http/retryAfter.ts';
import { silentLogger } from '../../../main/core/log.ts';
import type { TokenSource } from '../../../main/core/auth/authService.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, count: number) => void;
const arrivals: Array<{ path: string; at: number; auth: string; correlation: string }> = [];
let handler: Handler = (_req, res) => res.end('{}');
let base = '';
const server = createServer((req, res) => {
  arrivals.push({ path: req.url ?? '', at: Date.now(), auth: req.headers.authorization ?? '', correlation: String(req.headers['client-request-id']) });
  handler(req, res, arrivals.filter((a) => a.path === req.url).length);
});
const dispatcher = new Agent();

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await dispatcher.close();
  server.close();
});

function tokens(): TokenSource & { forced: number; issued: number } {
  const source = {
    mode: 'user' as const,
    forced: 0,
    issued: 0,
    async accessToken(_resource: string, options?: { forceRefresh?: boolean }) {
      if (options?.forceRefresh) source.forced++;
      source.issued++;
      return `token-${source.issued}`;
    },
  };
  return source;
}

function client(overrides: Partial<ConstructorParameters<typeof M365Http>[0]> = {}) {
  const waits: ThrottleNotice[] = [];
  const http = new M365Http({ dispatcher, tokens: tokens(), log: silentLogger, random: () => 0, onWait: (n) => waits.push(n), ...overrides });
  return { http, waits };
}

const json = (r: { text: string }) => JSON.parse(r.text) as unknown;

describe('the Microsoft 365 HTTP layer', () => {
  it('waits out Retry-After, and sends nothing else to that host meanwhile', async () => {
    arrivals.length = 0;
    handler = (req, res, count) => {
      if (req.url === '/throttled' && count === 1) {
        res.writeHead(429, { 'Retry-After': '1.2', 'Content-Type': 'application/json' }).end('{"error":{"code":"TooManyRequests","message":"Please retry again later."}}');
      } else res.end(`{"path":"${req.url}"}`);
    };
    const { http, waits } = client();
    const first = http.sendParsed({ method: 'GET', url: `${base}/throttled`, resource: 'graph', idempotent: true }, json);
    await new Promise((r) => setTimeout(r, 100));
    // A second request to the same host, issued during the throttle, must wait for it too.
    const second = http.sendParsed({ method: 'GET', url: `${base}/other`, resource: 'graph', idempotent: true }, json);
    await expect(first).resolves.toEqual({ path: '/throttled' });
    await expect(second).resolves.toEqual({ path: '/other' });
    const throttledAt = arrivals[0]!.at;
    for (const later of arrivals.slice(1)) expect(later.at - throttledAt).toBeGreaterThanOrEqual(1150);
    expect(waits.some((w) => w.reason === 'retry-after' && w.waitMs > 1000)).toBe(true);
  });

  it('treats the Management API 403 AF429 as throttling', async () => {
    handler = (_req, res, count) =>
      count === 1 ? res.writeHead(403).end(`{'error':{'code':'AF429','message':'Too many requests. Method=GetBlob, PublisherId=0'}}`) : res.end('[]');
    const { http, waits } = client({ sleep: async () => {} });
    await expect(http.sendParsed({ method: 'GET', url: `${base}/af429`, resource: 'manage', idempotent: true }, json)).resolves.toEqual([]);
    expect(waits.some((w) => w.reason === 'retry-after')).toBe(true);
  });

  it('retries 503 and dropped connections with backoff, keeping one correlation id', async () => {
    arrivals.length = 0;
    handler = (req, res, count) => {
      if (count === 1) res.writeHead(503).end('busy');
      else if (count === 2) req.socket.destroy();
      else res.end('{"ok":true}');
    };
    const { http, waits } = client({ sleep: async () => {} });
    await expect(http.sendParsed({ method: 'GET', url: `${base}/flaky`, resource: 'exchange', idempotent: true }, json)).resolves.toEqual({ ok: true });
    expect(arrivals).toHaveLength(3);
    expect(new Set(arrivals.map((a) => a.correlation)).size).toBe(1);
    expect(waits.filter((w) => w.reason === 'backoff')).toHaveLength(2);
  });

  it('fetches again a body that was cut off mid-way', async () => {
    handler = (_req, res, count) => {
      if (count === 1) {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '40' });
        res.write('{"value":[{"Name":"Organiz');
        res.socket?.destroy();
      } else res.end('{"value":[{"Name":"Organization Management"}]}');
    };
    const { http } = client({ sleep: async () => {} });
    await expect(http.sendParsed({ method: 'POST', url: `${base}/truncated`, resource: 'exchange', idempotent: true, body: '{}' }, json)).resolves.toEqual({
      value: [{ Name: 'Organization Management' }],
    });
  });

  it('does not resend a change that may have been applied when the connection drops', async () => {
    arrivals.length = 0;
    handler = (req) => req.socket.destroy();
    const { http } = client({ sleep: async () => {} });
    await expect(http.send({ method: 'POST', url: `${base}/change`, resource: 'exchange', idempotent: false, body: '{}' })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/POST 127\.0\.0\.1:\d+\/change: connection failed/),
    });
    expect(arrivals).toHaveLength(1);
  });

  it('answers a 401 with exactly one forced token refresh', async () => {
    arrivals.length = 0;
    handler = (req, res) => (req.headers.authorization === 'Bearer token-1' ? res.writeHead(401).end('{"error":{"code":"InvalidAuthenticationToken","message":"expired"}}') : res.end('{}'));
    const source = tokens();
    const { http } = client({ tokens: source });
    await expect(http.send({ method: 'GET', url: `${base}/me`, resource: 'graph', idempotent: true })).resolves.toMatchObject({ status: 200 });
    expect(source.forced).toBe(1);
    handler = (_req, res) => res.writeHead(401).end('{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired or is not yet valid."}}');
    const again = tokens();
    await expect(client({ tokens: again }).http.send({ method: 'GET', url: `${base}/me`, resource: 'graph', idempotent: true })).rejects.toMatchObject({
      code: 'needs-sign-in',
      serviceCode: 'InvalidAuthenticationToken',
    });
    expect(again.forced).toBe(1);
  });

  it("reports the service's own error, with the Exchange exception type, and does not retry a 4xx", async () => {
    arrivals.length = 0;
    handler = (_req, res) =>
      res
        .writeHead(404)
        .end(
          `{"error":{"code":"NotFound","message":"Error executing cmdlet","details":[{"code":"Client","target":"","message":"Ex6F9304|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|The operation couldn't be performed because object 'nobody@contoso.com' couldn't be found."}]}}`,
        );
    const { http } = client();
    const error = await http.send({ method: 'POST', url: `${base}/InvokeCommand`, resource: 'exchange', idempotent: true, body: '{}' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'not-found', status: 404, serviceCode: 'NotFound' });
    expect((error as Error).message).toMatch(/object 'nobody@contoso\.com' couldn't be found\. \(Microsoft\.Exchange\.Configuration\.Tasks\.ManagementObjectNotFoundException\)/);
    expect(arrivals).toHaveLength(1);
  });

  it('gives up after its attempts, saying how it last failed', async () => {
    handler = (_req, res) => res.writeHead(503).end();
    const { http } = client({ sleep: async () => {}, maxAttempts: 3 });
    await expect(http.send({ method: 'GET', url: `${base}/down`, resource: 'graph', idempotent: true })).rejects.toThrow(/still failing after 3 attempts \(last: 503\)/);
  });

  it('keeps Graph identity reports within 5 requests per 10 seconds', async () => {
    handler = (_req, res) => res.end('{"value":[]}');
    let clock = 1_000_000;
    const slept: number[] = [];
    const { http } = client({
      now: () => clock,
      sleep: async (ms) => {
        slept.push(ms);
        clock += ms;
      },
    });
    for (let i = 0; i < 6; i++) await http.send({ method: 'GET', url: `${base}/v1.0/auditLogs/signIns?i=${i}`, resource: 'graph', idempotent: true });
    expect(slept).toEqual([10_000]);
  });
});

describe('Retry-After and the host gate', () => {
  it('reads seconds, decimals and dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('2.128')).toBe(2128);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.parse('Wed, 21 Oct 2026 07:27:30 GMT'))).toBe(30_000);
    expect(parseRetryAfter(undefined)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });

  it('keeps the later of two blocks', () => {
    let now = 0;
    const gate = new HostGate(null, () => now);
    gate.block(5000);
    gate.block(3000);
    expect(gate.reserve()).toBe(5000);
    now = 5000;
    expect(gate.reserve()).toBe(0);
  });
});
