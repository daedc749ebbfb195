import type { Command } from 'commander';
import { WardenError } from '../../../shared/errors.ts';
import type { CliContext } from '../context.ts';
import { reportJobOutcome, runJobToEnd } from '../jobRunner.ts';
import { describeJob } from './inventory.ts';

function jobId(text: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0) throw new WardenError('invalid-input', `Not a job number: ${JSON.stringify(text)}.`);
  return id;
}

/** `warden jobs list|show|resume|cancel`: the jobs of the active tenant. */
export function register(program: Command, cli: CliContext): void {
  const jobs = program.command('jobs').description('inventories and collections: list, show, resume or cancel');
  jobs
    .command('list')
    .description("the active tenant's jobs, newest first")
    .action(async () => {
      const profile = await cli.connectedProfile();
      const list = await (await cli.jobs()).list(profile.id);
      cli.out.result({ jobs: list }, () =>
        list.length === 0 ? 'No jobs yet.' : list.map((j) => `${String(j.id).padStart(5)}  ${j.state.padEnd(10)} ${j.done.toLocaleString('en-US').padStart(9)}  ${j.title}`).join('\n'),
      );
    });
  jobs
    .command('show <id>')
    .description('one job in full: state, progress, what is missing')
    .action(async (id: string) => {
      const profile = await cli.connectedProfile();
      const job = await (await cli.jobs()).get(profile.id, jobId(id));
      cli.out.result({ job }, () => describeJob(job));
    });
  jobs
    .command('resume <id>')
    .description('continue a paused, cancelled, failed, incomplete or interrupted job from its checkpoint')
    .action(async (id: string) => {
      const profile = await cli.connectedProfile();
      const first = await (await cli.jobs()).resume(profile.id, jobId(id));
      const job = await runJobToEnd(cli, profile.id, first);
      cli.out.result({ job }, () => describeJob(job));
      reportJobOutcome(cli, job);
    });
  jobs
    .command('cancel <id>')
    .description('cancel a job (it can be resumed later)')
    .action(async (id: string) => {
      const profile = await cli.connectedProfile();
      const job = await (await cli.jobs()).cancel(profile.id, jobId(id));
      cli.out.result({ job }, () => describeJob(job));
    });
}
