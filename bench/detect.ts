import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateTenant, SCENARIO_NAMES, type Tenant } from '../emulator/tenant/index.ts';
import { saveContextValue } from '../main/core/detect/context/contextStore.ts';
import { runDetections } from '../main/core/detect/engine/runDetections.ts';
import { loadIpGeo } from '../main/core/detect/geo/ipGeo.ts';
import { silentLogger } from '../main/core/log.ts';
import { openStore, type EvidenceStore } from '../main/core/store/openStore.ts';
import { loadTenantIntoStore } from './eval/tenantIntoStore.ts';
import type { BenchRow } from './store.ts';

/** The tenant's facts, as an admin would set them (the rules that need context then run). */
function configureContext(store: EvidenceStore, tenant: Tenant): void {
  saveContextValue(store, 'trustedNetworks', tenant.info.trustedNetworks);
  saveContextValue(store, 'homeCountries', [...new Set(tenant.users.filter((u) => u.kind === 'member' || u.kind === 'admin').map((u) => u.countryCode))]);
  saveContextValue(store, 'admins', tenant.users.filter((u) => u.kind === 'admin').map((u) => u.userPrincipalName));
  saveContextValue(store, 'automationAccounts', tenant.users.filter((u) => u.kind === 'service').map((u) => u.userPrincipalName));
  saveContextValue(store, 'organizationDomains', tenant.info.verifiedDomains);
}

/**
 * Every detection rule over 1,000,000 sign-ins plus 1,000,000 audit records (WARDEN_BENCH_DETECT_RECORDS per
 * kind). The records are the emulator's synthetic tenant (every attack scenario injected, ordinary activity
 * around it), stored the way a collection stores them: realistic data matters here, since the cost of a run
 * grows with the findings it stores, and uniformly random records would make most sign-ins look like attacks.
 * Measured: a full run from nothing, an incremental run with nothing new, and one after a small addition.
 */
export async function runDetectBench(log: (line: string) => void = console.error): Promise<BenchRow[]> {
  const perKind = Number(process.env['WARDEN_BENCH_DETECT_RECORDS'] ?? 1_000_000);
  const users = Number(process.env['WARDEN_BENCH_DETECT_USERS'] ?? 12_500);
  const dir = mkdtempSync(path.join(tmpdir(), 'warden-bench-detect-'));
  const rows: BenchRow[] = [];
  const end = new Date(Date.UTC(2026, 5, 1));
  try {
    log(`detections: a tenant of ${users.toLocaleString('en-US')} users with every scenario (seed bench-detect)`);
    const tenant = generateTenant({ seed: 'bench-detect', users, days: 30, end, scenarios: [...SCENARIO_NAMES] });
    const store = openStore({ file: path.join(dir, 'bench.sqlite'), key: randomBytes(32), log: silentLogger });
    try {
      log(`detections: storing ${perKind.toLocaleString('en-US')} sign-ins and ${perKind.toLocaleString('en-US')} audit records`);
      loadTenantIntoStore(tenant, store, undefined, { signIns: perKind, auditRecords: perKind, directoryAudits: 0 });
      const counts = store.db.prepare(`SELECT kind, count(*) AS n FROM records GROUP BY kind`).all() as { kind: string; n: number }[];
      rows.push({ name: 'records in the store', value: counts.map((c) => `${c.n.toLocaleString('en-US')} ${c.kind}`).join(', ') });
      store.db.pragma('wal_checkpoint(TRUNCATE)');
      configureContext(store, tenant);
      // The offline IP databases load once per process (the AS table in about a second); that is not per run.
      const geo = await loadIpGeo();
      geo.asn('8.8.8.8');

      log('detections: full run');
      const full = await runDetections(store, { full: true });
      const findings = full.rules.reduce((n, r) => n + r.created, 0);
      const total = counts.reduce((n, c) => n + c.n, 0);
      rows.push({
        name: `all ${full.rules.length} rules, full run`,
        value: `${(full.ms / 1000).toFixed(2)} s over ${total.toLocaleString('en-US')} records (${findings.toLocaleString('en-US')} findings)`,
        target: '< 10 s for 1,000,000 + 1,000,000',
        ok: full.ms < 10_000 && total >= 2 * 1_000_000,
      });
      const slowest = [...full.rules].sort((a, b) => b.ms - a.ms).slice(0, 4);
      rows.push({ name: 'slowest rules (sign-in rules share one pass and show its time)', value: slowest.map((r) => `${r.ruleId} ${(r.ms / 1000).toFixed(2)} s`).join(', ') });
      const most = [...full.rules].sort((a, b) => b.created - a.created).slice(0, 4);
      rows.push({ name: 'rules with the most findings', value: most.map((r) => `${r.ruleId} ${r.created.toLocaleString('en-US')}`).join(', ') });
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

      const more = generateTenant({ seed: 'bench-detect-more', users: 200, days: 1, end, scenarios: [] });
      const added = loadTenantIntoStore(more, store, undefined, { signIns: 1000, auditRecords: 0, directoryAudits: 0 });
      const incremental = await runDetections(store);
      rows.push({ name: `incremental run after ${added.toLocaleString('en-US')} new sign-ins`, value: `${(incremental.ms / 1000).toFixed(2)} s` });
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
