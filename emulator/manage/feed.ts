import { originOf, type EmulatorContext } from '../context.ts';
import { authenticate, hasAnyPermission, type Caller } from '../entra/bearer.ts';
import { MANAGE } from '../entra/resources.ts';
import type { EmulatorRequest, Reply } from '../server/types.ts';
import type { ContentType } from '../tenant/model.ts';
import { CONTENT_RETENTION_MS, type ContentCatalog } from './contentCatalog.ts';
import { contentTypeFrom } from './contentTypes.ts';
import { af429, afError } from './errors.ts';
import { contentWindow, formatFeedTime } from './timeWindow.ts';

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };
/** Blobs per content-list page by default; more come through NextPageUri. */
const LIST_PAGE = 200;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Subscription {
  contentType: ContentType;
  status: 'enabled' | 'disabled';
  webhook: { status: string; address: string; authId: string | null; expiration: string | null } | null;
}

/** The Office 365 Management Activity API (reference §4) under /manage/api/v1.0/{tenant}/activity/feed. */
export class ActivityFeed {
  private readonly ctx: EmulatorContext;
  /** Subscriptions per app id. */
  private readonly subscriptions = new Map<string, Map<ContentType, Subscription>>();
  /** Blobs per content-list page (the admin API lowers it to exercise NextPageUri paging). */
  listPageSize = LIST_PAGE;

  private readonly catalog: ContentCatalog;

  constructor(ctx: EmulatorContext, catalog: ContentCatalog) {
    this.ctx = ctx;
    this.catalog = catalog;
  }

  /** Token, tenant, permission and throttling checks every operation shares. */
  private async admit(req: EmulatorRequest, method: string, contentType?: ContentType): Promise<{ ok: true; caller: Caller } | { ok: false; reply: Reply }> {
    req.note['method'] = method;
    const check = await authenticate(this.ctx, req, MANAGE);
    if (!check.ok) return { ok: false, reply: { status: 401, headers: JSON_TYPE, body: { Message: 'Authorization has been denied for this request.' } } };
    const caller = check.caller;
    const tenant = req.params['tenant'] ?? '';
    if (!GUID.test(tenant)) return { ok: false, reply: afError(400, 'AF20013', `The tenant ID passed in the URL (${tenant}) is not a valid GUID.`) };
    if (tenant.toLowerCase() !== caller.tenantId.toLowerCase()) {
      return {
        ok: false,
        reply: afError(
          401,
          'AF20010',
          `The tenant ID passed in the URL (${tenant}) does not match the tenant ID passed in the access token (${caller.tenantId}).`,
        ),
      };
    }
    const needed = contentType === 'DLP.All' ? 'ActivityFeed.ReadDlp' : 'ActivityFeed.Read';
    if (!hasAnyPermission(caller, [needed])) {
      return {
        ok: false,
        reply: afError(
          401,
          'AF10001',
          `The permission set (${caller.permissions.join(' ')}) sent in the request did not include the expected permission ${needed}.`,
        ),
      };
    }
    const taken = this.ctx.throttles.take('manage', caller.tenantId);
    if (!taken.ok) return { ok: false, reply: af429(method, req.url.searchParams.get('PublisherIdentifier')) };
    return { ok: true, caller };
  }

  private contentTypeParam(req: EmulatorRequest): ContentType | Reply {
    const raw = req.url.searchParams.get('contentType');
    if (raw === null) return afError(400, 'AF20001', 'Missing parameter: contentType.');
    return contentTypeFrom(raw) ?? afError(400, 'AF20020', 'The specified content type is not valid.');
  }

  private subsOf(appId: string): Map<ContentType, Subscription> {
    let subs = this.subscriptions.get(appId);
    if (!subs) this.subscriptions.set(appId, (subs = new Map()));
    return subs;
  }

  async start(req: EmulatorRequest): Promise<Reply> {
    const type = this.contentTypeParam(req);
    if (!(typeof type === 'string')) return type;
    const admitted = await this.admit(req, 'StartSubscription', type);
    if (!admitted.ok) return admitted.reply;
    let webhook: Subscription['webhook'] = null;
    if (req.body.length) {
      try {
        const parsed = JSON.parse(req.body.toString('utf8')) as { webhook?: { address?: unknown; authId?: unknown; expiration?: unknown } };
        const w = parsed.webhook;
        if (w && typeof w.address === 'string') {
          webhook = {
            status: 'enabled',
            address: w.address,
            authId: typeof w.authId === 'string' ? w.authId : null,
            expiration: typeof w.expiration === 'string' && w.expiration ? w.expiration : null,
          };
        }
      } catch {
        return afError(400, 'AF20002', 'Invalid parameter type: webhook. Expected type: JSON object');
      }
    }
    const subs = this.subsOf(admitted.caller.appId);
    const existing = subs.get(type);
    if (existing?.status === 'enabled' && JSON.stringify(existing.webhook) === JSON.stringify(webhook)) {
      return afError(400, 'AF20024', 'The subscription is already enabled. No property change.');
    }
    const sub: Subscription = { contentType: type, status: 'enabled', webhook };
    subs.set(type, sub);
    return { status: 200, headers: JSON_TYPE, body: sub };
  }

  async stop(req: EmulatorRequest): Promise<Reply> {
    const type = this.contentTypeParam(req);
    if (!(typeof type === 'string')) return type;
    const admitted = await this.admit(req, 'StopSubscription', type);
    if (!admitted.ok) return admitted.reply;
    const sub = this.subsOf(admitted.caller.appId).get(type);
    if (!sub || sub.status !== 'enabled') return afError(400, 'AF20022', 'No subscription found for the specified content type.');
    sub.status = 'disabled';
    return { status: 200, headers: JSON_TYPE, body: null };
  }

  async list(req: EmulatorRequest): Promise<Reply> {
    const admitted = await this.admit(req, 'ListSubscriptions');
    if (!admitted.ok) return admitted.reply;
    return { status: 200, headers: JSON_TYPE, body: [...this.subsOf(admitted.caller.appId).values()] };
  }

  async content(req: EmulatorRequest): Promise<Reply> {
    const type = this.contentTypeParam(req);
    if (!(typeof type === 'string')) return type;
    const admitted = await this.admit(req, 'ListContent', type);
    if (!admitted.ok) return admitted.reply;
    const sub = this.subsOf(admitted.caller.appId).get(type);
    if (!sub || sub.status !== 'enabled') return afError(400, 'AF20022', 'No subscription found for the specified content type.');
    const now = this.ctx.clock.now();
    const q = req.url.searchParams;
    const window = contentWindow(q.get('startTime'), q.get('endTime'), now);
    if (!window.ok) return afError(400, window.code, window.message);
    const nextPage = q.get('nextPage');
    let offset = 0;
    if (nextPage !== null) {
      const m = /^\d{14}R(\d{6,})$/.exec(nextPage);
      if (!m) return afError(400, 'AF20031', `Invalid nextPage Input: ${nextPage}.`);
      offset = Number(m[1]);
    }
    const refs = this.catalog.list(type, window.fromMs, window.toMs, now);
    const origin = originOf(this.ctx, req);
    const tenantId = this.ctx.directory.tenantId;
    const page = refs.slice(offset, offset + this.listPageSize).map((ref) => {
      const contentId = this.catalog.contentId(ref);
      return {
        contentType: type,
        contentId,
        contentUri: `${origin}/manage/api/v1.0/${tenantId}/activity/feed/audit/${contentId}`,
        contentCreated: new Date(ref.contentCreatedMs).toISOString(),
        contentExpiration: new Date(ref.contentCreatedMs + CONTENT_RETENTION_MS).toISOString(),
      };
    });
    const headers: Record<string, string> = { ...JSON_TYPE };
    if (offset + this.listPageSize < refs.length) {
      const params = new URLSearchParams({ contentType: type, startTime: formatFeedTime(window.fromMs), endTime: formatFeedTime(window.toMs) });
      const publisher = q.get('PublisherIdentifier');
      if (publisher) params.set('PublisherIdentifier', publisher);
      const stamp = new Date(window.fromMs).toISOString().slice(0, 19).replace(/[-T:]/g, '');
      params.set('nextPage', `${stamp}R${String(offset + this.listPageSize).padStart(6, '0')}`);
      headers['NextPageUri'] = `${origin}/manage/api/v1.0/${tenantId}/activity/feed/subscriptions/content?${params.toString()}`;
    }
    return { status: 200, headers, body: page };
  }

  async blob(req: EmulatorRequest): Promise<Reply> {
    const admitted = await this.admit(req, 'GetBlob');
    if (!admitted.ok) return admitted.reply;
    const contentId = req.params['contentId'] ?? '';
    const ref = this.catalog.parse(contentId);
    if (ref === 'malformed') return afError(400, 'AF20052', `Content ID ${contentId} in the URL is invalid.`);
    const now = this.ctx.clock.now();
    if (ref === 'unknown' || ref.contentCreatedMs > now) return afError(400, 'AF20050', `The specified content (${contentId}) does not exist.`);
    if (ref.contentCreatedMs + CONTENT_RETENTION_MS < now) {
      return afError(400, 'AF20051', `Content requested with the key ${contentId} has already expired. Content older than 7 days cannot be retrieved.`);
    }
    if (ref.type === 'DLP.All' && !hasAnyPermission(admitted.caller, ['ActivityFeed.ReadDlp'])) {
      return afError(
        401,
        'AF10001',
        `The permission set (${admitted.caller.permissions.join(' ')}) sent in the request did not include the expected permission ActivityFeed.ReadDlp.`,
      );
    }
    const body = await this.catalog.body(ref);
    req.note['records'] = body.records;
    return { status: 200, headers: JSON_TYPE, chunks: body.chunks, sent: body.release };
  }

  async notifications(req: EmulatorRequest): Promise<Reply> {
    const type = this.contentTypeParam(req);
    if (!(typeof type === 'string')) return type;
    const admitted = await this.admit(req, 'ListNotifications', type);
    if (!admitted.ok) return admitted.reply;
    // The emulator never calls webhooks, so there are no notifications to report.
    return { status: 200, headers: JSON_TYPE, body: [] };
  }
}
