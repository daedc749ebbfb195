import type { ServiceReplies } from '../server/serviceReplies.ts';
import type { Reply } from '../server/types.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

/** `{"error":{"code":"AFxxxxx","message":"…"}}` (reference §4.8). */
export function afError(status: number, code: string, message: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': JSON_TYPE, ...headers }, body: { error: { code, message } } };
}

/** Throttling is HTTP 403 with AF429, and no Retry-After (reference §4.9). */
export function af429(method: string, publisherId: string | null): Reply {
  return afError(403, 'AF429', `Too many requests. Method=${method}, PublisherId=${publisherId ?? '00000000-0000-0000-0000-000000000000'}`);
}

export const manageReplies: ServiceReplies = {
  throttled: (req) => af429(feedMethodOf(req.url.pathname), req.url.searchParams.get('PublisherIdentifier')),
  unavailable: (_req, retryAfterSeconds) =>
    afError(503, 'AF50000', 'An internal error occurred. Retry the request.', retryAfterSeconds ? { 'Retry-After': String(retryAfterSeconds) } : {}),
  notFound: (req) => afError(404, 'AF20050', `The specified content (${req.url.pathname}) does not exist.`),
  methodNotAllowed: (req) => ({
    status: 405,
    headers: { 'Content-Type': JSON_TYPE },
    body: { Message: `The requested resource does not support http method '${req.method}'.` },
  }),
  internalError: () => afError(500, 'AF50000', 'An internal error occurred. Retry the request.'),
};

/** The operation name AF429 messages use, from the request path. */
export function feedMethodOf(pathname: string): string {
  if (pathname.endsWith('/subscriptions/start')) return 'StartSubscription';
  if (pathname.endsWith('/subscriptions/stop')) return 'StopSubscription';
  if (pathname.endsWith('/subscriptions/list')) return 'ListSubscriptions';
  if (pathname.endsWith('/subscriptions/content')) return 'ListContent';
  if (pathname.endsWith('/subscriptions/notifications')) return 'ListNotifications';
  return 'GetBlob';
}
