import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import type { EmulatorInfo } from '../../emulator/index.ts';

/** The emulator's loopback admin API (faults, request log, clock), over HTTPS trusting only its CA. */
export function emulatorAdmin(info: EmulatorInfo) {
  const dispatcher = new Agent({ connect: { ca: readFileSync(info.caCert, 'utf8') } });
  const call = async <T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> => {
    const response = await request(`${info.admin}${path}`, {
      method,
      dispatcher,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    if (response.statusCode >= 400) throw new Error(`emulator admin ${method} ${path}: ${response.statusCode} ${text}`);
    return JSON.parse(text) as T;
  };
  return {
    call,
    requests: () => call<{ requests: Array<{ seq: number; method: string; path: string; service: string; arrivedAt: string; status: number; retryAfter?: number; fault?: string; note?: Record<string, unknown> }> }>('GET', '/requests').then((r) => r.requests),
    clearRequests: () => call('DELETE', '/requests'),
    setFaults: (faults: unknown) => call('POST', '/faults', faults),
    clearFaults: () => call('DELETE', '/faults'),
    close: () => dispatcher.close(),
  };
}
