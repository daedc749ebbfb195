import { z } from 'zod';
import type { TenantEndpoints } from '../../net/tenantEndpoints.ts';
import { M365HttpError } from '../http/httpErrors.ts';
import type { M365Http } from '../http/m365Http.ts';
import { assertSameOrigin } from '../sameOrigin.ts';

/**
 * The audit content types of the Office 365 Management Activity API (reference §4.2). DLP.All is left out:
 * it needs ActivityFeed.ReadDlp, which Warden does not ask for.
 */
export const AUDIT_CONTENT_TYPES = ['Audit.AzureActiveDirectory', 'Audit.Exchange', 'Audit.SharePoint', 'Audit.General'] as const;
export type AuditContentType = (typeof AUDIT_CONTENT_TYPES)[number];

/** One available content blob, as /subscriptions/content lists it (reference §4.5). */
export interface ContentBlob {
  contentType: string;
  contentId: string;
  contentUri: string;
  contentCreated: string;
  contentExpiration: string | null;
}

export interface ContentPage {
  blobs: ContentBlob[];
  /** The NextPageUri header: more blobs of the same window are listed there. */
  nextPageUri: string | null;
}

const Subscription = z.object({ contentType: z.string(), status: z.string() });
const ContentList = z.array(
  z.object({
    contentType: z.string(),
    contentId: z.string(),
    contentUri: z.string(),
    contentCreated: z.string(),
    contentExpiration: z.string().nullable().optional(),
  }),
);

/** `YYYY-MM-DDTHH:MM:SS` in UTC, the listing's documented time format. */
function feedTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/**
 * The Office 365 Management Activity API (reference §4) over the shared HTTP layer: subscriptions, content
 * listing (24-hour windows within the last 7 days, paged by the NextPageUri header) and blobs. Throttling
 * (HTTP 403 AF429) and retries are the HTTP layer's; every link the service hands back is checked to stay on
 * the API's origin before a token is sent there.
 */
export class ManagementActivityClient {
  private readonly http: M365Http;
  private readonly endpoints: TenantEndpoints;

  constructor(http: M365Http, endpoints: TenantEndpoints) {
    this.http = http;
    this.endpoints = endpoints;
  }

  /** `{manage}/api/v1.0/{tenant}/activity/feed` */
  get feedRoot(): string {
    return `${this.endpoints.manage}/api/v1.0/${encodeURIComponent(this.endpoints.tenantId)}/activity/feed`;
  }

  /**
   * PublisherIdentifier gives the requests their own throttling quota instead of the one shared by every
   * caller that sends none (reference §4.1); the tenant's own id is the publisher here.
   */
  private url(operation: string, query: Record<string, string> = {}): string {
    const params = new URLSearchParams({ ...query, PublisherIdentifier: this.endpoints.tenantId });
    return `${this.feedRoot}/${operation}?${params.toString()}`;
  }

  async listSubscriptions(signal?: AbortSignal): Promise<Array<{ contentType: string; status: string }>> {
    return this.http.sendParsed({ method: 'GET', url: this.url('subscriptions/list'), resource: 'manage', idempotent: true, signal }, (r) =>
      z.array(Subscription).parse(JSON.parse(r.text)),
    );
  }

  /** Starts a subscription; an already enabled one (AF20024) counts as started. */
  async startSubscription(contentType: AuditContentType, signal?: AbortSignal): Promise<void> {
    try {
      await this.http.send({
        method: 'POST',
        url: this.url('subscriptions/start', { contentType }),
        resource: 'manage',
        idempotent: true,
        signal,
        headers: { 'content-type': 'application/json' },
      });
    } catch (error) {
      if (error instanceof M365HttpError && error.serviceCode === 'AF20024') return;
      throw error;
    }
  }

  /** Starts whichever of `types` has no enabled subscription yet. */
  async ensureSubscriptions(types: readonly AuditContentType[], signal?: AbortSignal): Promise<AuditContentType[]> {
    const enabled = new Set((await this.listSubscriptions(signal)).filter((s) => s.status.toLowerCase() === 'enabled').map((s) => s.contentType));
    const started: AuditContentType[] = [];
    for (const type of types) {
      if (enabled.has(type)) continue;
      await this.startSubscription(type, signal);
      started.push(type);
    }
    return started;
  }

  /**
   * One page of the blobs of `contentType` created in [startMs, endMs) (at most 24 hours, starting at most 7
   * days ago), or the page at `nextPageUri`.
   */
  async listContent(contentType: AuditContentType, startMs: number, endMs: number, nextPageUri: string | null, signal?: AbortSignal): Promise<ContentPage> {
    const url = nextPageUri
      ? assertSameOrigin(nextPageUri, this.endpoints.manage, 'Management Activity content listing')
      : this.url('subscriptions/content', { contentType, startTime: feedTime(startMs), endTime: feedTime(endMs) });
    return this.http.sendParsed({ method: 'GET', url, resource: 'manage', idempotent: true, signal }, (response) => {
      const blobs = ContentList.parse(JSON.parse(response.text)).map((b) => ({ ...b, contentExpiration: b.contentExpiration ?? null }));
      for (const blob of blobs) assertSameOrigin(blob.contentUri, this.endpoints.manage, 'Management Activity content');
      const next = response.headers['nextpageuri'];
      return { blobs, nextPageUri: next ? assertSameOrigin(next, this.endpoints.manage, 'Management Activity content listing') : null };
    });
  }

  /**
   * Fetches a blob (a JSON array of audit records) and hands its text to `parse` inside the retry loop, so a
   * body cut off in transit is fetched again rather than read short.
   */
  async fetchBlob<T>(contentUri: string, parse: (text: string) => T, signal?: AbortSignal): Promise<T> {
    const url = assertSameOrigin(contentUri, this.endpoints.manage, 'Management Activity content');
    return this.http.sendParsed({ method: 'GET', url, resource: 'manage', idempotent: true, signal }, (response) => parse(response.text));
  }
}
