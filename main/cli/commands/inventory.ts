import type { Command } from 'commander';
import type { JobSnapshot } from '../../../shared/model/jobs.ts';
import type { CliContext } from '../context.ts';
import { reportJobOutcome, runJobToEnd } from '../jobRunner.ts';

/** `warden inventory mailboxes|roles|audit-config`: a resumable inventory job on the active tenant. */
export function register(program: Command, cli: CliContext): void {
  const inventory = program.command('inventory').description("take a snapshot of the tenant's Exchange configuration (resumable: after a crash, run it again)");
  inventory
    .command('mailboxes')
    .description('every mailbox with forwarding, audit settings, litigation hold and CAS protocols; --details adds permissions and inbox rules')
    .option('--details', 'also fetch each mailbox permission and inbox rule (one request per mailbox)')
    .option('--app', 'run as the app (certificate) instead of the signed-in user')
    .action(async (options: { details?: boolean; app?: boolean }) => {
      await runInventory(cli, 'inventory.mailboxes', { details: options.details === true }, options.app);
    });
}

async function runInventory(cli: CliContext, kind: string, params: Record<string, unknown>, app: boolean | undefined): Promise<void> {
  const profile = await cli.connectedProfile();
  const engine = await cli.jobs();
  const first = await engine.startOrResume(profile.id, kind, params, app ? 'app' : undefined);
  if (first.pages > 0) cli.out.note(`Resuming job ${first.id} (${first.title}) from its checkpoint: ${first.done.toLocaleString('en-US')} items already stored.`);
  const job = await runJobToEnd(cli, profile.id, first);
  cli.out.result(inventoryResult(job), () => describeJob(job));
  reportJobOutcome(cli, job);
}

/** The `--json` result line of an inventory: the shape scripts rely on. */
export function inventoryResult(job: JobSnapshot) {
  const items = typeof job.summary?.['items'] === 'number' ? (job.summary['items'] as number) : job.done;
  return { job: job.id, status: job.state, items, missing: job.missing, pages: job.pages, summary: job.summary };
}

export function describeJob(job: JobSnapshot): string {
  const lines = [`Job ${job.id}: ${job.title}: ${job.state}${job.pauseReason ? ` (${job.pauseReason})` : ''}, ${job.done.toLocaleString('en-US')} items`];
  if (job.summary) lines.push(`  ${Object.entries(job.summary).map(([k, v]) => `${k}: ${String(v)}`).join(', ')}`);
  for (const m of job.missing) lines.push(`  MISSING: ${m.what} (${m.reason})`);
  if (job.error && job.state !== 'incomplete') lines.push(`  ${job.error}`);
  return lines.join('\n');
}
