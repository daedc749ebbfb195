import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WardenError } from '../../../shared/errors.ts';
import type { Logger } from '../log.ts';
import { openStore, type EvidenceStore } from '../store/openStore.ts';
import { deriveCaseKey } from './caseKey.ts';
import { CASE_MAGIC, CaseManifest } from './caseManifest.ts';
import { sha256File } from './exportCaseFile.ts';

export interface OpenedCase {
  manifest: CaseManifest;
  store: EvidenceStore;
  /** Closes the store and removes the (still encrypted) working copy. */
  close(): void;
}

/** Reads only the plaintext manifest (no passphrase needed). */
export function readCaseManifest(file: string): { manifest: CaseManifest; dataOffset: number } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new WardenError('not-found', `${file}: no such file.`);
    throw error;
  }
  try {
    const head = Buffer.alloc(CASE_MAGIC.length + 4);
    if (readSync(fd, head, 0, head.length, 0) !== head.length || !head.subarray(0, CASE_MAGIC.length).equals(CASE_MAGIC)) {
      throw new WardenError('invalid-input', `${file} is not a Warden case file.`);
    }
    const length = head.readUInt32BE(CASE_MAGIC.length);
    if (length > 1_000_000) throw new WardenError('invalid-input', `${file}: the case manifest is damaged.`);
    const json = Buffer.alloc(length);
    readSync(fd, json, 0, length, head.length);
    let parsed: unknown;
    try {
      parsed = JSON.parse(json.toString('utf8'));
    } catch {
      throw new WardenError('invalid-input', `${file}: the case manifest is damaged.`);
    }
    const manifest = CaseManifest.safeParse(parsed);
    if (!manifest.success) throw new WardenError('invalid-input', `${file}: the case manifest is not one this Warden reads.`);
    return { manifest: manifest.data, dataOffset: head.length + length };
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens a case file offline: checks the database bytes against the manifest's SHA-256, derives the
 * key from the passphrase, and opens the store read-only from a private working copy (still
 * encrypted). A wrong passphrase gives a clear error.
 */
export async function openCaseFile(file: string, passphrase: string, log: Logger): Promise<OpenedCase> {
  const { manifest, dataOffset } = readCaseManifest(file);
  const work = mkdtempSync(path.join(tmpdir(), 'warden-case-'));
  const copy = path.join(work, 'case.sqlite');
  try {
    const input = openSync(file, 'r');
    const output = openSync(copy, 'w', 0o600);
    try {
      const buffer = Buffer.alloc(1 << 20);
      let position = dataOffset;
      for (;;) {
        const n = readSync(input, buffer, 0, buffer.length, position);
        if (n === 0) break;
        writeSync(output, buffer, 0, n);
        position += n;
      }
    } finally {
      closeSync(input);
      closeSync(output);
    }
    const sha256 = await sha256File(copy);
    if (sha256 !== manifest.database.sha256) {
      throw new WardenError('invalid-input', `${file}: the database does not match its manifest (SHA-256 differs): the case file was changed or damaged.`);
    }
    const key = await deriveCaseKey(passphrase, manifest.kdf);
    let store: EvidenceStore;
    try {
      store = openStore({ file: copy, key, log, readonly: true });
    } catch (error) {
      if (error instanceof WardenError && error.code === 'not-allowed') throw new WardenError('not-allowed', `${file}: wrong passphrase, or the case file is damaged.`);
      throw error;
    }
    const inner = store.db.prepare(`SELECT value FROM meta WHERE key = 'case_manifest'`).get() as { value: string } | undefined;
    const { database: _database, ...outer } = manifest;
    if (!inner || canonicalJson(JSON.parse(inner.value)) !== canonicalJson(outer)) {
      store.close();
      throw new WardenError('invalid-input', `${file}: the plaintext manifest differs from the one sealed inside the case.`);
    }
    return {
      manifest,
      store,
      close() {
        store.close();
        rmSync(work, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

/** JSON with object keys sorted, to compare two manifests whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
