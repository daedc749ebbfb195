import type { RecordRow } from '../../../../shared/model/evidence.ts';
import { formatUtc } from './formatTime.ts';

/** One column of the review table: its header, its CSS grid track and how a row shows in it. */
export interface RecordColumn {
  id: string;
  label: string;
  /** Narrowest width in px, and the share of any extra width it takes. */
  min: number;
  grow: number;
  value(row: RecordRow): string;
}

const text = (value: string | null | undefined) => value ?? '';
const time: RecordColumn = { id: 'time', label: 'Time (UTC)', min: 150, grow: 0.8, value: (r) => formatUtc(r.timeMs) };
const user: RecordColumn = { id: 'user', label: 'User', min: 140, grow: 1.4, value: (r) => text(r.user ?? r.userName) };
const ip: RecordColumn = { id: 'ip', label: 'IP address', min: 110, grow: 0.9, value: (r) => text(r.ip) };
const result: RecordColumn = { id: 'result', label: 'Result', min: 70, grow: 0.5, value: (r) => text(r.result ?? r.resultDetail) };

export const AUDIT_COLUMNS: readonly RecordColumn[] = [
  time,
  user,
  { id: 'operation', label: 'Operation', min: 130, grow: 1.2, value: (r) => text(r.operation) },
  { id: 'workload', label: 'Workload', min: 100, grow: 0.8, value: (r) => text(r.workload) },
  { id: 'recordType', label: 'Record type', min: 100, grow: 0.8, value: (r) => text(r.recordType) },
  ip,
  result,
  { id: 'object', label: 'Object', min: 140, grow: 1.5, value: (r) => text(r.object) },
];

export const SIGNIN_COLUMNS: readonly RecordColumn[] = [
  time,
  user,
  { id: 'app', label: 'Application', min: 130, grow: 1.2, value: (r) => text(r.app ?? r.appId) },
  ip,
  { id: 'location', label: 'Location', min: 90, grow: 0.7, value: (r) => [r.country, r.city].filter(Boolean).join(' · ') },
  result,
  {
    id: 'failure',
    label: 'Failure',
    min: 140,
    grow: 1.4,
    value: (r) => (r.errorCode ? `${r.errorCode}${r.failureReason ? `: ${r.failureReason}` : ''}` : text(r.failureReason)),
  },
  { id: 'clientApp', label: 'Client app', min: 100, grow: 0.8, value: (r) => text(r.clientApp) },
];

/**
 * Column widths in px for a table `width` px wide: each gets its minimum, and the rest is shared by
 * `grow`. Fixed widths make each row's layout trivial (no content measuring while rows scroll in).
 */
export function columnWidths(columns: readonly RecordColumn[], width: number): number[] {
  const minimum = columns.reduce((sum, c) => sum + c.min, 0);
  const grow = columns.reduce((sum, c) => sum + c.grow, 0);
  const extra = Math.max(0, width - minimum);
  return columns.map((c) => Math.floor(c.min + (extra * c.grow) / grow));
}
