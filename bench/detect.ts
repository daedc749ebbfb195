import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { saveContextValue } from '../main/core/detect/context/contextStore.ts';
import { runDetections } from '../main/core/detect/engine/runDetections.ts';
import { loadIpGeo } from '../main/core/detect/geo/ipGeo.ts';
import { importFile } from '../main/core/importers/importFile.ts';
import { silentLogger } from '../main/core/log.ts';
import { openStore } from '../main/core/store/openStore.ts';
import type { BenchRow } from './store.ts';
import { makeWorld, mulberry32, syntheticAuditRecord, syntheticSignIn, writeJsonl } from './storeSynthetic.ts';

/**
 * Every detection rule over 1,000,000 sign-ins plus 1,000,000 audit records (the store benchmark's
 * seeded synthetic data, WARDEN_BENCH_RECORDS per kind), with the context set so that every rule
 * runs: a full run from nothing, an incremental run with nothing new, and one after a small import.
 */
export async function runDetectBench(log: (line: string) => void = console.error): Promise<BenchRow[]> {
  const perKind = Number(process.env['WARDEN_BENCH_RECORDS'] ?? 1_000_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'warden-bench-detect-'));
  const rows: BenchRow[] = [];
  try {
    const world = makeWorld(42);
    const auditFile = path.join(dir, 'audit.jsonl');
    const signinFile = path.join(dir, 'signins.jsonl');
    log(`detections: generating ${perKind} audit records and ${perKind} sign-ins (seed 42)`);
    const ra = mulberry32(1);
    const rs = mulberry32(2);
    await writeJsonl(auditFile, perKind, (i) => syntheticAuditRecord(ra, world, (i * 1_000_000) / perKind));
    await writeJsonl(signinFile, perKind, (i) => syntheticSignIn(rs, world, (i * 1_000_000) / perKind));
    const store = openStore({ file: path.join(dir, 'bench.sqlite'), key: Buffer.alloc(32, 0x5a), log: silentLogger });
    try {
      log('detections: importing');
      await importFile(store, auditFile);
      await importFile(store, signinFile);
      store.db.pragma('wal_checkpoint(TRUNCATE)');
      saveContextValue(store, 'trustedNetworks', ['20.0.0.0/8', '2a01:110::/32']);
      saveContextValue(store, 'homeCountries', ['US', 'GB']);
      saveContextValue(store, 'admins', world.users.slice(0, 20));
      saveContextValue(store, 'automationAccounts', world.users.slice(20, 25));
      // The offline IP databases load once per process (the AS table in about a second); that is not per run.
      const geo = await loadIpGeo();
      geo.asn('8.8.8.8');

      log('detections: full run');
      const full = await runDetections(store, { full: true });
      const findings = full.rules.reduce((n, r) => n + r.created, 0);
      const slowest = [...full.rules].sort((a, b) => b.ms - a.ms).slice(0, 4);
      rows.push({
        name: `all ${full.rules.length} rules, full run over ${(2 * perKind).toLocaleString('en-US')} records`,
        value: `${(full.ms / 1000).toFixed(2)} s (${findings.toLocaleString('en-US')} findings)`,
        target: '< 10 s for 1,000,000 + 1,000,000',
        ok: full.ms < 10_000,
      });
      rows.push({ name: 'slowest rules in that run', value: slowest.map((r) => `${r.ruleId} ${(r.ms / 1000).toFixed(2)} s`).join(', ') });
      rows.push({
        name: 'rules that did not run',
        value:
          full.rules
            .filter((r) => !r.ran)
            .map((r) => `${r.ruleId} (${r.skipped})`)
            .join(', ') || 'none',
      });

      const idle = await runDetections(store);
      rows.push({ name: 'incremental run, nothing new', value: `${idle.ms.toFixed(0)} ms` });

      const small = path.join(dir, 'small.jsonl');
      const rx = mulberry32(3);
      await writeJsonl(small, 1000, (i) => syntheticSignIn(rx, world, 999_000 + i));
      await importFile(store, small);
      const incremental = await runDetections(store);
      rows.push({ name: 'incremental run after 1,000 new sign-ins', value: `${(incremental.ms / 1000).toFixed(2)} s` });
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
