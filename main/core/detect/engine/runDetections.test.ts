import { unlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addSuppression, listSuppressions, removeSuppression } from '../findings/suppressions.ts';
import { findingDetail, listFindings, triageFinding } from '../findings/findingQueries.ts';
import { adminOutsideTrustedNetwork } from '../rules/adminOutsideTrustedNetwork.ts';
import { newCountryOrNetwork } from '../rules/newCountryOrNetwork.ts';
import { passwordSpray } from '../rules/passwordSpray.ts';
import { addRecords, setContext, tempStore } from '../testing/detectHarness.ts';
import { DAYS, graphSignIn, MIN, T0 } from '../testing/recordShapes.ts';
import { runDetections, type RunProgress } from './runDetections.ts';

const spray = (from: number, users: string[], ip = '159.89.10.20') =>
  users.map((u, i) => graphSignIn({ at: T0 + (from + i) * MIN, user: `${u}@contoso.com`, ip, errorCode: 50126 }));

describe('runDetections', () => {
  it('judges only new records, keeps a finding (id, triage, notes) as it grows, and across full re-runs', async () => {
    const store = tempStore();
    addRecords(store, spray(0, ['a', 'b', 'c', 'd', 'e']));
    const first = await runDetections(store, { rules: [passwordSpray] });
    expect(first.rules[0]).toMatchObject({ ruleId: 'password-spray', created: 1 });
    const [finding] = listFindings(store);
    triageFinding(store, finding!.id, 'benign', 'Our own phishing-resistance test from the red team VPS.');

    const nothing = await runDetections(store, { rules: [passwordSpray] });
    expect(nothing.rules[0]).toMatchObject({ ran: false, skipped: 'no new records' });

    addRecords(store, spray(6, ['f', 'g']));
    const grown = await runDetections(store, { rules: [passwordSpray] });
    expect(grown.mode).toBe('incremental');
    expect(grown.rules[0]).toMatchObject({ created: 0, updated: 1 });
    const after = listFindings(store);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: finding!.id, fingerprint: finding!.fingerprint, triage: 'benign', evidenceCount: 7 });
    expect(after[0]!.explanation).toMatch(/^7 accounts failed/);

    await runDetections(store, { rules: [passwordSpray], full: true });
    const detail = findingDetail(store, finding!.id);
    expect(detail.finding).toMatchObject({ triage: 'benign', status: 'active' });
    expect(detail.notes.map((n) => [n.triageFrom, n.triageTo, n.text])).toEqual([['new', 'benign', 'Our own phishing-resistance test from the red team VPS.']]);
    store.close();
  });

  it('judges new sign-ins of one account against its 30-day baseline in an incremental run, as a full run does', async () => {
    const store = tempStore();
    const daily = (user: string, days: number[], ip: string, country: string) =>
      days.map((d) => graphSignIn({ at: T0 + d * DAYS, user, ip, country, deviceId: `${user}-laptop` }));
    setContext(store, { homeCountries: ['GB'] });
    addRecords(store, [
      ...daily('adele@contoso.com', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], '81.2.69.160', 'GB'),
      ...daily('ben@contoso.com', [0, 1, 2, 3], '81.2.69.161', 'GB'),
      graphSignIn({ at: T0 + 5 * DAYS, user: 'ben@contoso.com', ip: '102.89.1.2', country: 'NG' }),
    ]);
    const first = await runDetections(store, { rules: [newCountryOrNetwork] });
    expect(first.rules[0]).toMatchObject({ created: 1 });

    // Three weeks later: Adele at home, then from Brazil on a browser never seen; Ben's finding stays as it was.
    addRecords(store, [
      ...daily('adele@contoso.com', [25], '81.2.69.160', 'GB'),
      graphSignIn({ at: T0 + 26 * DAYS, user: 'adele@contoso.com', ip: '177.10.1.2', country: 'BR' }),
    ]);
    const incremental = await runDetections(store, { rules: [newCountryOrNetwork] });
    expect(incremental.mode).toBe('incremental');
    expect(incremental.rules[0]).toMatchObject({ created: 1, updated: 0, withdrawn: 0 });
    const shown = (f: { user: string | null; explanation: string; evidenceCount: number }) => [f.user, f.explanation, f.evidenceCount];
    const afterIncremental = listFindings(store).map(shown);
    expect(afterIncremental.find(([user]) => user === 'adele@contoso.com')?.[1]).toMatch(
      /from 177\.10\.1\.2 .*No sign-in of this account from BR in the 30 days before.*Earlier: 11 successful sign-ins since/,
    );

    const full = await runDetections(store, { rules: [newCountryOrNetwork], full: true });
    expect(full.rules[0]).toMatchObject({ created: 0, withdrawn: 0 });
    expect(listFindings(store).map(shown)).toEqual(afterIncremental);
    store.close();
  });

  it('reports its progress: the sign-in events read against the rollup, then each audit rule; one run at a time', async () => {
    const store = tempStore();
    addRecords(store, spray(0, ['a', 'b', 'c', 'd', 'e', 'f', 'g']));
    const seen: RunProgress[] = [];
    const [first, second] = await Promise.all([
      runDetections(store, { chunkRows: 3, onProgress: (p) => seen.push(p) }),
      runDetections(store, { rules: [passwordSpray] }),
    ]);
    expect(seen.filter((p) => p.phase === 'sign-ins')).toEqual([
      { phase: 'sign-ins', done: 3, total: 7 },
      { phase: 'sign-ins', done: 6, total: 7 },
      { phase: 'sign-ins', done: 7, total: 7 },
    ]);
    const audit = seen.filter((p) => p.phase === 'audit');
    expect(audit.length).toBeGreaterThan(10);
    expect(audit.map((p) => p.done)).toEqual(audit.map((_, i) => i));
    // The second run waited for the first, so it found nothing new to judge.
    expect(first!.rules.find((r) => r.ruleId === 'password-spray')).toMatchObject({ created: 1 });
    expect(second!.rules[0]).toMatchObject({ ran: false, skipped: 'no new records' });
    store.close();
  });

  it('re-runs a rule in full when the context changes, withdrawing what no longer holds', async () => {
    const store = tempStore();
    addRecords(store, [
      graphSignIn({ at: T0, user: 'admin@contoso.com', ip: '81.2.69.160' }),
      graphSignIn({ at: T0, user: 'admin@contoso.com', ip: '198.51.100.3' }),
    ]);
    setContext(store, { trustedNetworks: ['198.51.100.0/28'], admins: ['admin@contoso.com'] });
    await runDetections(store, { rules: [adminOutsideTrustedNetwork] });
    expect(listFindings(store).map((f) => f.ip)).toEqual(['81.2.69.160']);

    setContext(store, { trustedNetworks: ['198.51.100.0/28', '81.2.69.160/32'] });
    const rerun = await runDetections(store, { rules: [adminOutsideTrustedNetwork] });
    expect(rerun.mode).toBe('full');
    expect(rerun.rules[0]).toMatchObject({ withdrawn: 1 });
    expect(listFindings(store)).toEqual([]);
    expect(listFindings(store, { includeWithdrawn: true }).map((f) => f.status)).toEqual(['withdrawn']);
    store.close();
  });

  it('hides exactly what a suppression names, and shows it again when it is removed', async () => {
    const store = tempStore();
    addRecords(store, [...spray(0, ['a', 'b', 'c', 'd', 'e']), ...spray(0, ['f', 'g', 'h', 'i', 'j'], '45.32.9.9')]);
    await runDetections(store, { rules: [passwordSpray] });
    expect(
      listFindings(store)
        .map((f) => f.ip)
        .sort(),
    ).toEqual(['159.89.10.20', '45.32.9.9']);

    const s = addSuppression(store, { kind: 'ip-range', cidr: '159.89.0.0/16', reason: 'pen test provider' });
    expect(listFindings(store).map((f) => f.ip)).toEqual(['45.32.9.9']);
    expect(listFindings(store, { includeSuppressed: true }).find((f) => f.ip === '159.89.10.20')?.suppressedBy).toBe(s.id);
    expect(listSuppressions(store)).toMatchObject([{ id: s.id, hides: 1 }]);

    const byAccount = addSuppression(store, { kind: 'rule-user', ruleId: 'password-spray', user: 'nobody@contoso.com', reason: 'names no finding' });
    expect(listFindings(store)).toHaveLength(1);
    removeSuppression(store, byAccount.id);
    removeSuppression(store, s.id);
    expect(listFindings(store)).toHaveLength(2);
    expect(() => removeSuppression(store, s.id)).toThrow(/No suppression/);
    store.close();
  });

  it('derives the same findings with the sign-in rules on worker threads as on this thread', async () => {
    // Eight travellers, each at home for four days and then in Nigeria: a finding for every one of them, shared
    // out between the workers by account.
    const travellers = ['ben', 'cara', 'dev', 'emma', 'finn', 'gus', 'hana', 'ivo'].map((u) => `${u}@contoso.com`);
    const records = [
      ...spray(0, ['a', 'b', 'c', 'd', 'e', 'f']),
      graphSignIn({ at: T0 + 10 * MIN, user: 'c@contoso.com', ip: '159.89.10.20' }),
      ...travellers.flatMap((user, i) => [
        ...[0, 1, 2, 3].map((d) => graphSignIn({ at: T0 + d * DAYS + i * MIN, user, ip: '81.2.69.161', country: 'GB', deviceId: `${user}-laptop` })),
        graphSignIn({ at: T0 + 5 * DAYS + i * MIN, user, ip: '102.89.1.2', country: 'NG' }),
      ]),
    ];
    const findings = async (threads: number) => {
      const store = tempStore();
      setContext(store, { homeCountries: ['GB'] });
      addRecords(store, records);
      const progress: RunProgress[] = [];
      const summary = await runDetections(store, { threads, onProgress: (p) => progress.push(p) });
      const found = listFindings(store).map((f) => [f.ruleId, f.title, f.explanation, f.evidenceCount]);
      // Which worker's share each traveller is in (workerParts: 5 parts in 14 for the first, the rest for the second).
      const numberOf = store.db.prepare('SELECT id FROM signin_strings WHERE value = ?').pluck();
      const shares = new Set(travellers.map((user) => ((numberOf.get(user) as number) % 14 < 5 ? 1 : 2)));
      store.close();
      return { summary, found, progress, shares };
    };
    const one = await findings(1);
    const two = await findings(2);
    expect(new Set(one.found.map((f) => f[0]))).toEqual(new Set(['new-country-or-network', 'password-spray']));
    for (const user of travellers) expect(one.found.map((f) => f[1])).toContain(`${user} signed in from a new country, NG`);
    expect(two.shares).toEqual(new Set([1, 2])); // both workers found some of them
    expect(two.found).toEqual(one.found);
    expect(two.summary.rules.map((r) => [r.ruleId, r.ran, r.derived])).toEqual(one.summary.rules.map((r) => [r.ruleId, r.ran, r.derived]));
    expect(two.progress.filter((p) => p.phase === 'sign-ins').at(-1)).toMatchObject({ done: records.length });
  });

  it('fails the run with a clear error when a worker thread cannot read the store, and stores nothing half-done', async () => {
    const store = tempStore();
    addRecords(store, spray(0, ['a', 'b', 'c', 'd', 'e']));
    unlinkSync(store.file); // this connection keeps the open file; a worker cannot open it by name
    await expect(runDetections(store, { threads: 2 })).rejects.toThrow(/sign-in detections failed on worker thread \d: No evidence store at/);
    expect(listFindings(store).filter((f) => f.ruleId === 'password-spray')).toEqual([]);
    store.close();
  });
});
