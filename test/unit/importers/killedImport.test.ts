import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../main/core/importers/importFile.ts';
import { verifyChain } from '../../../main/core/store/verifyChain.ts';
import { FIXTURES, newStore, tempDir } from '../store/testStore.ts';
import { makeWorld, mulberry32, syntheticAuditRecord, writeJsonl } from '../../../bench/storeSynthetic.ts';

const CHILD = `
import { openStore } from ${JSON.stringify(path.resolve(import.meta.dirname, '../../../main/core/store/openStore.ts'))};
import { importFile } from ${JSON.stringify(path.resolve(import.meta.dirname, '../../../main/core/importers/importFile.ts'))};
import { silentLogger } from ${JSON.stringify(path.resolve(import.meta.dirname, '../../../main/core/log.ts'))};
const [file, input] = process.argv.slice(2);
const store = openStore({ file, key: Buffer.alloc(32, 0x42), log: silentLogger });
await importFile(store, input, { onProgress: (p) => { if (p.records > 0) process.stdout.write('progress ' + p.records + '\\n'); } });
process.stdout.write('finished\\n');
`;

describe('an import killed mid-file', () => {
  it('leaves the store exactly as it was before that file', async () => {
    const dir = tempDir();
    const store = newStore(dir);
    await importFile(store, path.join(FIXTURES, 'otrf-m365-atomic/o365spray_default.json'));
    const before = verifyChain(store);
    store.close();

    const big = path.join(dir, 'big.jsonl');
    const world = makeWorld(7);
    const r = mulberry32(7);
    await writeJsonl(big, 30_000, (i) => syntheticAuditRecord(r, world, i * 10));
    const script = path.join(dir, 'child.ts');
    writeFileSync(script, CHILD);
    const child = spawn(process.execPath, [script, store.file, big], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        output += d.toString();
        if (/progress [1-9]\d{4}/.test(output)) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => resolve());
      child.on('error', reject);
    });
    await new Promise((resolve) => child.once('close', resolve));
    expect(output).not.toContain('finished');

    const reopened = newStore(dir);
    const after = verifyChain(reopened);
    expect(after).toEqual(before);
    expect((reopened.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n).toBe(9);
    // And the file imports whole afterwards.
    const result = await importFile(reopened, big);
    expect(result.inserted).toBe(30_000);
    expect(verifyChain(reopened).ok).toBe(true);
  }, 120_000);
});
