import { Writable } from 'node:stream';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../../main/core/importers/importFile.ts';
import { addNote, addTag, listTags, removeTag } from '../../../main/core/review/annotations.ts';
import { exportRecords } from '../../../main/core/review/exportRecords.ts';
import { timelineHistogram } from '../../../main/core/review/histogram.ts';
import { countRecords, queryPage, queryWindow } from '../../../main/core/review/queryRecords.ts';
import { recordDetail } from '../../../main/core/review/recordDetail.ts';
import { relatedRecords } from '../../../main/core/review/relatedRecords.ts';
import { deleteSavedSearch, listSavedSearches, saveSearch } from '../../../main/core/review/savedSearches.ts';
import type { EvidenceStore } from '../../../main/core/store/openStore.ts';
import type { RecordRow } from '../../../shared/model/evidence.ts';
import { FIXTURES, fixtureFiles, newStore } from '../store/testStore.ts';

let store: EvidenceStore;
beforeAll(async () => {
  store = newStore();
  for (const file of fixtureFiles()) await importFile(store, path.join(FIXTURES, file));
});

function allPages(filter: Parameters<typeof queryPage>[1]['filter'], order: 'newest' | 'oldest' = 'newest', limit = 7): RecordRow[] {
  const rows: RecordRow[] = [];
  let after = null;
  for (;;) {
    const page = queryPage(store, { filter, order, after, limit });
    rows.push(...page.rows);
    if (!page.next) return rows;
    after = page.next;
  }
}

describe('the review query layer', () => {
  it('filters by user (any casing), operation, IP and time', () => {
    const byUser = allPages({ kind: 'audit', users: ['STINGER@contoso.onmicrosoft.com'] });
    expect(byUser.length).toBe(9);
    expect(byUser.every((r) => r.user === 'stinger@contoso.onmicrosoft.com')).toBe(true);
    const inbox = allPages({ kind: 'audit', operations: ['New-InboxRule'] });
    expect(inbox.map((r) => r.user).sort()).toEqual(['adelev@contoso.onmicrosoft.com', 'adelev@contoso.onmicrosoft.com', 'adelev@m365x816222.onmicrosoft.com']);
    const byIp = allPages({ kind: 'audit', ips: ['[2a01:110:8068:7:9bf8:aa87:e00a:5f1f]:1'] });
    expect(byIp.length).toBe(2);
    const may2023 = allPages({ kind: 'audit', fromMs: Date.UTC(2023, 4, 20), toMs: Date.UTC(2023, 4, 21) });
    expect(may2023.every((r) => r.timeMs! >= Date.UTC(2023, 4, 20) && r.timeMs! < Date.UTC(2023, 4, 21))).toBe(true);
    expect(may2023.length).toBe(6);
    const failedSignins = countRecords(store, { kind: 'signin', results: ['failure'], users: ['johns@m365x816222.onmicrosoft.com'] });
    expect(failedSignins).toEqual({ count: 4, exact: true });
  });

  it('filters sign-ins by client app, with counts and timelines from the rollup that match the rows', () => {
    const apps = store.db.prepare(`SELECT client_app AS app, count(*) AS n FROM records WHERE kind = 'signin' AND client_app IS NOT NULL GROUP BY client_app ORDER BY n DESC`).all() as { app: string; n: number }[];
    expect(apps.length).toBeGreaterThan(1);
    const { app, n } = apps[0]!;
    const rows = allPages({ kind: 'signin', clientApps: [app] });
    expect(rows.length).toBe(n);
    expect(rows.every((r) => r.clientApp === app)).toBe(true);
    expect(countRecords(store, { kind: 'signin', clientApps: [app] })).toEqual({ count: n, exact: true });
    const histogram = timelineHistogram(store, { filter: { kind: 'signin', clientApps: [app] }, bucketMs: 86_400_000 });
    expect(histogram.buckets.reduce((sum, b) => sum + b.count, 0) + histogram.withoutTime).toBe(n);
    const days = new Map<number, number>();
    for (const r of rows) {
      if (r.timeMs === null) continue;
      const day = histogram.fromMs! + Math.floor((r.timeMs - histogram.fromMs!) / 86_400_000) * 86_400_000;
      days.set(day, (days.get(day) ?? 0) + 1);
    }
    expect(histogram.buckets).toEqual([...days].sort((a, b) => a[0] - b[0]).map(([startMs, count]) => ({ startMs, count })));
  });

  it('pages by keyset in time order, untimed records last, with no row twice or missing', () => {
    const filter = { kind: 'audit' as const };
    const newest = allPages(filter);
    const total = countRecords(store, filter);
    expect(total.exact).toBe(true);
    expect(newest.length).toBe(total.count);
    expect(new Set(newest.map((r) => r.id)).size).toBe(newest.length);
    const timed = newest.filter((r) => r.timeMs !== null);
    for (let i = 1; i < timed.length; i++) expect(timed[i]!.timeMs!).toBeLessThanOrEqual(timed[i - 1]!.timeMs!);
    expect(newest.slice(-5).every((r) => r.timeMs === null)).toBe(true);
    const oldest = allPages(filter, 'oldest', 11);
    expect(oldest.map((r) => r.id)).toEqual([...newest].reverse().map((r) => r.id));
    expect(queryWindow(store, { filter, offset: 20, limit: 5 }).rows.map((r) => r.id)).toEqual(newest.slice(20, 25).map((r) => r.id));
  });

  it('finds records by full text and by GUID', () => {
    const rss = allPages({ kind: 'audit', text: 'junk email' });
    expect(rss.map((r) => r.sourceId)).toContain('d28096ba-03b1-4c2a-1503-08d908826606');
    expect(allPages({ kind: 'audit', text: 'covid' }).map((r) => r.sourceId)).toEqual(['d2d1b1e1-4327-4c24-b9eb-08d9087c624c']);
    expect(allPages({ kind: 'audit', text: '21E87B2C-7FC0-4F65-D5E9-08DB59208799' }).map((r) => r.operation)).toEqual(['Set-AdminAuditLogConfig']);
    expect(allPages({ kind: 'signin', text: 'IMAP4' }).every((r) => r.clientApp === 'IMAP4')).toBe(true);
  });

  it('draws a timeline whose buckets add up to the count', () => {
    const filter = { kind: 'signin' as const };
    const histogram = timelineHistogram(store, { filter, bucketMs: 86_400_000 });
    expect(histogram.buckets.reduce((s, b) => s + b.count, 0) + histogram.withoutTime).toBe(countRecords(store, filter).count);
    const ops = timelineHistogram(store, { filter: { kind: 'audit', operations: ['UserLoginFailed'] }, bucketMs: 3_600_000 });
    expect(ops.buckets.reduce((s, b) => s + b.count, 0)).toBe(allPages({ kind: 'audit', operations: ['UserLoginFailed'] }).length);
  });

  it('finds related records by user, IP and session within an hour', () => {
    const anchor = allPages({ kind: 'audit', text: '9dd7a60b-019f-4f90-b85e-8b1c007513a3' });
    expect(anchor.length).toBe(2);
    const related = relatedRecords(store, { id: anchor[0]!.id });
    const sibling = related.rows.find((r) => r.id === anchor[1]!.id)!;
    expect(sibling.relations.sort()).toEqual(['ip', 'session', 'user']);
    expect(related.rows.every((r) => Math.abs(r.timeMs! - anchor[0]!.timeMs!) <= 3_600_000)).toBe(true);
  });

  it('shows a record with its raw JSON, and keeps tags, notes and saved searches', () => {
    const [row] = allPages({ kind: 'audit', text: 'covid' });
    const detail = recordDetail(store, row!.id);
    expect(detail.raw).toContain('covid-19');
    expect(detail.json).toMatchObject({ Operation: 'New-InboxRule', 'Start_Time [UTC]': '4/26/2021, 6:37:32.000 AM' });
    expect(addTag(store, row!.id, 'bec')).toEqual(['bec']);
    expect(allPages({ kind: 'audit', tag: 'bec' }).map((r) => r.id)).toEqual([row!.id]);
    expect(removeTag(store, row!.id, 'bec')).toEqual([]);
    expect(listTags(store, row!.id)).toEqual([]);
    addNote(store, row!.id, 'rule deletes covid mail');
    expect(recordDetail(store, row!.id).notes.map((n) => n.text)).toEqual(['rule deletes covid mail']);
    const saved = saveSearch(store, 'inbox rules', { kind: 'audit', operations: ['New-InboxRule'] });
    expect(listSavedSearches(store)).toEqual([saved]);
    expect(deleteSavedSearch(store, saved.id)).toBe(true);
  });

  it('exports a result as CSV and JSONL, every row once', async () => {
    const filter = { kind: 'audit' as const, users: ['stinger@contoso.onmicrosoft.com'] };
    const collect = async (format: 'csv' | 'jsonl') => {
      let text = '';
      const out = new Writable({ write: (chunk: Buffer, _e, done) => ((text += chunk.toString()), done()) });
      const n = await exportRecords(store, filter, format, out);
      return { n, text };
    };
    const csv = await collect('csv');
    expect(csv.n).toBe(9);
    expect(csv.text.trim().split('\r\n').length).toBe(10);
    expect(csv.text).toContain('Set-AdminAuditLogConfig');
    const jsonl = await collect('jsonl');
    const lines = jsonl.text.trim().split('\n').map((l) => JSON.parse(l) as { UserId: string });
    expect(lines.length).toBe(9);
    expect(lines.every((l) => l.UserId === 'stinger@contoso.onmicrosoft.com')).toBe(true);
  });
});
