import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const copy = path.resolve(import.meta.dirname, '../fixtures/real');
const handbook = path.resolve(import.meta.dirname, '../../../shared/fixtures/real');

function hashes(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(root, file)] = createHash('sha256').update(readFileSync(file)).digest('hex');
  }
  return out;
}

describe('the real-log fixtures', () => {
  it('are all present in the repository copy (18 exports and PROVENANCE.md)', () => {
    expect(Object.keys(hashes(copy)).length).toBe(19);
  });

  // The handbook sits beside a developer's checkout; a CI clone may not have it.
  it.runIf(existsSync(handbook))('are byte-identical to the handbook', () => {
    expect(hashes(copy)).toEqual(hashes(handbook));
  });
});
