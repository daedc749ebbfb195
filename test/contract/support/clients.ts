// Client-side plumbing the contract tests share: an HTTPS dispatcher that trusts only the emulator's CA (never
// NODE_TLS_REJECT_UNAUTHORIZED / NODE_EXTRA_CA_CERTS), msal-node's documented networkClient hook over it, and
// small JSON helpers.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { Agent, fetch as undiciFetch, type Dispatcher } from 'undici';

/** One data dir for every contract test: the CA and certificates are created once and reused. */
export const TEST_DATA_DIR = path.join(tmpdir(), 'warden-emulator-contract');

export function trustingDispatcher(caCertPath: string): Agent {
  return new Agent({ connect: { ca: readFileSync(caCertPath, 'utf8') } });
}

/** msal-node's `system.networkClient`: its requests go through the dispatcher that trusts the emulator CA. */
export function msalNetworkClient(dispatcher: Dispatcher): INetworkModule {
  const send = async <T>(url: string, method: 'GET' | 'POST', options?: NetworkRequestOptions): Promise<NetworkResponse<T>> => {
    const response = await undiciFetch(url, { method, headers: options?.headers, body: method === 'POST' ? (options?.body ?? '') : undefined, dispatcher });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    return { headers, body: (await response.json()) as T, status: response.status };
  };
  return {
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>(url, 'GET', options),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>(url, 'POST', options),
  };
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export async function request(
  dispatcher: Dispatcher,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<JsonResponse> {
  const response = await undiciFetch(url, { method: init.method ?? 'GET', headers: init.headers, body: init.body, dispatcher });
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers as unknown as Headers, body, text };
}
