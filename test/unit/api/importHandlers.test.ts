// Importing from the app through the real dispatch: bytes arrive in chunks into a temporary file,
// the importer lands it all or nothing, errors name the user's file and line, and nothing is left behind.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { IMPORT_CHUNK_BYTES, importChannels } from '../../../shared/ipc/imports.ts';
import { importHandlers } from '../../../main/core/api/imports.ts';
import { safeFileName } from '../../../main/core/api/uploadSessions.ts';
import { createDispatch } from '../../../main/core/ipc/dispatch.ts';
import { silentLogger } from '../../../main/core/log.ts';
import { countRecords } from '../../../main/core/review/queryRecords.ts';
import { openStore, type EvidenceStore } from '../../../main/core/store/openStore.ts';
import { FIXTURES, newStore, tempDir, TEST_KEY } from '../store/testStore.ts';

let dataDir: string;
let store: EvidenceStore;
let events: { event: string; payload: Record<string, unknown> }[];
let call: (channel: string, input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;

beforeEach(() => {
  dataDir = tempDir();
  store = newStore(dataDir);
  events = [];
  const handlers = importHandlers({
    dataDir,
    openTarget: async () => {
      const writer = openStore({ file: store.file, key: TEST_KEY, log: silentLogger });
      return { store: writer, profileId: 'p1', close: () => writer.close() };
    },
    emit: (event, payload) => void events.push({ event, payload: payload as Record<string, unknown> }),
    log: silentLogger,
  });
  const dispatch = createDispatch(importChannels, handlers, { allowedOrigins: ['app://warden'], log: silentLogger });
  call = (channel, input) => dispatch({ channel, input, senderUrl: 'app://warden/index.html' });
});

const leftovers = () => readdirSync(path.join(dataDir, 'imports'));

async function upload(fileName: string, bytes: Uint8Array, chunk = 4096): Promise<string> {
  const begin = await call('import.begin', { fileName, size: bytes.byteLength });
  expect(begin.ok, begin.error?.message).toBe(true);
  const { uploadId } = begin.value as { uploadId: string };
  for (let offset = 0; offset < bytes.byteLength; offset += chunk) {
    const sent = await call('import.chunk', { uploadId, offset, bytes: bytes.subarray(offset, offset + chunk) });
    expect(sent.ok, sent.error?.message).toBe(true);
  }
  return uploadId;
}

describe('importing a file sent in chunks', () => {
  it('imports the file, reports progress, and deletes the temporary copy', async () => {
    const bytes = readFileSync(path.join(FIXTURES, 'sentinel-training-lab/office_activity.csv'));
    const uploadId = await upload('office_activity.csv', bytes, 100_000);
    const result = await call('import.finish', { uploadId });
    expect(result).toMatchObject({ ok: true, value: { fileName: 'office_activity.csv', read: 266, inserted: 266, duplicates: 0 } });
    expect(countRecords(store, { kind: 'audit' }).count).toBe(266);
    expect(leftovers()).toEqual([]);
    const uploading = events.filter((e) => e.event === 'import.progress' && e.payload['phase'] === 'uploading');
    expect(uploading.map((e) => e.payload['done'])).toEqual([100_000, 200_000, bytes.byteLength]);
    expect(events.some((e) => e.event === 'import.progress' && e.payload['phase'] === 'importing' && e.payload['records'] === 266)).toBe(true);
    expect(events.at(-1)).toEqual({ event: 'evidence.changed', payload: { profileId: 'p1' } });
    // The ledger and the batch name the user's file, not the temporary one.
    expect(store.db.prepare(`SELECT origin FROM batches ORDER BY id DESC LIMIT 1`).get()).toEqual({ origin: 'office_activity.csv' });

    const again = await call('import.finish', { uploadId: await upload('office_activity.csv', bytes, IMPORT_CHUNK_BYTES) });
    expect(again).toMatchObject({ ok: true, value: { inserted: 0, duplicates: 266 } });
  });

  it('imports nothing from a garbled file, and the error names the file and line', async () => {
    const good = readFileSync(path.join(FIXTURES, 'otrf-m365-atomic/o365spray_default.json'), 'utf8').trim().split('\n');
    const garbled = [...good.slice(0, 3), '{"CreationTime": "2023-07-23T12:13:33", "Operation": oops}', ...good.slice(3)].join('\n');
    const uploadId = await upload('spray.json', new TextEncoder().encode(garbled));
    const result = await call('import.finish', { uploadId });
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('invalid-input');
    expect(result.error?.message).toMatch(/^spray\.json:4: not valid JSON/);
    expect(result.error?.message).not.toContain(dataDir);
    expect(countRecords(store, { kind: 'audit' }).count).toBe(0);
    expect(leftovers()).toEqual([]);
  });

  it('runs two imports finished at once one after the other', async () => {
    const a = await upload('a.json', readFileSync(path.join(FIXTURES, 'otrf-m365-atomic/o365spray_default.json')));
    const b = await upload('b.json', readFileSync(path.join(FIXTURES, 'otrf-m365-atomic/o365spray_reporting.json')));
    const [ra, rb] = await Promise.all([call('import.finish', { uploadId: a }), call('import.finish', { uploadId: b })]);
    expect(ra.ok && rb.ok, `${ra.error?.message} ${rb.error?.message}`).toBe(true);
    expect(countRecords(store, { kind: 'audit' }).count).toBe(20);
  });
});

describe('import channels under bad payloads', () => {
  it('refuses chunks out of order, too large, past the announced size, or not bytes', async () => {
    const begin = await call('import.begin', { fileName: 'x.json', size: 10 });
    const { uploadId } = begin.value as { uploadId: string };
    const chunk = (input: Record<string, unknown>) => call('import.chunk', { uploadId, offset: 0, bytes: new Uint8Array(4), ...input });
    expect((await chunk({ offset: 4 })).error).toMatchObject({ code: 'invalid-input', message: /starts at byte 0, not 4/ });
    expect((await chunk({ bytes: new Uint8Array(11) })).error).toMatchObject({ code: 'invalid-input', message: /more bytes than the 10 announced/ });
    expect((await chunk({ bytes: new Uint8Array(IMPORT_CHUNK_BYTES + 1) })).error).toMatchObject({ code: 'invalid-input', message: /bytes/ });
    expect((await chunk({ bytes: [1, 2, 3] })).error).toMatchObject({ code: 'invalid-input', message: /bytes/ });
    expect((await chunk({ bytes: 'AAAA' })).error).toMatchObject({ code: 'invalid-input' });
    expect((await chunk({})).ok).toBe(true);
    expect((await call('import.finish', { uploadId })).error).toMatchObject({ code: 'invalid-input', message: /only 4 of its 10 bytes arrived/ });
    expect(await call('import.cancel', { uploadId })).toEqual({ ok: true, value: { cancelled: true } });
    expect(leftovers()).toEqual([]);
  });

  it('answers typed errors for unknown uploads, bad sizes and too many at once', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await call('import.chunk', { uploadId: unknown, offset: 0, bytes: new Uint8Array(1) })).error?.code).toBe('not-found');
    expect((await call('import.finish', { uploadId: unknown })).error?.code).toBe('not-found');
    expect((await call('import.finish', { uploadId: '../../etc' })).error?.code).toBe('invalid-input');
    expect((await call('import.begin', { fileName: 'x', size: 0 })).error?.code).toBe('invalid-input');
    expect((await call('import.begin', { fileName: 'x', size: -1 })).error?.code).toBe('invalid-input');
    expect((await call('import.begin', { fileName: '', size: 1 })).error?.code).toBe('invalid-input');
    for (let i = 0; i < 4; i++) expect((await call('import.begin', { fileName: `f${i}`, size: 1 })).ok).toBe(true);
    expect((await call('import.begin', { fileName: 'one too many', size: 1 })).error).toMatchObject({ code: 'not-allowed' });
  });

  it('keeps a hostile file name inside its own folder', async () => {
    for (const name of ['../../.bashrc', '..\\..\\evil.json', '/etc/passwd', '...', 'a\u0000b.json']) {
      const begin = await call('import.begin', { fileName: name, size: 1 });
      expect(begin.ok, `${name}: ${begin.error?.message}`).toBe(true);
      const { uploadId } = begin.value as { uploadId: string };
      expect(await call('import.cancel', { uploadId })).toEqual({ ok: true, value: { cancelled: true } });
    }
    expect(safeFileName('../../.bashrc')).toBe('bashrc');
    expect(safeFileName('..\\..\\evil.json')).toBe('evil.json');
    expect(safeFileName('...')).toBe('upload');
    expect(safeFileName('a\u0000b.json')).toBe('a_b.json');
    expect(readdirSync(dataDir).sort()).toEqual(['imports', 'stores']);
    expect(leftovers()).toEqual([]);
  });
});
