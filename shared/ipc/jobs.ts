import { z } from 'zod';
import { JobSnapshot } from '../model/jobs.ts';
import { channel } from './channel.ts';

const JobRef = z.strictObject({ id: z.number().int().positive() });

/** Jobs of the active tenant profile. Parameters are checked by the job kind in main. */
export const jobChannels = {
  'jobs.list': channel(z.strictObject({}), z.object({ jobs: z.array(JobSnapshot) })),
  'jobs.start': channel(
    z.strictObject({
      kind: z.string().min(1).max(80),
      params: z.record(z.string().max(80), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()])).default({}),
      authMode: z.enum(['user', 'app']).optional(),
    }),
    JobSnapshot,
  ),
  'jobs.resume': channel(JobRef, JobSnapshot),
  'jobs.cancel': channel(JobRef, JobSnapshot),
};
