import type { AuditRecord } from '../tenant/model.ts';

/** The record filters Search-UnifiedAuditLog and the Graph audit log query share. Empty lists mean "any". */
export interface AuditFilter {
  operations: string[];
  userIds: string[];
  recordTypes: number[];
  ipAddresses: string[];
  objectIds: string[];
  freeText: string | undefined;
}

export const NO_AUDIT_FILTER: AuditFilter = { operations: [], userIds: [], recordTypes: [], ipAddresses: [], objectIds: [], freeText: undefined };

/** The address part of a ClientIP, which Exchange writes with a port (`1.2.3.4:5678`, `[::1]:5678`). */
function addressOf(clientIp: string | undefined): string {
  if (!clientIp) return '';
  const v6 = /^\[([^\]]+)\](:\d+)?$/.exec(clientIp);
  if (v6) return (v6[1] ?? '').toLowerCase();
  const v4 = /^(\d+\.\d+\.\d+\.\d+)(:\d+)?$/.exec(clientIp);
  if (v4) return v4[1] ?? '';
  return clientIp.toLowerCase();
}

export function compileAuditFilter(filter: AuditFilter): (record: AuditRecord) => boolean {
  const operations = new Set(filter.operations.map((o) => o.toLowerCase()));
  const userIds = new Set(filter.userIds.map((u) => u.toLowerCase()));
  const recordTypes = new Set(filter.recordTypes);
  const ips = new Set(filter.ipAddresses.map((ip) => ip.toLowerCase()));
  const objectIds = new Set(filter.objectIds.map((o) => o.toLowerCase()));
  const freeText = filter.freeText?.toLowerCase();
  return (record) => {
    if (operations.size && !operations.has(record.Operation.toLowerCase())) return false;
    if (userIds.size && !userIds.has(record.UserId.toLowerCase())) return false;
    if (recordTypes.size && !recordTypes.has(record.RecordType)) return false;
    if (ips.size) {
      const r = record as AuditRecord & { ActorIpAddress?: string; ClientIPAddress?: string };
      if (![r.ClientIP, r.ActorIpAddress, r.ClientIPAddress].some((ip) => ips.has(addressOf(ip)))) return false;
    }
    if (objectIds.size && !objectIds.has(record.ObjectId.toLowerCase())) return false;
    if (freeText && !JSON.stringify(record).toLowerCase().includes(freeText)) return false;
    return true;
  };
}
