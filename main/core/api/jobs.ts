import { WardenError } from '../../../shared/errors.ts';
import type { jobChannels } from '../../../shared/ipc/jobs.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import type { JobEngine } from '../jobs/jobEngine.ts';
import type { ProfileRegistry } from '../profiles/profileRegistry.ts';

export function jobHandlers(deps: { jobs: JobEngine; profiles: ProfileRegistry }): Handlers<typeof jobChannels> {
  const active = () => {
    const profile = deps.profiles.active();
    if (!profile) throw new WardenError('invalid-input', 'No active tenant profile: choose one in Accounts.');
    return profile.id;
  };
  return {
    'jobs.list': async () => {
      const profile = deps.profiles.active();
      if (!profile || profile.kind === 'offline') return { jobs: [] };
      return { jobs: await deps.jobs.list(profile.id) };
    },
    'jobs.start': ({ kind, params, authMode }) => deps.jobs.startOrResume(active(), kind, params, authMode),
    'jobs.resume': ({ id }) => deps.jobs.resume(active(), id),
    'jobs.cancel': ({ id }) => deps.jobs.cancel(active(), id),
  };
}
