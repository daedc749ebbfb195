import { z } from 'zod';

/**
 * The detection model: findings, their triage, suppressions and the context rules need.
 * Shared by main (which parses every request with these schemas), the CLI and the renderer.
 */
export const Severity = z.enum(['low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof Severity>;
export const SEVERITY_RANK: Record<Severity, number> = { low: 1, medium: 2, high: 3, critical: 4 };

export const TriageState = z.enum(['new', 'investigating', 'benign', 'confirmed']);
export type TriageState = z.infer<typeof TriageState>;

/** active: the rules derive it; withdrawn: a full re-run (e.g. after a context change) no longer does. */
export const FindingStatus = z.enum(['active', 'withdrawn']);
export type FindingStatus = z.infer<typeof FindingStatus>;

/** Where a finding comes from: a detection rule today, a posture check later (same store, same views). */
export const FindingSource = z.enum(['detection', 'posture']);
export type FindingSource = z.infer<typeof FindingSource>;

export const Finding = z.object({
  id: z.number().int(),
  /** Stable across re-runs: the rule id and what the finding is about. */
  fingerprint: z.string(),
  source: FindingSource,
  ruleId: z.string(),
  ruleTitle: z.string(),
  technique: z.string(),
  severity: Severity,
  title: z.string(),
  explanation: z.string(),
  /** The account the finding is about (the target, or the actor when there is no target). */
  user: z.string().nullable(),
  /** The account that acted, when it differs from `user`. */
  actor: z.string().nullable(),
  /** The source address the finding is about, when there is one. */
  ip: z.string().nullable(),
  firstMs: z.number().int().nullable(),
  lastMs: z.number().int().nullable(),
  evidenceCount: z.number().int(),
  status: FindingStatus,
  triage: TriageState,
  /** The suppression that hides it, when one does. */
  suppressedBy: z.number().int().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Finding = z.infer<typeof Finding>;

export const FindingNote = z.object({
  id: z.number().int(),
  findingId: z.number().int(),
  text: z.string(),
  triageFrom: TriageState.nullable(),
  triageTo: TriageState.nullable(),
  createdAt: z.number().int(),
});
export type FindingNote = z.infer<typeof FindingNote>;

/** An evidence record as the drawer lists it (the full record comes from findings.evidenceRecord). */
export const EvidenceSummary = z.object({
  id: z.number().int(),
  kind: z.enum(['audit', 'signin']),
  timeMs: z.number().int().nullable(),
  operation: z.string().nullable(),
  user: z.string().nullable(),
  ip: z.string().nullable(),
  result: z.string().nullable(),
  country: z.string().nullable(),
  detail: z.string().nullable(),
});
export type EvidenceSummary = z.infer<typeof EvidenceSummary>;

export const FindingDetail = z.object({
  finding: Finding,
  /** The values the explanation was built from (counts, addresses, parameters). */
  facts: z.record(z.string(), z.unknown()),
  evidence: z.array(EvidenceSummary),
  /** Evidence ids beyond the listed ones (the drawer lists the first 500). */
  moreEvidence: z.number().int(),
  notes: z.array(FindingNote),
});
export type FindingDetail = z.infer<typeof FindingDetail>;

export const FindingFilter = z.strictObject({
  ruleIds: z.array(z.string().min(1).max(100)).max(100).optional(),
  users: z.array(z.string().min(1).max(400)).max(100).optional(),
  severities: z.array(Severity).max(4).optional(),
  triage: z.array(TriageState).max(4).optional(),
  /** Include withdrawn findings (default: only active ones). */
  includeWithdrawn: z.boolean().optional(),
  /** Include suppressed findings (default: hidden). */
  includeSuppressed: z.boolean().optional(),
  /** Findings whose last evidence is at or after this time (epoch ms). */
  sinceMs: z.number().int().optional(),
});
export type FindingFilter = z.infer<typeof FindingFilter>;

export const SuppressionKind = z.enum(['ip-range', 'account', 'rule-user']);
export type SuppressionKind = z.infer<typeof SuppressionKind>;

export const SuppressionInput = z.discriminatedUnion('kind', [
  /** Findings whose source address is inside this CIDR range. */
  z.strictObject({ kind: z.literal('ip-range'), cidr: z.string().min(2).max(60), reason: z.string().min(1).max(1000) }),
  /** Findings about this account (a service or automation account), from every rule. */
  z.strictObject({ kind: z.literal('account'), user: z.string().min(3).max(400), reason: z.string().min(1).max(1000) }),
  /** Findings of one rule about one account. */
  z.strictObject({ kind: z.literal('rule-user'), ruleId: z.string().min(1).max(100), user: z.string().min(3).max(400), reason: z.string().min(1).max(1000) }),
]);
export type SuppressionInput = z.infer<typeof SuppressionInput>;

export const Suppression = z.object({
  id: z.number().int(),
  kind: SuppressionKind,
  /** The CIDR range or the account (lower-case). */
  value: z.string(),
  ruleId: z.string().nullable(),
  reason: z.string(),
  createdAt: z.number().int(),
  /** Active findings it hides right now. */
  hides: z.number().int(),
});
export type Suppression = z.infer<typeof Suppression>;

export const WorkingHours = z.strictObject({
  /** IANA time zone, e.g. Europe/London. */
  timeZone: z.string().min(1).max(100),
  /** Local hours [start, end), 0..24. */
  start: z.number().int().min(0).max(23),
  end: z.number().int().min(1).max(24),
  /** ISO weekdays 1 (Monday) .. 7 (Sunday). */
  days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
});
export type WorkingHours = z.infer<typeof WorkingHours>;

/** What the rules need to know about the tenant, set by a person (Settings or `warden context`). */
export const DetectContext = z.strictObject({
  /** Office egress networks and VPN exits (CIDR): "inside the perimeter". */
  trustedNetworks: z.array(z.string().min(2).max(60)).max(500),
  /** ISO 3166 alpha-2 codes of the countries people normally work from. */
  homeCountries: z.array(z.string().regex(/^[A-Z]{2}$/)).max(250),
  workingHours: z.array(WorkingHours).max(50),
  /** Administrator accounts (UPNs, lower-case). */
  admins: z.array(z.string().min(3).max(400)).max(5000),
  /** Service and automation accounts (UPNs, lower-case). */
  automationAccounts: z.array(z.string().min(3).max(400)).max(5000),
  /** The organization's own mail domains; the domains of the accounts in the store are added automatically. */
  organizationDomains: z.array(z.string().min(3).max(255)).max(500),
});
export type DetectContext = z.infer<typeof DetectContext>;
export const CONTEXT_KEYS = ['trustedNetworks', 'homeCountries', 'workingHours', 'admins', 'automationAccounts', 'organizationDomains'] as const;
export type ContextKey = (typeof CONTEXT_KEYS)[number];

export const RuleSummary = z.object({
  id: z.string(),
  title: z.string(),
  severity: Severity,
  technique: z.string(),
  looksAt: z.string(),
  parameters: z.record(z.string(), z.unknown()),
});
export type RuleSummary = z.infer<typeof RuleSummary>;

export const RunSummary = z.object({
  runId: z.number().int(),
  mode: z.enum(['incremental', 'full']),
  newRecords: z.number().int(),
  rules: z.array(
    z.object({
      ruleId: z.string(),
      ran: z.boolean(),
      /** Why a rule did not run (nothing new, or context it needs is missing). */
      skipped: z.string().nullable(),
      derived: z.number().int(),
      created: z.number().int(),
      updated: z.number().int(),
      withdrawn: z.number().int(),
      ms: z.number(),
    }),
  ),
  ms: z.number(),
});
export type RunSummary = z.infer<typeof RunSummary>;
