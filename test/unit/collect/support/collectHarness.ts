import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { RunningEmulator } from '../../../../emulator/index.ts';
import type { AuditRecord } from '../../../../emulator/tenant/model.ts';
import { storeLocationFor } from '../../../../main/core/evidenceStores.ts';
import { silentLogger } from '../../../../main/core/log.ts';
import { ProfileRegistry } from '../../../../main/core/profiles/profileRegistry.ts';
import { listLedgerWindows, type LedgerWindow } from '../../../../main/core/store/ledger.ts';
import { openStore, type EvidenceStore } from '../../../../main/core/store/openStore.ts';
import { openVault } from '../../../../main/core/vault/secretVault.ts';
import { runWarden, type WardenRun } from '../../support/runWarden.ts';

export const HOUR_MS = 3_600_000;

/** The `--json` result of `warden collect`. */
export interface CollectResult {
  job: number;
  status: string;
  records: number;
  missing: Array<{ what: string; reason: string }>;
  summary: {
    received: number;
    inserted: number;
    duplicates: number;
    windows: Record<string, number>;
    sources: Record<string, { received: number; inserted: number }>;
  } | null;
  openWindows: Array<{ source: string; start: string; end: string; status: string; expected: number | null; received: number; detail: string | null }>;
  openWindowCount: number;
}

/** Runs `warden` against one emulator, each test in a data folder of its own, signed in as the automation app. */
export function collectHarness(emulator: () => RunningEmulator, vaultService: string) {
  const env = { WARDEN_VAULT_SERVICE: vaultService };
  let template: Promise<string> | null = null;
  const signIn = async (): Promise<string> => {
    const info = emulator().info;
    const dataDir = mkdtempSync(path.join(tmpdir(), 'warden-collect-'));
    const add = await runWarden(['--data-dir', dataDir, 'tenant', 'add', 'emu', '--emulator', JSON.stringify(info)], { env });
    expect(add.code, add.stderr).toBe(0);
    const pem = path.join(dataDir, 'automation.pem');
    writeFileSync(pem, readFileSync(info.app.certPem, 'utf8') + readFileSync(info.app.keyPem, 'utf8'));
    const login = await runWarden(['--data-dir', dataDir, 'login', '--app', '--cert', pem, '--client-id', info.app.clientId], { env });
    expect(login.code, login.stderr).toBe(0);
    return dataDir;
  };
  return {
    env,
    /**
     * A data folder with the emulator as the active tenant, signed in as the automation app, and no evidence
     * store yet. The sign-in is done once and its folder copied: the copies share the profile (and so its
     * secrets in the vault) but each gets a store of its own.
     */
    async signedInDataDir(): Promise<string> {
      template ??= signIn();
      const dataDir = mkdtempSync(path.join(tmpdir(), 'warden-collect-'));
      cpSync(await template, dataDir, { recursive: true });
      return dataDir;
    },
    async collect(dataDir: string, args: string[], extraEnv: Record<string, string> = {}, timeoutMs = 240_000): Promise<WardenRun & { result: CollectResult }> {
      const run = await runWarden(['--data-dir', dataDir, '--json', 'collect', ...args, '--app'], { env: { ...env, ...extraEnv }, timeoutMs });
      let result: CollectResult;
      try {
        result = run.json<CollectResult>();
      } catch {
        throw new Error(`warden collect ${args.join(' ')} printed no result (exit ${run.code}):\n${run.stderr.slice(-3000)}`);
      }
      return Object.assign(run, { result });
    },
    /** The data folder's evidence store, opened (read-only unless `write`) with the key from the OS vault. */
    async withStore<T>(dataDir: string, read: (store: EvidenceStore) => T, options: { write?: boolean } = {}): Promise<T> {
      const profile = (await ProfileRegistry.open(dataDir)).active();
      if (!profile) throw new Error('no active profile');
      const location = await storeLocationFor(profile, dataDir, await openVault({ service: vaultService }));
      let store: EvidenceStore;
      try {
        store = openStore({ file: location.file, key: location.key, log: silentLogger, readonly: options.write !== true, mustExist: true });
      } catch (error) {
        const { readdirSync, statSync } = await import('node:fs');
        const dir = path.dirname(location.file);
        throw new Error(
          `${(error as Error).message} [${readdirSync(dir)
            .map((f) => `${f}:${statSync(path.join(dir, f)).size}`)
            .join(', ')}]`,
        );
      }
      try {
        return read(store);
      } finally {
        store.close();
      }
    },
  };
}

/** How many rows the store holds per source id, for one kind of record (with a time in [fromMs, toMs) when given). */
export function storedIds(
  store: EvidenceStore,
  kind: 'audit' | 'signin',
  range: { fromMs?: number; toMs?: number; format?: string } = {},
): Map<string, number> {
  const rows = store.db
    .prepare(
      `SELECT source_id AS id, COUNT(*) AS n FROM records WHERE kind = ? AND time_ms >= ? AND time_ms < ? AND (? IS NULL OR format = ?) GROUP BY source_id`,
    )
    .all(kind, range.fromMs ?? -8.64e15, range.toMs ?? 8.64e15, range.format ?? null, range.format ?? null) as { id: string; n: number }[];
  return new Map(rows.map((r) => [r.id.toLowerCase(), r.n]));
}

/** Every record of `truth` is stored exactly once, and nothing else of that kind is. */
export function expectExactlyOnce(stored: Map<string, number>, truth: readonly string[]): void {
  const expected = new Set(truth.map((id) => id.toLowerCase()));
  expect(expected.size, 'ground truth ids are unique').toBe(truth.length);
  const missing = [...expected].filter((id) => !stored.has(id));
  const twice = [...stored].filter(([, n]) => n !== 1);
  const extra = [...stored.keys()].filter((id) => !expected.has(id));
  expect({ missing: missing.slice(0, 5), missingCount: missing.length, twice: twice.slice(0, 5), extra: extra.slice(0, 5), extraCount: extra.length }).toEqual({
    missing: [],
    missingCount: 0,
    twice: [],
    extra: [],
    extraCount: 0,
  });
}

/** CreationTime (UTC, no zone) as epoch ms. */
export function creationMs(record: AuditRecord): number {
  return Date.parse(`${record.CreationTime}Z`);
}

export function ledger(store: EvidenceStore, source?: string): LedgerWindow[] {
  return listLedgerWindows(store, source ? { source } : {});
}
