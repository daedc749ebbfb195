import type { Command } from 'commander';
import { WardenError } from '../../../shared/errors.ts';
import type { JobSnapshot } from '../../../shared/model/jobs.ts';
import { COLLECT_JOB_KIND } from '../../core/collect/collectJob.ts';
import { CollectParams } from '../../core/collect/collectParams.ts';
import { COLLECT_FAMILIES, ledgerSourcesOf, type CollectFamily } from '../../core/collect/collectSources.ts';
import { windowsToRecollect } from '../../core/collect/ledgerWindows.ts';
import { parseTimestamp } from '../../core/importers/parseTime.ts';
import { describeZodError } from '../../core/zodMessages.ts';
import type { CliContext } from '../context.ts';
import { reportJobOutcome, runJobToEnd } from '../jobRunner.ts';

interface CollectOptions {
  from?: string;
  to?: string;
  gaps?: boolean;
  app?: boolean;
}

const AGO = /^(\d+)([dhm])$/;
const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;

/**
 * A time on the command line: ISO 8601 (UTC unless it has an offset), or a span back from now (7d, 12h, 30m),
 * counted from the start of the current hour (minute for 30m), so running the same command again soon after an
 * interruption names the same range and resumes the interrupted job.
 */
export function parseWhen(value: string | undefined, option: string, now = Date.now()): number | null {
  if (value === undefined) return null;
  const ago = AGO.exec(value.trim());
  if (ago) {
    const unit = ago[2] as keyof typeof UNIT_MS;
    const step = unit === 'm' ? UNIT_MS.m : UNIT_MS.h;
    return Math.floor(now / step) * step - Number(ago[1]) * UNIT_MS[unit];
  }
  const t = parseTimestamp(/^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? `${value.trim()}T00:00:00Z` : value);
  if (t === null)
    throw new WardenError(
      'invalid-input',
      `${option} ${value}: expected a time such as 2026-06-01 or 2026-06-01T12:00:00Z (UTC unless it has an offset), or a span back from now such as 7d, 12h, 30m.`,
    );
  return t;
}

function families(what: string): CollectFamily[] {
  if (what === 'all') return [...COLLECT_FAMILIES];
  if ((COLLECT_FAMILIES as readonly string[]).includes(what)) return [what as CollectFamily];
  throw new WardenError('invalid-input', `collect ${what}: expected one of ${COLLECT_FAMILIES.join(', ')} or all.`);
}

/**
 * `warden collect signins|directory-audits|audit|all [--from] [--to] [--gaps]`: a resumable collection job on
 * the active tenant. Interrupted (Ctrl+C, a crash), running it again continues where it stopped.
 */
export function register(program: Command, cli: CliContext): void {
  program
    .command('collect')
    .description('collect sign-ins, directory audits and the unified audit log into the evidence store (incremental; resumable)')
    .argument('<what>', `${COLLECT_FAMILIES.join(', ')} or all`)
    .option('--from <time>', 'collect from this time (default: where the last collection stopped, less an hour; or as far back as the log is kept)')
    .option('--to <time>', 'collect up to this time (default: now)')
    .option('--gaps', 'collect again exactly the windows the completeness ledger marks as gaps or incomplete (within --from/--to)')
    .option('--app', 'run as the app (certificate) instead of the signed-in user')
    .action(async (what: string, options: CollectOptions) => {
      const now = Date.now();
      const parsed = CollectParams.safeParse({
        sources: families(what),
        fromMs: parseWhen(options.from, '--from', now),
        toMs: parseWhen(options.to, '--to', now),
        gaps: options.gaps === true,
      });
      if (!parsed.success) throw new WardenError('invalid-input', `collect: ${describeZodError(parsed.error)}`);
      const profile = await cli.connectedProfile();
      const engine = await cli.jobs();
      const first = await engine.startOrResume(profile.id, COLLECT_JOB_KIND, parsed.data, options.app ? 'app' : undefined);
      if (first.pages > 0)
        cli.out.note(`Resuming job ${first.id} (${first.title}) from its checkpoint: ${first.done.toLocaleString('en-US')} records already received.`);
      const job = await runJobToEnd(cli, profile.id, first);
      const store = await (await cli.stores()).forProfile(profile.id);
      const sources = parsed.data.sources.flatMap(ledgerSourcesOf);
      const open = windowsToRecollect(store, sources, { fromMs: parsed.data.fromMs, toMs: parsed.data.toMs });
      cli.out.result(collectResult(job, open), () => describeCollection(job, open));
      reportJobOutcome(cli, job);
    });
}

type OpenWindow = ReturnType<typeof windowsToRecollect>[number];

/** The `--json` result line: the job, and the ledger windows still open (gap, partial, pending) for what was collected. */
export function collectResult(job: JobSnapshot, open: OpenWindow[]) {
  return {
    job: job.id,
    status: job.state,
    records: job.done,
    missing: job.missing,
    pages: job.pages,
    summary: job.summary,
    openWindows: open.slice(0, 200).map((w) => ({
      source: w.source,
      start: new Date(w.startMs).toISOString(),
      end: new Date(w.endMs).toISOString(),
      status: w.status,
      expected: w.expected,
      received: w.received,
      detail: w.detail,
    })),
    openWindowCount: open.length,
  };
}

function describeCollection(job: JobSnapshot, open: OpenWindow[]): string {
  const summary = job.summary as {
    received?: number;
    inserted?: number;
    duplicates?: number;
    windows?: Record<string, number>;
    sources?: Record<string, { received: number; inserted: number; duplicates: number }>;
  } | null;
  const n = (x: number | undefined) => (x ?? 0).toLocaleString('en-US');
  const lines = [
    `Job ${job.id}: ${job.title}: ${job.state}${job.pauseReason ? ` (${job.pauseReason})` : ''}, ${n(summary?.received ?? job.done)} records received, ${n(summary?.inserted)} new`,
  ];
  for (const [source, t] of Object.entries(summary?.sources ?? {}))
    lines.push(`  ${source.padEnd(38)} ${n(t.received).padStart(10)} received ${n(t.inserted).padStart(10)} new`);
  const windows = Object.entries(summary?.windows ?? {}).map(([status, count]) => `${count} ${status}`);
  if (windows.length > 0) lines.push(`  ledger windows recorded: ${windows.join(', ')}`);
  for (const m of job.missing) lines.push(`  MISSING: ${m.what} (${m.reason})`);
  if (job.error && job.state !== 'incomplete') lines.push(`  ${job.error}`);
  if (open.length > 0) {
    lines.push(`The ledger has ${open.length} window${open.length === 1 ? '' : 's'} to collect again (\`warden collect ... --gaps\`):`);
    for (const w of open.slice(0, 20))
      lines.push(
        `  ${w.status.padEnd(8)} ${w.source} ${new Date(w.startMs).toISOString()}..${new Date(w.endMs).toISOString()}${w.detail ? `: ${w.detail}` : ''}`,
      );
    if (open.length > 20) lines.push(`  … and ${open.length - 20} more`);
  }
  return lines.join('\n');
}
