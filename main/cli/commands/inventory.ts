import type { Command } from 'commander';
import { WardenError } from '../../../shared/errors.ts';
import { InventoryScope, type SnapshotDiff } from '../../../shared/model/adminInventory.ts';
import { diffSnapshots } from '../../core/inventory/snapshotDiff.ts';
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
  inventory
    .command('roles')
    .description('every role group with its members and role assignments, and the cmdlets each role grants')
    .option('--app', 'run as the app (certificate) instead of the signed-in user')
    .action(async (options: { app?: boolean }) => {
      await runInventory(cli, 'inventory.roles', {}, options.app);
    });
  inventory
    .command('audit-config')
    .description('unified audit log ingestion (read through Exchange Online), org-wide mailbox auditing, audit bypass, and per-mailbox auditing from the mailbox inventory')
    .option('--app', 'run as the app (certificate) instead of the signed-in user')
    .action(async (options: { app?: boolean }) => {
      await runInventory(cli, 'inventory.audit-config', {}, options.app);
    });
  inventory
    .command('diff <scope>')
    .description('what changed between the latest inventory of SCOPE (mailboxes, roles, audit-config) and the one before it')
    .option('--limit <n>', 'list at most this many changes (counts are always complete)', '200')
    .action(async (scope: string, options: { limit: string }) => {
      const parsed = InventoryScope.safeParse(scope);
      if (!parsed.success) throw new WardenError('invalid-input', `Not an inventory: ${JSON.stringify(scope)} (mailboxes, roles or audit-config).`);
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new WardenError('invalid-input', `--limit: not a positive number: ${JSON.stringify(options.limit)}.`);
      const profile = await cli.activeProfile();
      const store = await (await cli.stores()).forProfile(profile.id);
      const diff = diffSnapshots(store.db, parsed.data, { limit });
      cli.out.result({ diff }, () => describeDiff(diff));
    });
}

function describeDiff(diff: SnapshotDiff): string {
  if (!diff.to) return `No complete ${diff.scope} inventory yet.`;
  if (!diff.from) return `Only one complete ${diff.scope} inventory (${diff.to.completedAt}): nothing to compare it with yet.`;
  const lines = [`${diff.scope}: from ${diff.from.completedAt} to ${diff.to.completedAt}`];
  if (diff.counts.length === 0) lines.push('  nothing changed');
  for (const c of diff.counts) lines.push(`  ${c.type}: ${c.added} added, ${c.removed} removed, ${c.changed} changed`);
  for (const e of diff.entries) {
    lines.push(`  ${e.change.padEnd(7)} ${e.type} ${e.label || e.identity}`);
    for (const f of e.fields) lines.push(`            ${f.field}: ${f.before} -> ${f.after}`);
  }
  if (diff.truncated) lines.push(`  (only the first ${diff.entries.length} changes are listed)`);
  return lines.join('\n');
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
