// Review answers for a result of any size without a store behind it: the renderer's side of the
// table measured at 10 million rows, which would take a 10 GB store to seed. Row i (newest first) is
// computed, so windows, keyset pages, counts and the timeline agree with each other.
import type { reviewChannels } from '../shared/ipc/review.ts';
import type { RecordRow } from '../shared/model/evidence.ts';
import type { Handlers } from '../main/core/ipc/dispatch.ts';

const OPERATIONS = ['MailItemsAccessed', 'FileAccessed', 'UserLoggedIn', 'Send', 'Set-Mailbox', 'New-InboxRule'];
const WORKLOADS = ['Exchange', 'SharePoint', 'AzureActiveDirectory', 'Exchange', 'Exchange', 'Exchange'];
const NEWEST_MS = Date.UTC(2026, 6, 1);
const SPACING_MS = 250;

function row(total: number, i: number): RecordRow {
  const op = i % OPERATIONS.length;
  const nulls = Object.fromEntries(
    [
      'sourceId',
      'userName',
      'resultDetail',
      'country',
      'city',
      'app',
      'appId',
      'resource',
      'clientApp',
      'errorCode',
      'failureReason',
      'authRequirement',
      'authMethods',
      'caStatus',
      'riskLevel',
      'userAgent',
      'deviceOs',
      'deviceBrowser',
      'isInteractive',
      'authProtocol',
      'sessionId',
      'correlationId',
      'uniqueTokenId',
    ].map((k) => [k, null]),
  );
  return {
    ...(nulls as unknown as RecordRow),
    id: total - i,
    kind: 'audit',
    format: 'ual',
    timeMs: NEWEST_MS - i * SPACING_MS,
    operation: OPERATIONS[op]!,
    workload: WORKLOADS[op]!,
    recordType: 'ExchangeItem',
    user: `user${i % 2000}@contoso.onmicrosoft.com`,
    ip: `20.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    object: `/Inbox/message-${i}`,
    result: i % 17 === 0 ? 'failure' : 'success',
  };
}

/** The review channels the table uses, answering `total` computed rows. */
export function syntheticReviewHandlers(
  total: number,
): Pick<Handlers<typeof reviewChannels>, 'review.count' | 'review.window' | 'review.page' | 'review.histogram' | 'review.coverage'> {
  const rows = (from: number, limit: number) => Array.from({ length: Math.max(0, Math.min(limit, total - from)) }, (_, k) => row(total, from + k));
  return {
    'review.count': () => ({ count: total, exact: true }),
    'review.window': ({ offset, limit }) => ({ offset, rows: rows(offset, limit) }),
    'review.page': ({ after, limit }) => {
      const from = after ? total - after.id + 1 : 0;
      const page = rows(from, limit);
      const last = page.at(-1);
      return { rows: page, next: page.length === limit && last ? { timeMs: last.timeMs, id: last.id } : null };
    },
    'review.histogram': () => {
      const bucketMs = 86_400_000;
      const oldest = NEWEST_MS - (total - 1) * SPACING_MS;
      const fromMs = Math.floor(oldest / bucketMs) * bucketMs;
      const buckets = [];
      for (let start = fromMs; start <= NEWEST_MS; start += bucketMs) {
        // Rows i with NEWEST_MS - i * SPACING_MS in [start, start + bucketMs).
        const first = Math.max(0, Math.floor((NEWEST_MS - start - bucketMs) / SPACING_MS) + 1);
        const last = Math.min(total - 1, Math.floor((NEWEST_MS - start) / SPACING_MS));
        if (last >= first) buckets.push({ startMs: start, count: last - first + 1 });
      }
      return { bucketMs, fromMs, buckets, withoutTime: 0 };
    },
    'review.coverage': () => ({ fromMs: null, toMs: null, bucketMs: 3_600_000, sources: [], hiddenSources: [] }),
  };
}
