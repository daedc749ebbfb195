import { createHash, randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { WardenError } from '../../../shared/errors.ts';
import { applyKey, STORE_PAGE_SIZE, type EvidenceStore } from '../store/openStore.ts';
import { CASE_KDF, deriveCaseKey, newSalt } from './caseKey.ts';
import { CASE_MAGIC, type CaseManifest } from './caseManifest.ts';

export interface CaseExportOptions {
  file: string;
  passphrase: string;
  /** The store's own key, to open the copy and re-key it. */
  storeKey: Buffer;
  profileName?: string | null;
}

export const MIN_PASSPHRASE_LENGTH = 12;

/**
 * Writes a case file: a consistent encrypted copy of the store (VACUUM INTO), re-keyed with a key
 * derived from the passphrase, behind a plaintext manifest (counts, hashes, KDF parameters). The
 * manifest is also written beside it as FILE.manifest.json for the chain-of-custody record.
 * Nothing unencrypted touches the disk: the copy is encrypted from its first page.
 */
export async function exportCaseFile(store: EvidenceStore, options: CaseExportOptions): Promise<CaseManifest> {
  if (options.passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new WardenError('invalid-input', `The case passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  }
  const work = mkdtempSync(path.join(path.dirname(path.resolve(options.file)), '.warden-case-'));
  const copy = path.join(work, 'case.sqlite');
  try {
    const { db } = store;
    const counts = db.prepare(`SELECT kind, format, count(*) AS n FROM records GROUP BY kind, format`).all() as { kind: string; format: string; n: number }[];
    const chain = db.prepare('SELECT count(*) AS batches, (SELECT hash FROM batches ORDER BY id DESC LIMIT 1) AS head FROM batches').get() as { batches: number; head: Buffer | null };
    db.prepare('VACUUM INTO ?').run(copy);

    const salt = newSalt();
    const key = await deriveCaseKey(options.passphrase, { ...CASE_KDF, salt });
    const byFormat: Record<string, number> = {};
    let audit = 0;
    let signin = 0;
    for (const c of counts) {
      byFormat[c.format] = (byFormat[c.format] ?? 0) + c.n;
      if (c.kind === 'audit') audit += c.n;
      else signin += c.n;
    }
    const partial: Omit<CaseManifest, 'database'> = {
      format: 'warden-case-v1',
      createdAt: new Date().toISOString(),
      storeId: store.storeId,
      profile: options.profileName ?? null,
      kdf: { ...CASE_KDF, salt },
      cipher: `SQLCipher 4 (AES-256-CBC, HMAC-SHA512), page size ${STORE_PAGE_SIZE}`,
      records: { total: audit + signin, audit, signin, byFormat },
      chain: { batches: chain.batches, headHash: chain.head ? chain.head.toString('hex') : null },
    };
    const caseDb = new Database(copy, { fileMustExist: true });
    try {
      applyKey(caseDb, options.storeKey);
      caseDb.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch {
      caseDb.close();
      throw new WardenError('internal', 'Could not open the store copy to re-key it.');
    }
    caseDb.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('case_manifest', ?)`).run(JSON.stringify(partial));
    caseDb.pragma('journal_mode = DELETE');
    caseDb.pragma(`rekey="x'${key.toString('hex')}'"`);
    caseDb.close();

    const dbBytes = statSync(copy).size;
    const sha256 = await sha256File(copy);
    const manifest: CaseManifest = { ...partial, database: { bytes: dbBytes, sha256 } };
    const header = Buffer.from(JSON.stringify(manifest), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(header.length);
    const staging = path.join(work, `${randomUUID()}.case`);
    const out = openSync(staging, 'w', 0o600);
    try {
      writeSync(out, CASE_MAGIC);
      writeSync(out, length);
      writeSync(out, header);
      const input = openSync(copy, 'r');
      const buffer = Buffer.alloc(1 << 20);
      for (;;) {
        const n = readSync(input, buffer, 0, buffer.length, null);
        if (n === 0) break;
        writeSync(out, buffer, 0, n);
      }
      closeSync(input);
    } finally {
      closeSync(out);
    }
    renameSync(staging, options.file);
    writeFileSync(`${options.file}.manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o644 });
    return manifest;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

export function defaultCaseWorkDir(): string {
  return tmpdir();
}
