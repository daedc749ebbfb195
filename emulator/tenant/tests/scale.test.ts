// 10,000 users and 30 days are created quickly, and any hour is generated on demand without the others.

import { describe, expect, it } from 'vitest';
import { generateTenant, parseScenarioList } from '../index.ts';
import { END } from './support.ts';

describe('scale', () => {
  it('creates 10,000 users x 30 days with every scenario well under 5 s, and serves a random hour lazily', () => {
    const t0 = performance.now();
    const tenant = generateTenant({ seed: 'scale', users: 10_000, days: 30, end: END, scenarios: parseScenarioList('all') });
    const created = performance.now() - t0;
    expect(created).toBeLessThan(5_000);
    expect(tenant.users.length).toBeGreaterThan(10_000);
    expect(tenant.state.mailboxes.length).toBeGreaterThan(10_000);

    // A weekday mid-morning hour in the head office's zone is busy; generating it must not need the others.
    const h = 24 * 17 + 9;
    const t1 = performance.now();
    const audit = tenant.activity.auditRecords(h);
    const signIns = tenant.activity.signIns(h);
    const lazy = performance.now() - t1;
    expect(audit.length + signIns.length).toBeGreaterThan(2_000);
    expect(lazy).toBeLessThan(3_000);
    const from = tenant.activity.hourStart(h).getTime();
    const to = tenant.activity.hourStart(h + 1).getTime();
    for (const s of signIns) expect(Date.parse(s.createdDateTime) >= from && Date.parse(s.createdDateTime) < to).toBe(true);
    for (const r of audit) expect(Date.parse(r.CreationTime + 'Z') >= from && Date.parse(r.CreationTime + 'Z') < to).toBe(true);
    expect(audit.map((r) => r.CreationTime)).toEqual(audit.map((r) => r.CreationTime).sort());
  });

});
