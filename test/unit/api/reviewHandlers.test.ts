// The review channels through the real dispatch: hostile payloads get typed errors naming the
// problem, a missing store is not created by looking, and exports go only where main's chooser says.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reviewChannels } from '../../../shared/ipc/review.ts';
import { reviewHandlers } from '../../../main/core/api/review.ts';
import { createDispatch } from '../../../main/core/ipc/dispatch.ts';
import { importFile } from '../../../main/core/importers/importFile.ts';
import { silentLogger } from '../../../main/core/log.ts';
import { queryPage } from '../../../main/core/review/queryRecords.ts';
import { openStore, type EvidenceStore } from '../../../main/core/store/openStore.ts';
import { FIXTURES, newStore, tempDir, TEST_KEY } from '../store/testStore.ts';

let store: EvidenceStore;
let exportDir: string;
let chosen: string | null;
const asked: string[] = [];

beforeAll(async () => {
  store = newStore();
  await importFile(store, path.join(FIXTURES, 'sentinel-training-lab/office_activity.csv'));
  await importFile(store, path.join(FIXTURES, 'otrf-m365-atomic/o365spray_default.json'));
  exportDir = tempDir();
});

function dispatcher(options: { store?: EvidenceStore | null; choose?: boolean } = {}) {
  const calls: boolean[] = [];
  const handlers = reviewHandlers({
    store: async ({ create }) => {
      calls.push(create);
      return options.store === undefined ? store : options.store;
    },
    chooseExportFile:
      options.choose === false
        ? null
        : async (name) => {
            asked.push(name);
            return chosen;
          },
    log: silentLogger,
  });
  const dispatch = createDispatch(reviewChannels, handlers, { allowedOrigins: ['app://warden'], log: silentLogger });
  const call = (channel: string, input: unknown) => dispatch({ channel, input, senderUrl: 'app://warden/index.html' });
  return { call, calls };
}

const audit = { kind: 'audit' } as const;

describe('review channels under bad payloads', () => {
  const { call } = dispatcher();
  const cases: [string, unknown, RegExp][] = [
    ['review.record', { id: -1 }, /id/],
    ['review.record', { id: 1.5 }, /id/],
    ['review.record', { id: 2 ** 60 }, /id/],
    ['review.record', { id: '1' }, /id/],
    ['review.record', { id: 1, extra: true }, /extra/],
    ['review.count', { filter: { kind: 'everything' } }, /kind/],
    ['review.count', { filter: { ...audit, users: Array.from({ length: 51 }, (_, i) => `u${i}`) } }, /users/],
    ['review.count', { filter: { ...audit, users: ['x'.repeat(401)] } }, /users/],
    ['review.count', { filter: { ...audit, text: 'x'.repeat(501) } }, /text/],
    ['review.count', { filter: { ...audit, results: ['maybe'] } }, /results/],
    ['review.count', { filter: { ...audit, fromMs: 2000, toMs: 1000 } }, /end after it starts/],
    ['review.count', { filter: { ...audit, fromMs: 9e15 } }, /years 1 and 9999/],
    ['review.count', { filter: { ...audit, sql: '1=1; DROP TABLE records' } }, /sql/],
    ['review.window', { filter: audit, offset: 0, limit: 5000 }, /limit/],
    ['review.window', { filter: audit, offset: -5 }, /offset/],
    ['review.histogram', { filter: audit, bucketMs: 60_000 }, /bucket width needs a time range/],
    ['review.histogram', { filter: { ...audit, fromMs: 0, toMs: 365 * 86_400_000 }, bucketMs: 60_000 }, /2000 buckets/],
    ['review.coverage', { buckets: 100_000 }, /buckets/],
    ['review.related', { id: 1, windowMs: 30 * 86_400_000 }, /windowMs/],
    ['review.tags.add', { id: 1, tag: '   ' }, /tag/],
    ['review.tags.add', { id: 1, tag: 't'.repeat(101) }, /tag/],
    ['review.notes.add', { id: 1, text: 'n'.repeat(10_001) }, /text/],
    ['review.savedSearches.save', { name: '', filter: audit }, /name/],
    ['review.export', { filter: audit, format: 'xlsx' }, /format/],
    ['review.export', { filter: audit, format: 'csv', path: '/tmp/evil.csv' }, /path/],
  ];
  it.each(cases)('%s %j → invalid-input', async (channel, input, problem) => {
    const result = await call(channel, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-input');
    expect(result.error.message).toMatch(problem);
  });

  it('answers not-found for a record, note or tag target that does not exist', async () => {
    for (const [channel, input] of [
      ['review.record', { id: 999_999 }],
      ['review.related', { id: 999_999 }],
      ['review.tags.add', { id: 999_999, tag: 'suspicious' }],
      ['review.notes.add', { id: 999_999, text: 'x' }],
      ['review.notes.update', { noteId: 999_999, text: 'x' }],
    ] as const) {
      const result = await call(channel, input);
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'not-found' } });
    }
  });
});

describe('review channels over a store', () => {
  it('pages, counts and shows a record with its tags', async () => {
    const { call } = dispatcher();
    const count = await call('review.count', { filter: { ...audit, users: ['adelev@m365x816222.onmicrosoft.com'] } });
    expect(count).toMatchObject({ ok: true, value: { count: 151, exact: true } });
    const window = await call('review.window', { filter: audit, offset: 3, limit: 5 });
    expect(window.ok && (window.value as { rows: unknown[] }).rows).toHaveLength(5);
    const id = ((window.ok && (window.value as { rows: { id: number }[] }).rows[0]!.id) as number) ?? 0;
    expect(await call('review.tags.add', { id, tag: ' phishing ' })).toMatchObject({ ok: true, value: { tags: ['phishing'] } });
    const detail = await call('review.record', { id });
    expect(detail).toMatchObject({ ok: true, value: { row: { id }, tags: ['phishing'] } });
  });

  it('draws the timeline in whole buckets whose counts add up to the count, with or without text', async () => {
    const { call } = dispatcher();
    for (const filter of [audit, { ...audit, text: 'xlsx' }, { ...audit, users: ['adelev@m365x816222.onmicrosoft.com'] }]) {
      const result = await call('review.histogram', { filter });
      const count = await call('review.count', { filter });
      if (!result.ok || !count.ok) throw new Error('histogram or count failed');
      const h = result.value as { fromMs: number; bucketMs: number; buckets: { startMs: number; count: number }[]; withoutTime: number };
      expect(h.buckets.every((b) => (b.startMs - h.fromMs) % h.bucketMs === 0)).toBe(true);
      expect(new Set(h.buckets.map((b) => b.startMs)).size).toBe(h.buckets.length);
      expect(h.buckets.reduce((n, b) => n + b.count, 0) + h.withoutTime).toBe((count.value as { count: number }).count);
    }
  });

  it('answers a hostile-but-valid busy store with unavailable, not internal', async () => {
    const other = openStore({ file: store.file, key: TEST_KEY, log: silentLogger });
    store.db.pragma('busy_timeout = 50');
    other.db.exec('BEGIN IMMEDIATE');
    try {
      const { call } = dispatcher();
      const result = await call('review.tags.add', { id: 1, tag: 'x' });
      expect(result).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/busy/) } });
    } finally {
      other.db.exec('ROLLBACK');
      other.close();
      store.db.pragma('busy_timeout = 5000');
    }
  });

  it('with no profile yet, answers empty without creating a store; saving a search creates it', async () => {
    const { call, calls } = dispatcher({ store: null });
    expect(await call('review.count', { filter: audit })).toEqual({ ok: true, value: { count: 0, exact: true } });
    expect(await call('review.window', { filter: audit, offset: 0 })).toEqual({ ok: true, value: { offset: 0, rows: [] } });
    expect(await call('review.coverage', {})).toMatchObject({ ok: true, value: { sources: [] } });
    expect(await call('review.record', { id: 1 })).toMatchObject({ ok: false, error: { code: 'not-found', message: /Nothing is stored yet/ } });
    expect(calls.every((create) => create === false)).toBe(true);
    await call('review.savedSearches.save', { name: 'x', filter: audit });
    expect(calls.at(-1)).toBe(true);
  });

  it('draws the coverage strip from the ledger: whole-hour cells, hours per status adding up', async () => {
    const { call } = dispatcher();
    const fromMs = Date.UTC(2021, 3, 28, 0);
    const toMs = Date.UTC(2021, 3, 29, 0);
    const result = await call('review.coverage', { fromMs, toMs, buckets: 24 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const value = result.value as { bucketMs: number; sources: { source: string; cells: { status: string }[]; hours: Record<string, number> }[] };
    expect(value.bucketMs).toBe(3_600_000);
    const office = value.sources.find((s) => s.source === 'import:office_activity.csv')!;
    expect(office.cells).toHaveLength(24);
    // The file's records run from 04:43 to 14:45 on 28 April 2021: hours 5-13 are wholly covered.
    expect(office.cells.slice(5, 14).every((c) => c.status === 'complete')).toBe(true);
    expect(office.cells[0]!.status).toBe('unknown');
    expect(Object.values(office.hours).reduce((a, b) => a + b, 0)).toBe(24);
    expect(value.sources.some((s) => s.source === 'import:o365spray_default.json')).toBe(false);
  });
});

describe('review.export', () => {
  it('asks main where to save and streams exactly the filtered records there', async () => {
    const { call } = dispatcher();
    chosen = path.join(exportDir, 'adelev.csv');
    const filter = { ...audit, users: ['adelev@m365x816222.onmicrosoft.com'], text: 'FileAccessed' };
    const result = await call('review.export', { filter, format: 'csv' });
    expect(result).toMatchObject({ ok: true, value: { file: chosen } });
    expect(asked.at(-1)).toMatch(/^warden-audit-\d{8}-\d{4}\.csv$/);
    const lines = readFileSync(chosen, 'utf8').trim().split('\r\n');
    const ids = lines.slice(1).map((l) => Number(l.split(',')[0]));
    const expected = queryPage(store, { filter, order: 'oldest', limit: 1000 }).rows.map((r) => r.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(ids).toEqual(expected);
    expect((result.ok && (result.value as { records: number }).records) || 0).toBe(expected.length);
    expect(readdirSync(exportDir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('writes nothing when the user cancels, and says so when it cannot write', async () => {
    const { call } = dispatcher();
    chosen = null;
    expect(await call('review.export', { filter: audit, format: 'jsonl' })).toEqual({ ok: true, value: { file: null, records: 0 } });
    // A folder that cannot exist (its parent is a file): the error names the file, and nothing is left behind.
    const notAFolder = path.join(exportDir, 'plain-file');
    writeFileSync(notAFolder, 'x');
    chosen = path.join(notAFolder, 'x.jsonl');
    const denied = await call('review.export', { filter: audit, format: 'jsonl' });
    expect(denied).toMatchObject({ ok: false, error: { code: 'not-allowed', message: expect.stringContaining(chosen) } });
    expect(readdirSync(exportDir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    const { call: noChooser } = dispatcher({ choose: false });
    expect(await noChooser('review.export', { filter: audit, format: 'csv' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
