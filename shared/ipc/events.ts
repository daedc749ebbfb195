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
  /** A file sent from the app is being received (`uploading`, bytes) or imported (`importing`, bytes read and records). */
  'import.progress': z.object({
    uploadId: z.string(),
    fileName: z.string(),
    phase: z.enum(['uploading', 'importing']),
    done: z.number(),
    total: z.number(),
    records: z.number().int(),
  }),
  /** A detection run is reading the sign-in events (`done` of about `total` rows), then running the audit rules. */
  'findings.progress': z.object({ phase: z.enum(['sign-ins', 'audit']), done: z.number().int(), total: z.number().int() }),
  /** Records were added to a profile's evidence store (an import, a collection): review views refetch. */
  'evidence.changed': z.object({ profileId: z.string() }),
  /** A profile's change journal (a change, an Undo, an audit record found) or an inventory snapshot changed: admin views refetch. */
  'admin.changed': z.object({ profileId: z.string(), what: z.enum(['journal', 'inventory']) }),
};
export type WardenEvents = typeof events;
