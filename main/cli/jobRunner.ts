import type { JobSnapshot } from '../../shared/model/jobs.ts';
import type { CliContext } from './context.ts';
import { ExitCode } from './exitCodes.ts';
import { WardenError } from '../../shared/errors.ts';

/**
 * Runs a job in this process to its end, with progress on stderr (a bar on a terminal, JSON lines with
 * --json), Ctrl+C cancelling it (it stays resumable), and the CLI's exit codes for its outcome.
 */
export async function runJobToEnd(cli: CliContext, profileId: string, first: JobSnapshot): Promise<JobSnapshot> {
  const engine = await cli.jobs();
  const progress = cli.out.progress(first.title);
  const onUpdate = (pid: string, snapshot: JobSnapshot) => {
    if (pid !== profileId || snapshot.id !== first.id) return;
    progress.update(snapshot.done, snapshot.total);
  };
  engine.on('update', onUpdate);
  const onInterrupt = () => void engine.cancel(profileId, first.id).catch(() => {});
  process.once('SIGINT', onInterrupt);
  try {
    return await engine.wait(profileId, first.id);
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    engine.off('update', onUpdate);
    progress.stop();
  }
}

/** Maps a finished job to the CLI's exit code and, for incomplete jobs, the stderr explanation. */
export function reportJobOutcome(cli: CliContext, job: JobSnapshot): void {
  switch (job.state) {
    case 'succeeded':
      return;
    case 'incomplete':
      cli.incomplete(`job ${job.id} is missing: ${job.missing.map((m) => `${m.what} (${m.reason})`).join('; ')}`);
      return;
    case 'paused':
      if (job.pauseReason === 'needs-sign-in') throw new WardenError('needs-sign-in', `Job ${job.id} paused: ${job.error ?? 'sign in again'}. Run \`warden login\`, then \`warden jobs resume ${job.id}\`.`);
      throw new WardenError('unavailable', `Job ${job.id} paused (${job.pauseReason}).`);
    case 'cancelled':
      throw new WardenError('unavailable', `Job ${job.id} was cancelled; \`warden jobs resume ${job.id}\` continues it.`);
    default:
      throw new WardenError('unavailable', `Job ${job.id} ${job.state}: ${job.error ?? 'no details'}.`);
  }
}

export { ExitCode };
