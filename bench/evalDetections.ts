// `npm run eval:detections`: the detections' quality gate. Generates synthetic tenants with every emulator
// scenario on seeds chosen at run time (printed; set EVAL_SEEDS=a,b,c to replay), feeds each tenant's whole
// history through the importers' mappers and BatchWriter into a temporary encrypted store (the collection
// path), runs every rule, and prints per rule its recall and precision against the tenant's ground-truth labels.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateTenant, SCENARIO_NAMES, type Label, type ScenarioName, type Tenant } from '../emulator/tenant/index.ts';
import { saveContextValue } from '../main/core/detect/context/contextStore.ts';
import { runDetections } from '../main/core/detect/engine/runDetections.ts';
import { ALL_RULES } from '../main/core/detect/rules/index.ts';
import { silentLogger } from '../main/core/log.ts';
import { openStore, type EvidenceStore } from '../main/core/store/openStore.ts';
import { findingMatchesLabel, type EvaluatedFinding } from './eval/labelMatching.ts';
import { loadTenantIntoStore } from './eval/tenantIntoStore.ts';

/** The scenario(s) each rule is meant to find. Rules not listed have no emulator scenario (reported, not gated). */
export const RULE_SCENARIOS: Record<string, readonly ScenarioName[]> = {
  'password-spray': ['password-spray'],
  'brute-force': ['brute-force'],
  'impossible-travel': ['impossible-travel'],
  'new-country-or-network': ['new-country'],
  'mfa-fatigue': ['mfa-fatigue'],
  'legacy-protocol-signin': ['legacy-protocol-signin'],
  'disabled-account-signin': ['disabled-account-signin'],
  'device-code-signin': ['device-code-phishing'],
  'session-replayed': ['token-replay'],
  'admin-outside-trusted-network': ['admin-signin-untrusted-network'],
  'automation-account-anomaly': ['automation-account-interactive'],
  'suspicious-inbox-rule': ['malicious-inbox-rule'],
  'mail-forwarding-set': ['mailbox-forwarding'],
  'mailbox-permission-granted': ['fullaccess-grant', 'sendas-grant'],
  'role-group-member-added': ['role-group-escalation'],
  'directory-role-added': ['global-admin-added'],
  'mfa-weakened': ['per-user-mfa-disabled'],
  'audit-log-disabled': ['unified-audit-log-disabled'],
  'mailbox-audit-bypass': ['mailbox-audit-bypass'],
  'audit-log-age-limit-shortened': ['audit-log-age-limit-shortened'],
  'pop-imap-enabled': ['pop-imap-enabled'],
  'app-credential-added': ['application-secret-added'],
  'risky-consent-granted': ['consent-grant'],
  'mail-items-accessed-burst': ['mass-mail-items-accessed'],
};

/**
 * Scenarios whose labelled records a rule also finds, by what it is: declared here (with the reason), so a
 * finding on them counts as right in `prec` rather than as a false alarm; `own` precision is printed too.
 */
export const ALSO_FINDS: Record<string, { scenarios: readonly ScenarioName[]; why: string }> = {
  'new-country-or-network': {
    scenarios: ['token-replay', 'device-code-phishing', 'legacy-protocol-signin', 'mass-mail-items-accessed', 'mfa-fatigue', 'impossible-travel'],
    why: "in these the attacker signs in to the victim's account from a network (or country) the victim never used, on a device the victim never used",
  },
};

const TARGET_RECALL = 0.95;
const TARGET_PRECISION = 0.9;
const USERS = Number(process.env['EVAL_USERS'] ?? 300);
const DAYS = Number(process.env['EVAL_DAYS'] ?? 21);

interface Tally {
  labels: number;
  found: number;
  findings: number;
  ownMatches: number;
  declaredMatches: number;
  anyMatches: number;
  misses: string[];
  falseAlarms: string[];
}

/** What a person would configure in Warden for this tenant: its office networks, countries, administrators, service accounts. */
function configureContext(store: EvidenceStore, tenant: Tenant): void {
  saveContextValue(store, 'trustedNetworks', tenant.info.trustedNetworks);
  saveContextValue(store, 'homeCountries', [...new Set(tenant.users.filter((u) => u.kind === 'member' || u.kind === 'admin').map((u) => u.countryCode))]);
  saveContextValue(
    store,
    'admins',
    tenant.users.filter((u) => u.kind === 'admin').map((u) => u.userPrincipalName),
  );
  saveContextValue(
    store,
    'automationAccounts',
    tenant.users.filter((u) => u.kind === 'service').map((u) => u.userPrincipalName),
  );
  saveContextValue(store, 'organizationDomains', tenant.info.verifiedDomains);
}

function evaluatedFindings(store: EvidenceStore): EvaluatedFinding[] {
  const rows = store.db.prepare(`SELECT id, rule_id, user_upn, actor_upn, first_ms, last_ms FROM findings WHERE status = 'active'`).all() as Record<
    string,
    unknown
  >[];
  const sources = store.db.prepare('SELECT r.source_id AS s FROM finding_evidence e JOIN records r ON r.id = e.record_id WHERE e.finding_id = ?');
  return rows.map((r) => ({
    id: r['id'] as number,
    ruleId: r['rule_id'] as string,
    user: r['user_upn'] as string | null,
    actor: r['actor_upn'] as string | null,
    firstMs: r['first_ms'] as number | null,
    lastMs: r['last_ms'] as number | null,
    sourceIds: new Set((sources.all(r['id']) as { s: string | null }[]).map((x) => x.s).filter((s): s is string => s !== null)),
  }));
}

async function evaluateSeed(seed: string, tallies: Map<string, Tally>): Promise<void> {
  const t0 = performance.now();
  const end = new Date(Date.UTC(2026, 5, 1));
  const tenant = generateTenant({ seed, users: USERS, days: DAYS, end, scenarios: [...SCENARIO_NAMES] });
  const dir = mkdtempSync(path.join(tmpdir(), 'warden-eval-'));
  const store = openStore({ file: path.join(dir, 'eval.sqlite'), key: randomBytes(32), log: silentLogger });
  try {
    const records = loadTenantIntoStore(tenant, store);
    configureContext(store, tenant);
    const t1 = performance.now();
    const run = await runDetections(store, { full: true });
    const findings = evaluatedFindings(store);
    process.stderr.write(
      `seed ${seed}: ${tenant.labels.length} labels, ${records} records loaded in ${((t1 - t0) / 1000).toFixed(1)} s, rules ran in ${(run.ms / 1000).toFixed(1)} s, ${findings.length} findings\n`,
    );
    for (const rule of ALL_RULES) {
      const own = RULE_SCENARIOS[rule.id] ?? [];
      const tally = tallies.get(rule.id)!;
      const ownLabels = tenant.labels.filter((l) => own.includes(l.scenario));
      const mine = findings.filter((f) => f.ruleId === rule.id);
      tally.labels += ownLabels.length;
      for (const label of ownLabels) {
        if (mine.some((f) => findingMatchesLabel(f, label))) tally.found++;
        else tally.misses.push(`${seed}:${label.id}`);
      }
      tally.findings += mine.length;
      for (const f of mine) {
        const matched: Label[] = tenant.labels.filter((l) => findingMatchesLabel(f, l));
        const also = ALSO_FINDS[rule.id]?.scenarios ?? [];
        if (matched.some((l) => own.includes(l.scenario))) tally.ownMatches++;
        if (matched.some((l) => own.includes(l.scenario) || also.includes(l.scenario))) tally.declaredMatches++;
        if (matched.length > 0) tally.anyMatches++;
        else tally.falseAlarms.push(`${seed}:#${f.id}`);
      }
    }
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const seeds =
  process.env['EVAL_SEEDS']?.split(',').filter(Boolean) ??
  Array.from({ length: Number(process.env['EVAL_SEED_COUNT'] ?? 3) }, () => randomBytes(4).toString('hex'));
process.stdout.write(
  `Detections quality gate: seeds ${seeds.join(', ')} (chosen at run time; replay with EVAL_SEEDS=${seeds.join(',')}), ${USERS} users, ${DAYS} days, every scenario.\n`,
);
const tallies = new Map<string, Tally>(
  ALL_RULES.map((r) => [r.id, { labels: 0, found: 0, findings: 0, ownMatches: 0, declaredMatches: 0, anyMatches: 0, misses: [], falseAlarms: [] }]),
);
for (const seed of seeds) await evaluateSeed(seed, tallies);

const pct = (n: number, d: number) => (d === 0 ? '   -  ' : (n / d).toFixed(3).padStart(6));
let failed = 0;
process.stdout.write(
  `\n${'rule'.padEnd(32)} ${'labels'.padStart(6)} ${'recall'.padStart(6)} ${'found'.padStart(8)} ${'prec'.padStart(6)} ${'own'.padStart(6)} ${'prec*'.padStart(6)}  verdict\n`,
);
for (const rule of ALL_RULES) {
  const t = tallies.get(rule.id)!;
  const gated = (RULE_SCENARIOS[rule.id] ?? []).length > 0;
  const recall = t.labels === 0 ? 1 : t.found / t.labels;
  const precision = t.findings === 0 ? 1 : t.declaredMatches / t.findings;
  const ok = !gated || (recall >= TARGET_RECALL && precision >= TARGET_PRECISION && t.labels > 0);
  if (!ok) failed++;
  process.stdout.write(
    `${rule.id.padEnd(32)} ${String(t.labels).padStart(6)} ${pct(t.found, t.labels)} ${String(t.findings).padStart(8)} ${pct(t.declaredMatches, t.findings)} ${pct(t.ownMatches, t.findings)} ${pct(t.anyMatches, t.findings)}  ${gated ? (ok ? 'ok' : 'MISSED') : 'no scenario'}\n`,
  );
  if (!ok || process.env['EVAL_VERBOSE']) {
    if (t.misses.length) process.stdout.write(`    missed labels: ${t.misses.slice(0, 10).join(', ')}\n`);
    if (t.falseAlarms.length) process.stdout.write(`    findings matching no label: ${t.falseAlarms.slice(0, 10).join(', ')}\n`);
  }
}
process.stdout.write(
  `\nrecall: labels of the rule's own scenario found / labels; prec: findings matching a label of the rule's own scenario, or of a\n` +
    `scenario it declares it also finds (ALSO_FINDS, with the reason) / findings; own: the same with its own scenario only; prec*: findings\n` +
    `matching any attack label / findings (a finding matching no label is a false alarm). Gated: recall >= ${TARGET_RECALL}, prec >= ${TARGET_PRECISION}.\n` +
    Object.entries(ALSO_FINDS)
      .map(([id, a]) => `${id} also finds ${a.scenarios.join(', ')}: ${a.why}.\n`)
      .join('') +
    `${failed === 0 ? 'All gated rules met the targets.' : `${failed} rules missed the targets.`}\n`,
);
process.exitCode = failed === 0 ? 0 : 1;
