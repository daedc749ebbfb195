import { z } from 'zod';
import type { TenantEndpoints } from '../../net/tenantEndpoints.ts';
import type { M365Http } from '../http/m365Http.ts';
import { assertSameOrigin } from '../sameOrigin.ts';

export interface GraphPage<T> {
  items: T[];
  nextLink: string | null;
}

const Collection = z.object({ value: z.array(z.unknown()), '@odata.nextLink': z.string().optional() });

/**
 * Microsoft Graph over the shared HTTP layer. Item types come from @microsoft/microsoft-graph-types at the
 * call site (e.g. `graph.pages<SignIn>(...)`); the envelope is checked here, so a cut-off page is fetched again.
 */
export class GraphClient {
  private readonly http: M365Http;
  private readonly endpoints: TenantEndpoints;

  constructor(http: M365Http, endpoints: TenantEndpoints) {
    this.http = http;
    this.endpoints = endpoints;
  }

  url(version: 'v1.0' | 'beta', pathAndQuery: string): string {
    return `${this.endpoints.graph}/${version}/${pathAndQuery.replace(/^\/+/, '')}`;
  }

  async get<T>(version: 'v1.0' | 'beta', pathAndQuery: string, signal?: AbortSignal): Promise<T> {
    return this.http.sendParsed({ method: 'GET', url: this.url(version, pathAndQuery), resource: 'graph', idempotent: true, signal }, (r) => JSON.parse(r.text) as T);
  }

  async page<T>(first: string, nextLink: string | null, signal?: AbortSignal): Promise<GraphPage<T>> {
    const url = nextLink ? assertSameOrigin(nextLink, this.endpoints.graph, 'Graph paging') : first;
    return this.http.sendParsed({ method: 'GET', url, resource: 'graph', idempotent: true, signal }, (response) => {
      const parsed = Collection.parse(JSON.parse(response.text));
      const next = parsed['@odata.nextLink'];
      return { items: parsed.value as T[], nextLink: next ? assertSameOrigin(next, this.endpoints.graph, 'Graph paging') : null };
    });
  }

  async *pages<T>(version: 'v1.0' | 'beta', pathAndQuery: string, options: { nextLink?: string | null; signal?: AbortSignal } = {}): AsyncGenerator<GraphPage<T>> {
    const first = this.url(version, pathAndQuery);
    let nextLink = options.nextLink ?? null;
    do {
      const page: GraphPage<T> = await this.page<T>(first, nextLink, options.signal);
      yield page;
      nextLink = page.nextLink;
    } while (nextLink);
  }
}
