import { z } from 'zod';

/** How much a failing check weighs in the score. */
export const PostureSeverity = z.enum(['critical', 'high', 'medium', 'low']);
export type PostureSeverity = z.infer<typeof PostureSeverity>;

/** The score's weight of each severity: a critical check counts as much as four low ones. */
export const SEVERITY_WEIGHT: Record<PostureSeverity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

/**
 * pass/fail: the stored data answers the question. unknown: it cannot be answered from what is stored
 * (never collected, the snapshot incomplete, the service did not offer the data): never counted as a pass.
 */
export const PostureStatus = z.enum(['pass', 'fail', 'unknown']);
export type PostureStatus = z.infer<typeof PostureStatus>;

/** A stored record that shows who changed the setting (or did the thing the check counts) and when. */
export const PostureEvidence = z.object({
  /** records.id in the evidence store (opens the record). */
  recordId: z.number().int(),
  /** The service's own id of the record (the unified audit record Id, the sign-in id). */
  sourceId: z.string().nullable(),
  time: z.string().nullable(),
  operation: z.string().nullable(),
  actor: z.string().nullable(),
  /** What the record says was set, in a few words (e.g. "SmtpClientAuthenticationDisabled=False"). */
  detail: z.string(),
});
export type PostureEvidence = z.infer<typeof PostureEvidence>;

export const PostureCheckResult = z.object({
  id: z.string(),
  title: z.string(),
  /** The CISA ScubaGear baseline policy this check implements (or is closest to), when there is one. */
  scubaGear: z.string().nullable(),
  severity: PostureSeverity,
  status: PostureStatus,
  /** Why the status is what it is, with the numbers and accounts. */
  why: z.string(),
  /** The exact cmdlet or setting that makes the check pass. */
  fix: z.string(),
  /** For unknown: exactly what to run to get the data (e.g. `warden inventory audit-config`). */
  toKnow: z.string().nullable(),
  /** Where the answer came from (snapshot ids and times, record windows). */
  basis: z.array(z.string()),
  /** Audit records of changes to the setting, newest first (at most 20), or the records counted. */
  evidence: z.array(PostureEvidence),
  /** How many evidence records there are in all (the list is cut at 20). */
  evidenceTotal: z.number().int(),
});
export type PostureCheckResult = z.infer<typeof PostureCheckResult>;

export const PostureReport = z.object({
  evaluatedAt: z.string(),
  /** passed weight / (passed + failed weight), 0..100, rounded; null when no check could be answered. */
  score: z.number().int().min(0).max(100).nullable(),
  passed: z.number().int(),
  failed: z.number().int(),
  unknown: z.number().int(),
  checks: z.array(PostureCheckResult),
});
export type PostureReport = z.infer<typeof PostureReport>;
