import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { request, type Dispatcher } from 'undici';
import type { ErrorCode } from '../../../../shared/errors.ts';
import { WardenError } from '../../../../shared/errors.ts';
import type { Resource } from '../../auth/scopes.ts';
import type { TokenSource } from '../../auth/authService.ts';
import type { Logger } from '../../log.ts';
import { budgetFor } from './budgets.ts';
import { HostGate } from './hostGate.ts';
import { M365HttpError, serviceError } from './httpErrors.ts';
import { backoffDelay, parseRetryAfter } from './retryAfter.ts';

export interface M365Request {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  /** Which API's token to send. */
  resource: Resource;
  headers?: Record<string, string>;
  body?: string;
  /**
   * True when sending it twice does no harm (reads, and POSTs that only read such as InvokeCommand Get-*).
   * A request that is not idempotent is retried only when it certainly did not reach the service.
   */
  idempotent: boolean;
  signal?: AbortSignal;
  /** One id for all attempts of this request (Microsoft's client-request-id). */
  correlationId?: string;
}

export interface M365Response {
  status: number;
  headers: Record<string, string>;
  text: string;
  correlationId: string;
}

export interface ThrottleNotice {
  host: string;
  waitMs: number;
  reason: 'retry-after' | 'budget' | 'backoff';
}

export interface M365HttpOptions {
  dispatcher: Dispatcher;
  tokens: TokenSource;
  log: Logger;
  /** Told whenever a request waits, so a job can show "paused (throttled)". */
  onWait?: (notice: ThrottleNotice) => void;
  maxAttempts?: number;
  timeoutMs?: number;
  random?: () => number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Status codes worth another try: throttling and the transient server errors. */
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
/** Connection failures where the request may not have been processed (still retried only when idempotent). */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'EAI_AGAIN']);
/** Failures where the request certainly did not reach the service. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'EAI_AGAIN']);

/**
 * The one HTTP path to Microsoft 365 (and its emulator). Every client goes through here, so these rules
 * hold everywhere: a bearer token for the right API; a 401 answered by exactly one forced token refresh;
 * 429 (and the Management API's 403 AF429) answered by waiting Retry-After, during which nothing else goes
 * to that host; 5xx, resets and time-outs retried with exponential backoff and jitter; per-API request
 * budgets matching Microsoft's published limits; a correlation id per request; logs without secrets.
 */
export class M365Http {
  private readonly options: Required<Omit<M365HttpOptions, 'onWait'>> & Pick<M365HttpOptions, 'onWait'>;
  private readonly hostGates = new Map<string, HostGate>();
  private readonly budgetGates = new Map<string, HostGate>();

  constructor(options: M365HttpOptions) {
    this.options = {
      maxAttempts: 8,
      timeoutMs: 120_000,
      random: Math.random,
      now: Date.now,
      sleep: (ms, signal) => sleep(ms, undefined, { signal }),
      ...options,
    };
  }

  /** Sends a request and returns the successful (2xx) response; throws M365HttpError otherwise. */
  async send(req: M365Request): Promise<M365Response> {
    return this.sendParsed(req, (response) => response);
  }

  /**
   * Sends a request and parses its body with `parse`, inside the retry loop: a body cut off mid-way
   * (a dropped connection after the headers) is retried like any transient failure.
   */
  async sendParsed<T>(req: M365Request, parse: (response: M365Response) => T): Promise<T> {
    const url = new URL(req.url);
    const correlationId = req.correlationId ?? randomUUID();
    const where = `${req.method} ${url.host}${url.pathname}`;
    let refreshedAfter401 = false;
    let lastProblem = '';
    for (let attempt = 0; attempt < this.options.maxAttempts; attempt++) {
      await this.waitForTurn(url, req.signal);
      const token = await this.options.tokens.accessToken(req.resource, { forceRefresh: refreshedAfter401 && attempt > 0 && lastProblem === '401' });
      const started = this.options.now();
      let status: number;
      let headers: Record<string, string>;
      let text: string;
      try {
        const response = await request(url, {
          method: req.method,
          dispatcher: this.options.dispatcher,
          headers: { ...req.headers, authorization: `Bearer ${token}`, 'client-request-id': correlationId, 'return-client-request-id': 'true', accept: req.headers?.['accept'] ?? 'application/json' },
          body: req.body,
          signal: req.signal,
          headersTimeout: this.options.timeoutMs,
          bodyTimeout: this.options.timeoutMs,
        });
        status = response.statusCode;
        headers = flattenHeaders(response.headers);
        text = await response.body.text();
      } catch (error) {
        if (req.signal?.aborted) throw new WardenError('incomplete', `${where}: cancelled.`);
        const code = (error as { code?: string }).code ?? '';
        const retryable = TRANSIENT_CODES.has(code) && (req.idempotent || NOT_SENT_CODES.has(code));
        this.options.log.warn('m365 request failed in transit', { request: where, correlationId, attempt, code, error });
        if (!retryable) {
          throw new M365HttpError({ code: 'unavailable', message: `${where}: connection failed (${code || (error as Error).message}); correlation id ${correlationId}.`, status: null, host: url.host, serviceCode: null, correlationId, transient: TRANSIENT_CODES.has(code) });
        }
        lastProblem = code;
        await this.backoff(url.host, attempt, req.signal);
        continue;
      }
      const ms = this.options.now() - started;
      this.options.log.debug('m365 request', { request: where, status, ms, correlationId, attempt });

      if (status === 401 && !refreshedAfter401) {
        // A token the service no longer accepts (revoked, or issued before a policy change): one forced
        // refresh, then the answer stands. A refresh that needs the user throws needs-sign-in from the token source.
        refreshedAfter401 = true;
        lastProblem = '401';
        continue;
      }
      const throttled = status === 429 || (status === 403 && /"AF429"|'AF429'/.test(text));
      if (throttled || (RETRYABLE_STATUS.has(status) && req.idempotent)) {
        const retryAfter = parseRetryAfter(headers['retry-after'], this.options.now());
        if (throttled || retryAfter !== null) {
          const waitMs = retryAfter ?? backoffDelay(attempt, this.options.random, 2000);
          this.gate(this.hostGates, url.host, null).block(this.options.now() + waitMs);
          this.options.log.warn('m365 throttled', { request: where, status, waitMs, correlationId, attempt });
        } else {
          await this.backoff(url.host, attempt, req.signal);
        }
        lastProblem = String(status);
        continue;
      }
      if (status >= 200 && status < 300) {
        const response = { status, headers, text, correlationId };
        try {
          return parse(response);
        } catch (error) {
          if (!req.idempotent) throw error;
          // A 200 whose body does not parse was cut off in transit: fetch it again.
          this.options.log.warn('m365 response body unreadable; retrying', { request: where, correlationId, attempt, error });
          lastProblem = 'unreadable body';
          await this.backoff(url.host, attempt, req.signal);
          continue;
        }
      }
      throw this.failure(where, url.host, status, text, correlationId);
    }
    throw new M365HttpError({
      code: 'unavailable',
      message: `${where}: still failing after ${this.options.maxAttempts} attempts (last: ${lastProblem}); correlation id ${correlationId}.`,
      status: Number(lastProblem) || null,
      host: url.host,
      serviceCode: null,
      correlationId,
      transient: true,
    });
  }

  private failure(where: string, host: string, status: number, text: string, correlationId: string): M365HttpError {
    const service = serviceError(text);
    const code: ErrorCode = status === 401 ? 'needs-sign-in' : status === 403 ? 'not-allowed' : status === 404 ? 'not-found' : status === 400 ? 'invalid-input' : 'unavailable';
    const detail = service.message ?? (text.length > 0 && text.length < 300 && !text.includes('<') ? text : `HTTP ${status}`);
    return new M365HttpError({
      code,
      message: `${where}: ${status}${service.code ? ` ${service.code}` : ''}: ${detail} (correlation id ${correlationId})`,
      status,
      host,
      serviceCode: service.code,
      correlationId,
      transient: RETRYABLE_STATUS.has(status),
    });
  }

  private gate(map: Map<string, HostGate>, key: string, budget: ConstructorParameters<typeof HostGate>[0]): HostGate {
    let gate = map.get(key);
    if (!gate) {
      gate = new HostGate(budget, this.options.now);
      map.set(key, gate);
    }
    return gate;
  }

  /** Waits until the host is not blocked by a Retry-After and the API's budget has room. */
  private async waitForTurn(url: URL, signal?: AbortSignal): Promise<void> {
    const { key, budget } = budgetFor(url);
    for (;;) {
      const blocked = this.gate(this.hostGates, url.host, null).reserve();
      if (blocked > 0) {
        this.options.onWait?.({ host: url.host, waitMs: blocked, reason: 'retry-after' });
        await this.pause(blocked, signal);
        continue;
      }
      if (!budget) return;
      const wait = this.gate(this.budgetGates, key, budget).reserve();
      if (wait === 0) {
        // The budget may have made us wait past a block set meanwhile by another request: check again.
        if (this.gate(this.hostGates, url.host, null).blockedUntilMs <= this.options.now()) return;
        continue;
      }
      this.options.onWait?.({ host: url.host, waitMs: wait, reason: 'budget' });
      await this.pause(wait, signal);
    }
  }

  private async backoff(host: string, attempt: number, signal?: AbortSignal): Promise<void> {
    const waitMs = backoffDelay(attempt, this.options.random);
    this.options.onWait?.({ host, waitMs, reason: 'backoff' });
    await this.pause(waitMs, signal);
  }

  private async pause(ms: number, signal?: AbortSignal): Promise<void> {
    try {
      await this.options.sleep(ms, signal);
    } catch {
      throw new WardenError('incomplete', 'Cancelled while waiting to retry.');
    }
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}
