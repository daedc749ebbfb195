/**
 * One-at-a-time lanes per tenant, in this process: Search-UnifiedAuditLog sessions run sequentially per
 * tenant (Microsoft throttles concurrent searches per tenant and a session is tied to its caller), and two
 * collections never share the Graph identity reports budget (5 requests per 10 s per app and tenant), which
 * each HTTP layer counts on its own. A plain promise chain: small enough not to need a library.
 */
export type Lane = 'ual-search' | 'graph-identity-reports';

const tails = new Map<string, Promise<void>>();

export async function inLane<T>(tenantId: string, lane: Lane, work: () => Promise<T>): Promise<T> {
  const key = `${tenantId.toLowerCase()}|${lane}`;
  const before = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = before.then(() => mine);
  tails.set(key, tail);
  await before;
  try {
    return await work();
  } finally {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  }
}
