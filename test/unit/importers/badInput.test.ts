import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../main/core/importers/importFile.ts';
import { newStore, tempDir } from '../store/testStore.ts';

const ual = (i: number) =>
  JSON.stringify({ CreationTime: `2023-07-23T06:4${i}:28`, Id: `00000000-0000-0000-0000-00000000000${i}`, Operation: 'Set-Mailbox', RecordType: 1, Workload: 'Exchange', UserId: `u${i}@contoso.com`, ClientIP: '10.0.0.1:443', ResultStatus: 'True' });
const count = (store: ReturnType<typeof newStore>) => (store.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;

describe('bad input', () => {
  it('names the file and line of a garbled NDJSON record, and imports nothing from that file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'ual.json');
    writeFileSync(file, `${ual(1)}\n${ual(2)}\n{"CreationTime": "2023-07-23T06:40:00", "Operation": \n${ual(3)}\n`);
    const store = newStore(dir);
    await expect(importFile(store, file)).rejects.toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3: not valid JSON`));
    expect(count(store)).toBe(0);
    expect(store.db.prepare('SELECT count(*) AS n FROM batches').get()).toEqual({ n: 0 });
  });

  it('with skipBad imports the good records and writes the bad ones with reasons', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'ual.json');
    writeFileSync(file, `${ual(1)}\n${ual(2)}\n{"CreationTime": "2023-07-23T06:40:00", "Operation": \n{"CreationTime":"yesterday","Operation":"X","Id":"a"}\n${ual(3)}\n`);
    const store = newStore(dir);
    const result = await importFile(store, file, { skipBad: true });
    expect(result).toMatchObject({ read: 5, inserted: 3, rejected: 2, rejectsFile: `${file}.rejects.jsonl` });
    const rejects = readFileSync(`${file}.rejects.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number; reason: string; raw: string });
    expect(rejects.map((r) => r.line)).toEqual([3, 4]);
    expect(rejects[0]!.reason).toMatch(/not valid JSON/);
    expect(rejects[1]!.reason).toMatch(/CreationTime is not a time: "yesterday"/);
    expect(rejects[1]!.raw).toContain('yesterday');
    expect(count(store)).toBe(3);
  });

  it('names the line where a truncated JSON array ends', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'signins.json');
    const records = [1, 2, 3].map((i) => ({ id: `s${i}`, createdDateTime: '2024-01-01T00:00:00Z', userPrincipalName: `u${i}@c.com`, ipAddress: '1.2.3.4', status: { errorCode: 0 } }));
    const text = JSON.stringify(records, null, 2);
    writeFileSync(file, text.slice(0, text.length - 40));
    const store = newStore(dir);
    await expect(importFile(store, file)).rejects.toThrow(/signins\.json:\d+: the file ends inside the record that starts at line \d+ \(truncated\?\)/);
    expect(count(store)).toBe(0);
    const partial = await importFile(store, file, { skipBad: true });
    expect(partial.inserted).toBe(2);
    expect(partial.rejected).toBe(1);
  });

  it('names the line of a CSV row with a broken field count or an unclosed quote', async () => {
    const dir = tempDir();
    const header = 'TimeGenerated [UTC],Operation,UserId,ClientIP,OfficeWorkload,OfficeId,Type\n';
    const row = (i: number) => `"4/28/2021, 3:0${i}:26.000 PM",FileAccessed,u${i}@c.com,1.2.3.${i},SharePoint,id-${i},OfficeActivity\n`;
    const fieldCount = path.join(dir, 'fields.csv');
    writeFileSync(fieldCount, header + row(1) + 'x,y\n' + row(2));
    const store = newStore(dir);
    await expect(importFile(store, fieldCount)).rejects.toThrow(/fields\.csv:3: the row has a different number of fields/);
    const unclosed = path.join(dir, 'quote.csv');
    writeFileSync(unclosed, header + row(1) + row(2) + '"4/28/2021, 3:09:26.000 PM,FileAccessed,u9@c.com\n');
    await expect(importFile(store, unclosed)).rejects.toThrow(/quote\.csv:\d+: a quoted field is never closed/);
    expect(count(store)).toBe(0);
    const skipped = await importFile(store, fieldCount, { skipBad: true });
    expect(skipped).toMatchObject({ inserted: 2, rejected: 1 });
  });

  it('refuses records it does not recognize, naming their fields', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'other.json');
    writeFileSync(file, '[{"name": "not a log", "size": 3}]');
    await expect(importFile(newStore(dir), file)).rejects.toThrow(/other\.json:1: not a known audit or sign-in record \(fields: name, size\)/);
  });
});
