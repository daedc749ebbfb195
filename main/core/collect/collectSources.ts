import { CollectSource } from '../../../shared/ipc/collect.ts';
import { AUDIT_CONTENT_TYPES, type AuditContentType } from '../m365/activity/managementActivityClient.ts';
import { DAY_MS, HOUR_MS } from './timeWindows.ts';

/** What a person asks to collect (`warden collect signins|directory-audits|audit`), as the IPC contract names it. */
export const COLLECT_FAMILIES = CollectSource.options;
export type CollectFamily = CollectSource;

/** The Graph logs, each a ledger source and a watermark of its own. */
export const GRAPH_SOURCES = {
  'graph:signIns': {
    family: 'signins',
    title: 'interactive sign-ins',
    // Beta for interactive sign-ins too: v1.0 lacks sessionId, authenticationProtocol, authenticationDetails
    // and signInEventTypes, which the detections (token replay, device-code phishing, MFA fatigue) read.
    version: 'beta',
    path: 'auditLogs/signIns',
    timeField: 'createdDateTime',
    extraFilter: "signInEventTypes/any(t: t eq 'interactiveUser')",
    format: 'graph-signin',
  },
  'graph:nonInteractiveSignIns': {
    family: 'signins',
    title: 'non-interactive sign-ins',
    version: 'beta',
    path: 'auditLogs/signIns',
    timeField: 'createdDateTime',
    extraFilter: "signInEventTypes/any(t: t eq 'nonInteractiveUser')",
    format: 'graph-signin',
  },
  'graph:directoryAudits': {
    family: 'directory-audits',
    title: 'directory audits',
    version: 'v1.0',
    path: 'auditLogs/directoryAudits',
    timeField: 'activityDateTime',
    extraFilter: null,
    format: 'graph-directory-audit',
  },
} as const satisfies Record<
  string,
  { family: CollectFamily; title: string; version: 'v1.0' | 'beta'; path: string; timeField: string; extraFilter: string | null; format: string }
>;
export type GraphSource = keyof typeof GRAPH_SOURCES;
export const GRAPH_SOURCE_NAMES = Object.keys(GRAPH_SOURCES) as GraphSource[];

/** The unified audit log through Search-UnifiedAuditLog (older history). */
export const SEARCH_SOURCE = 'ual-search';
/** The unified audit log through the Management Activity API, one ledger source per content type. */
export const activitySource = (type: AuditContentType) => `activity:${type}`;
export const ACTIVITY_SOURCES = AUDIT_CONTENT_TYPES.map(activitySource);
/** One watermark for the whole unified audit log (search and activity feed continue each other). */
export const AUDIT_WATERMARK = 'unified-audit-log';

/** Every ledger source collection writes, and the family that re-collects it. */
export function familyOfLedgerSource(source: string): CollectFamily | null {
  if (source in GRAPH_SOURCES) return GRAPH_SOURCES[source as GraphSource].family;
  if (source === SEARCH_SOURCE || ACTIVITY_SOURCES.includes(source)) return 'audit';
  return null;
}

export function ledgerSourcesOf(family: CollectFamily): string[] {
  if (family === 'audit') return [SEARCH_SOURCE, ...ACTIVITY_SOURCES];
  return GRAPH_SOURCE_NAMES.filter((s) => GRAPH_SOURCES[s].family === family);
}

/**
 * How far back each log goes (older windows are recorded as past retention, not asked for):
 * Entra sign-in and audit logs keep 30 days with Entra ID P1/P2 (7 without); Audit (Standard) keeps the
 * unified audit log 180 days (Audit (Premium): 1 year). The defaults are the common licences.
 */
export const RETENTION_MS: Record<CollectFamily, number> = {
  signins: 30 * DAY_MS,
  'directory-audits': 30 * DAY_MS,
  audit: 180 * DAY_MS,
};

/** The Management Activity API lists content created at most 7 days ago. */
export const ACTIVITY_FEED_DAYS_MS = 7 * DAY_MS;
/**
 * The activity feed starts this much later than 7 days ago, so the first listing is still allowed when
 * the job gets to it; what lies before is searched instead (and a window that became too old while the
 * job ran is searched too).
 */
export const ACTIVITY_START_MARGIN_MS = HOUR_MS;
/**
 * Audit records reach the feed 30 to 90 minutes (rarely up to a day) after they happen, in content blobs
 * created later still: a window of record time searched in place of a feed window starts this much earlier.
 */
export const ACTIVITY_LATENCY_MS = HOUR_MS;

/** An incremental run starts this much before the watermark: late records are fetched, duplicates dropped. */
export const WATERMARK_OVERLAP_MS = HOUR_MS;

export { AUDIT_CONTENT_TYPES, type AuditContentType };
