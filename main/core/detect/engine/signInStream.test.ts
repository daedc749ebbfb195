import { describe, expect, it } from 'vitest';
import { loadIpGeo } from '../geo/ipGeo.ts';
import { addRecords, tempStore } from '../testing/detectHarness.ts';
import { graphSignIn, MIN, T0, ualLogon } from '../testing/recordShapes.ts';
import { SIGN_IN_EVENT_COLUMNS } from '../../store/signInEventTable.ts';
import type { SignInEvent } from './signInEvent.ts';
import { SIGN_IN_EVENTS_SQL, streamAccountSignInEvents, streamSignInEvents } from './signInStream.ts';

describe('the sign-in event stream', () => {
  it('keeps one event per sign-in when the store has both the Entra sign-in and its unified-audit-log logon', async () => {
    const store = tempStore();
    addRecords(store, [
      graphSignIn({ at: T0, user: 'adele@contoso.com', ip: '81.2.69.160', errorCode: 50126 }),
      ualLogon({ at: T0, user: 'adele@contoso.com', ip: '81.2.69.160', errorCode: 50126 }),
      // A logon with no Entra sign-in beside it (a UAL-only export) is kept.
      ualLogon({ at: T0 + MIN, user: 'alex@contoso.com', ip: '81.2.69.161', errorCode: 50126 }),
      graphSignIn({ at: T0 + 2 * MIN, user: 'adele@contoso.com', ip: '81.2.69.160' }),
    ]);
    const seen: SignInEvent[] = [];
    await streamSignInEvents(store.db, await loadIpGeo(), 0, (e) => seen.push(e));
    expect(seen.map((e) => [e.source, e.user, e.result, e.timeMs - T0])).toEqual([
      ['signin', 'adele@contoso.com', 'failure', 0],
      ['ual-logon', 'alex@contoso.com', 'failure', MIN],
      ['signin', 'adele@contoso.com', 'success', 2 * MIN],
    ]);
    expect(seen[1]).toMatchObject({ country: 'GB', countrySource: 'ip-database' });
    store.close();
  });

  it('drops a logon only for a sign-in of the same user and address within a second and a half, before or after it', async () => {
    const store = tempStore();
    const adele = 'adele@contoso.com';
    addRecords(store, [
      // The Entra sign-in is written a second after the logon: the same event.
      ualLogon({ at: T0, user: adele, ip: '81.2.69.160', errorCode: 50126 }),
      graphSignIn({ at: T0 + 1000, user: adele, ip: '81.2.69.160', errorCode: 50126 }),
      // Same user and time, another address: two events.
      graphSignIn({ at: T0 + MIN, user: adele, ip: '81.2.69.160' }),
      ualLogon({ at: T0 + MIN, user: adele, ip: '81.2.69.170' }),
      // Same user and address, two seconds apart: two events.
      graphSignIn({ at: T0 + 2 * MIN, user: adele, ip: '81.2.69.160' }),
      ualLogon({ at: T0 + 2 * MIN + 2000, user: adele, ip: '81.2.69.160' }),
      // Another user's sign-in at the logon's time and address does not hide it.
      graphSignIn({ at: T0 + 3 * MIN, user: 'alex@contoso.com', ip: '81.2.69.160' }),
      ualLogon({ at: T0 + 3 * MIN, user: adele, ip: '81.2.69.160' }),
    ]);
    const seen: SignInEvent[] = [];
    const count = await streamSignInEvents(store.db, await loadIpGeo(), 0, (e) => seen.push(e));
    expect(seen.map((e) => [e.source, e.user, e.ip, e.timeMs - T0])).toEqual([
      ['signin', adele, '81.2.69.160', 1000],
      ['signin', adele, '81.2.69.160', MIN],
      ['ual-logon', adele, '81.2.69.170', MIN],
      ['signin', adele, '81.2.69.160', 2 * MIN],
      ['ual-logon', adele, '81.2.69.160', 2 * MIN + 2000],
      ['signin', 'alex@contoso.com', '81.2.69.160', 3 * MIN],
      ['ual-logon', adele, '81.2.69.160', 3 * MIN],
    ]);
    expect(count).toBe(7);
    store.close();
  });

  it("gives each event its record's details (place, device, user agent) when a rule asks, from both streams", async () => {
    const store = tempStore();
    const adele = 'adele@contoso.com';
    addRecords(store, [
      graphSignIn({ at: T0, user: adele, ip: '81.2.69.160', city: 'London', country: 'GB', os: 'iOS 17', browser: 'Safari', userAgent: 'Mozilla/5.0 (iPhone)' }),
      graphSignIn({ at: T0 + MIN, user: adele, ip: '81.2.69.161', city: 'Leeds', country: 'GB', os: 'Windows 10', browser: 'Edge', userAgent: 'Mozilla/5.0 (Windows NT 10.0)' }),
    ]);
    const details = (e: SignInEvent) => [e.city, e.deviceOs, e.deviceBrowser, e.userAgent, e.resource];
    const expected = [
      ['London', 'iOS 17', 'Safari', 'Mozilla/5.0 (iPhone)', 'Office365 Shell WCSS-Server'],
      ['Leeds', 'Windows 10', 'Edge', 'Mozilla/5.0 (Windows NT 10.0)', 'Office365 Shell WCSS-Server'],
    ];
    const geo = await loadIpGeo();
    const streamed: SignInEvent[] = [];
    await streamSignInEvents(store.db, geo, 0, (e) => streamed.push(e), { chunkRows: 1 });
    expect(streamed.map(details)).toEqual(expected);
    // Read while the account's rows are being iterated, as a rule does when it explains a finding.
    const duringAccountStream: unknown[][] = [];
    streamAccountSignInEvents(store.db, geo, [adele], 0, (e) => duringAccountStream.push(details(e)));
    expect(duringAccountStream).toEqual(expected);
    store.close();
  });

  it('reads the sign-in events from their own table, in its (time, id) order, without sorting', () => {
    const store = tempStore();
    const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${SIGN_IN_EVENTS_SQL}`).all(0, 100) as { detail: string }[]).map((r) => r.detail);
    expect(plan).toEqual(['SEARCH signin_events USING PRIMARY KEY (time_ms>?)']);
    // A column the stream reads but the table lacks (a migration forgotten) fails here, not in a user's run.
    const columns = (store.db.prepare(`SELECT name FROM pragma_table_info('signin_events')`).pluck().all() as string[]).sort();
    expect(columns).toEqual([...SIGN_IN_EVENT_COLUMNS].sort());
    store.close();
  });

  it('gives the events of the named accounts only, each account in time order', async () => {
    const store = tempStore();
    addRecords(store, [
      graphSignIn({ at: T0 + 2 * MIN, user: 'adele@contoso.com', ip: '81.2.69.160' }),
      graphSignIn({ at: T0, user: 'alex@contoso.com', ip: '81.2.69.161' }),
      graphSignIn({ at: T0 + MIN, user: 'adele@contoso.com', ip: '81.2.69.160', errorCode: 50126 }),
      ualLogon({ at: T0 + 3 * MIN, user: 'adele@contoso.com', ip: '81.2.69.162', errorCode: 50126 }),
      graphSignIn({ at: T0 - MIN, user: 'adele@contoso.com', ip: '81.2.69.160' }),
    ]);
    const seen: SignInEvent[] = [];
    const count = streamAccountSignInEvents(store.db, await loadIpGeo(), ['adele@contoso.com'], T0, (e) => seen.push(e));
    expect(count).toBe(3);
    expect(seen.map((e) => [e.source, e.user, e.result, e.timeMs - T0])).toEqual([
      ['signin', 'adele@contoso.com', 'failure', MIN],
      ['signin', 'adele@contoso.com', 'success', 2 * MIN],
      ['ual-logon', 'adele@contoso.com', 'failure', 3 * MIN],
    ]);
    store.close();
  });

  it("shares the accounts out: a share's events alone, or every event marked in or out of the share", async () => {
    const store = tempStore();
    const users = ['adele', 'alex', 'ben', 'cara', 'dev', 'emma', 'finn'].map((u) => `${u}@contoso.com`);
    addRecords(store, [
      ...users.map((user, i) => graphSignIn({ at: T0 + i * MIN, user, ip: '81.2.69.160' })),
      ...users.map((user, i) => ualLogon({ at: T0 + (10 + i) * MIN, user, ip: '81.2.69.161', errorCode: 50126 })),
    ]);
    const numberOf = store.db.prepare('SELECT id FROM signin_strings WHERE value = ?').pluck();
    const inShare = (user: string) => [1, 2].includes((numberOf.get(user) as number) % 3);
    const mine = users.filter(inShare);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(users.length);
    const geo = await loadIpGeo();

    const only: [string, string][] = [];
    const share = { modulus: 3, residues: [1, 2], only: true };
    const read = await streamSignInEvents(store.db, geo, 0, (e, marked) => only.push([e.source, `${e.user} ${marked}`]), { share, chunkRows: 2 });
    expect(read).toBe(2 * mine.length);
    expect(only).toEqual([...mine.map((u) => ['signin', `${u} true`]), ...mine.map((u) => ['ual-logon', `${u} true`])]);

    const every: string[] = [];
    const all = await streamSignInEvents(store.db, geo, 0, (e, marked) => every.push(`${e.user} ${marked}`), { share: { ...share, only: false }, chunkRows: 2 });
    expect(all).toBe(2 * users.length);
    expect(every).toEqual([...users, ...users].map((u) => `${u} ${inShare(u)}`));
    store.close();
  });

  it('reads in chunks, in order across chunk ends, letting other work run between them', async () => {
    const store = tempStore();
    // Eleven sign-ins, two of them at the same millisecond on each side of a chunk end.
    const at = [0, 1, 2, 3, 3, 4, 5, 6, 7, 8, 9].map((m) => T0 + m * MIN);
    addRecords(
      store,
      at.map((t, i) => graphSignIn({ at: t, user: `user${i}@contoso.com`, ip: '81.2.69.160' })),
    );
    const seen: string[] = [];
    const reads: number[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const count = await streamSignInEvents(store.db, await loadIpGeo(), 0, (e) => seen.push(e.user!), {
      chunkRows: 4,
      onRows: (read) => reads.push(read),
    });
    clearInterval(timer);
    expect(count).toBe(11);
    expect(seen).toEqual(at.map((_, i) => `user${i}@contoso.com`));
    expect(reads).toEqual([4, 8, 11]);
    expect(ticks).toBeGreaterThan(0);
    store.close();
  });
});
