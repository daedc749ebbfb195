import type { Budget } from './hostGate.ts';

/**
 * Which budget a request counts against, from Microsoft's published limits:
 * - Graph identity and access reports (auditLogs/*, reports/authenticationMethods/*): 5 requests per 10 s
 *   per app per tenant (learn.microsoft.com/graph/throttling-limits, "Identity and access reports").
 * - Office 365 Management Activity API: 2,000 requests per minute per tenant baseline (Management API
 *   reference, "Throttling"); we keep a margin.
 * - Exchange admin API: the service advertises Rate-Limit-Limit 30,000 (per reset window); it throttles
 *   mostly on concurrency, which the clients bound separately.
 * Everything else on Graph: the general per-app limits are far above what Warden sends.
 */
export function budgetFor(url: URL): { key: string; budget: Budget | null } {
  const path = url.pathname;
  if (/\/(v1\.0|beta)\/(auditLogs|reports\/authenticationMethods)\//i.test(path)) {
    return { key: `${url.host} identity-reports`, budget: { requests: 5, windowMs: 10_000 } };
  }
  if (/\/api\/v1\.0\/[^/]+\/activity\/feed\//i.test(path)) return { key: `${url.host} activity-feed`, budget: { requests: 1800, windowMs: 60_000 } };
  if (/\/adminapi\//i.test(path)) return { key: `${url.host} exchange-admin`, budget: { requests: 25_000, windowMs: 15 * 60_000 } };
  return { key: url.host, budget: null };
}
