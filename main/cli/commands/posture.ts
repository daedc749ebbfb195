import type { Command } from 'commander';
import type { PostureCheckResult, PostureReport } from '../../../shared/model/posture.ts';
import { storeLocationFor } from '../../core/evidenceStores.ts';
import { evaluatePosture } from '../../core/posture/evaluatePosture.ts';
import { openStore } from '../../core/store/openStore.ts';
import type { CliContext } from '../context.ts';
import { ExitCode } from '../exitCodes.ts';
import { reportJobOutcome, runJobToEnd } from '../jobRunner.ts';
import { withEvidenceStore } from './evidenceStore.ts';
import { describeJob, inventoryResult } from './inventory.ts';

const MARK: Record<PostureCheckResult['status'], string> = { pass: 'PASS', fail: 'FAIL', unknown: '????' };

function describeReport(profile: string, report: PostureReport): string {
  const lines = [
    `Posture of ${profile}: ${report.score === null ? 'no score (no check could be answered)' : `score ${report.score}/100`}; ${report.passed} passed, ${report.failed} failed, ${report.unknown} unknown (not in the score)`,
    '',
  ];
  const width = Math.max(...report.checks.map((c) => c.id.length));
  for (const c of report.checks) {
    lines.push(`${MARK[c.status]}  ${c.id.padEnd(width)}  ${c.severity.padEnd(8)}  ${c.scubaGear ?? '-'.padEnd(13)}  ${c.title}`);
    if (c.status === 'pass') continue;
    lines.push(`      why: ${c.why}`);
    if (c.toKnow) lines.push(`      to know: ${c.toKnow}`);
    if (c.status === 'fail') lines.push(`      fix: ${c.fix}`);
    for (const e of c.evidence.slice(0, 3)) lines.push(`      record ${e.recordId}${e.sourceId ? ` (${e.sourceId})` : ''}: ${e.time ?? '(no time)'} ${e.operation ?? ''} by ${e.actor ?? 'unknown'}: ${e.detail}`);
    if (c.evidenceTotal > 3) lines.push(`      … ${c.evidenceTotal - 3} more records (--json lists up to ${c.evidence.length})`);
  }
  return lines.join('\n');
}

/**
 * `warden posture [--profile NAME]`: the posture checks over a tenant's store (offline), as a table or, with
 * --json, the whole report. Exit code 0 when every check that could be answered passed (unknowns are listed,
 * never passed), 5 (`ExitCode.checksFailed`) when any check failed.
 * `warden posture collect [--app]`: the inventory of the settings only the posture checks read
 * (Get-TransportConfig, remote domains and outbound spam policies, MFA registration).
 */
export function register(program: Command, cli: CliContext): void {
  const posture = program
    .command('posture')
    .description('check the tenant against the admin-security baseline (from stored inventories and records); exit code 5 when a check fails')
    .option('--profile <name>', 'the tenant profile to check (default: the active one)')
    .action(async (options: { profile?: string }) => {
      const show = (profile: string, report: PostureReport) => {
        cli.out.result({ profile, ...report }, () => describeReport(profile, report));
        if (report.failed > 0) cli.exitWith(ExitCode.checksFailed);
      };
      if (options.profile === undefined) {
        await withEvidenceStore(cli, async (store, profile) => show(profile, evaluatePosture(store)));
        return;
      }
      const profile = (await cli.profiles()).get(options.profile);
      const location = await storeLocationFor(profile, cli.dataDir(), await cli.vault());
      const store = openStore({ file: location.file, key: location.key, log: cli.log });
      try {
        show(profile.name, evaluatePosture(store));
      } finally {
        store.close();
      }
    });
  posture
    .command('collect')
    .description('collect the settings only the posture checks read: SMTP AUTH (Get-TransportConfig), external forwarding, MFA registration')
    .option('--app', 'run as the app (certificate) instead of the signed-in user')
    .action(async (options: { app?: boolean }) => {
      const profile = await cli.connectedProfile();
      const engine = await cli.jobs();
      const first = await engine.startOrResume(profile.id, 'inventory.posture', {}, options.app ? 'app' : undefined);
      if (first.pages > 0) cli.out.note(`Resuming job ${first.id} (${first.title}) from its checkpoint.`);
      const job = await runJobToEnd(cli, profile.id, first);
      cli.out.result(inventoryResult(job), () => describeJob(job));
      reportJobOutcome(cli, job);
    });
}
