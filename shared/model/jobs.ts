import { z } from 'zod';

export const JobState = z.enum(['queued', 'running', 'paused', 'succeeded', 'failed', 'cancelled', 'incomplete']);
export type JobState = z.infer<typeof JobState>;

export const PauseReason = z.enum(['throttled', 'needs-sign-in']);
export type PauseReason = z.infer<typeof PauseReason>;

/** A part of the work a job could not get, named so a person can see exactly what is missing. */
export const MissingPart = z.object({ what: z.string(), reason: z.string() });
export type MissingPart = z.infer<typeof MissingPart>;

/** What the UI and the CLI show of a job. */
export const JobSnapshot = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  profileId: z.string(),
  state: JobState,
  pauseReason: PauseReason.nullable(),
  done: z.number().int(),
  total: z.number().int().nullable(),
  /** Items per second over the current run; null before the first page. */
  rate: z.number().nullable(),
  etaSeconds: z.number().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  missing: z.array(MissingPart),
  error: z.string().nullable(),
  /** Pages (requests that returned data) fetched over all runs: a resumed job fetches fewer than a fresh one. */
  pages: z.number().int(),
  summary: z.record(z.string(), z.unknown()).nullable(),
});
export type JobSnapshot = z.infer<typeof JobSnapshot>;

export const FINAL_STATES: readonly JobState[] = ['succeeded', 'failed', 'cancelled', 'incomplete'];
