import { z } from 'zod';
import { ViewId } from '../views.ts';
import { JobSnapshot } from '../model/jobs.ts';

/** Every main → renderer push. */
export const events = {
  /** The application menu (or a second launch) asks the window to show a view. */
  'app.navigate': z.object({ view: ViewId }),
  /** Profiles or accounts changed (sign-in, sign-out, switch): views refetch. */
  'accounts.changed': z.object({ profileId: z.string().nullable() }),
  /** Only the user can go on: a silent renewal failed (revoked session, new MFA). Work pauses until sign-in. */
  'accounts.needsSignIn': z.object({ profileId: z.string(), reason: z.string() }),
  /** A job's progress or state changed (at most a few times a second per job). */
  'jobs.update': JobSnapshot,
};
export type WardenEvents = typeof events;
