import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { request, type Dispatcher } from 'undici';

/**
 * msal-node's documented `system.networkClient` hook, over undici with the tenant's own dispatcher, so an
 * emulator profile's CA is trusted by its sign-ins and nothing else.
 */
export class MsalNetworkClient implements INetworkModule {
  private readonly dispatcher: Dispatcher;
  private readonly timeoutMs: number;

  constructor(dispatcher: Dispatcher, timeoutMs = 30_000) {
    this.dispatcher = dispatcher;
    this.timeoutMs = timeoutMs;
  }

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private async send<T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    const response = await request(url, {
      method,
      headers: options?.headers,
      body: method === 'POST' ? (options?.body ?? '') : undefined,
      dispatcher: this.dispatcher,
      headersTimeout: timeout ?? this.timeoutMs,
      bodyTimeout: timeout ?? this.timeoutMs,
    });
    const text = await response.body.text();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    let body: T;
    try {
      body = (text ? JSON.parse(text) : {}) as T;
    } catch {
      // msal inspects error bodies; a non-JSON answer (a proxy's HTML page) becomes a readable error.
      body = { error: 'invalid_response', error_description: `HTTP ${response.statusCode} with a non-JSON body from ${new URL(url).host}` } as T;
    }
    return { headers, body, status: response.statusCode };
  }
}
