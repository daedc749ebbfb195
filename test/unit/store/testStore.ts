import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../main/core/log.ts';
import { openStore, type EvidenceStore } from '../../../main/core/store/openStore.ts';

// A byte-identical copy of the handbook's real public log exports (see test/fixtures/real/PROVENANCE.md),
// kept in the repository so a clean clone tests on them too.
export const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/real');
export const TEST_KEY = Buffer.alloc(32, 0x42);

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'warden-store-'));
}

export function newStore(dir = tempDir(), key = TEST_KEY): EvidenceStore {
  return openStore({ file: path.join(dir, 'stores', 'test.sqlite'), key, log: silentLogger });
}

/** Every fixture file, relative to FIXTURES. */
export function fixtureFiles(): string[] {
  const files: string[] = [];
  for (const dir of readdirSync(FIXTURES, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of readdirSync(path.join(FIXTURES, dir.name))) files.push(`${dir.name}/${f}`);
  }
  return files.sort();
}
