import { createHash } from 'node:crypto';
import type { EmulatorContext } from '../context.ts';
import type { EmulatorRequest, Reply } from '../server/types.ts';
import { compileAuditFilter } from '../state/auditFilter.ts';
import { parseCreationTime } from '../state/creationTime.ts';
import { recordTypeCamel, recordTypeFrom, userTypeCamel } from '../state/recordTypes.ts';
import type { AuditRecord } from '../tenant/model.ts';
import { graphAccess, REPORT_READER_ROLES } from './access.ts';
import { graphError } from './errors.ts';
import { collection, decodeSkipToken, encodeSkipToken, entity, nextLink, parseTop } from './odata.ts';

interface StoredQuery {
  body: Record<string, unknown>;
  createdAt: number;
  fromMs: number;
  toMs: number;
  /** Ingestion-clock time the result is fixed at: later records do not appear in it. */
  asOf: number;
  test: (record: AuditRecord) => boolean;
}

/** How long a query stays `running` before it `succeeded` (the real service takes minutes). */
const RUN_MS = 1000;

const ACCESS = { permissions: ['AuditLogsQuery.Read.All'], delegatedRoles: [...REPORT_READER_ROLES] };

/** The Audit Log Query API (beta; reference §3.4): create, poll, page records. */
export class AuditLogQueries {
  private readonly queries = new Map<string, StoredQuery>();
  private created = 0;

  async create(ctx: EmulatorContext, req: EmulatorRequest): Promise<Reply> {
    const access = await graphAccess(ctx, req, ACCESS);
    if (!access.ok) return access.reply;
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(req.body.toString('utf8') || '{}') as Record<string, unknown>;
      if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('not an object');
    } catch {
      return graphError(req, 400, 'BadRequest', 'The request body must be a JSON microsoft.graph.security.auditLogQuery object.');
    }
    const start = Date.parse(String(input['filterStartDateTime'] ?? ''));
    const end = Date.parse(String(input['filterEndDateTime'] ?? ''));
    if (Number.isNaN(start) || Number.isNaN(end))
      return graphError(req, 400, 'BadRequest', 'filterStartDateTime and filterEndDateTime must both be given as ISO 8601 date-times.');
    if (start >= end) return graphError(req, 400, 'BadRequest', 'filterStartDateTime must be before filterEndDateTime.');
    const strings = (key: string): string[] | undefined => {
      const v = input[key];
      if (v === undefined || v === null) return [];
      return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
    };
    const lists: Record<string, string[]> = {};
    for (const key of [
      'recordTypeFilters',
      'operationFilters',
      'userPrincipalNameFilters',
      'ipAddressFilters',
      'objectIdFilters',
      'administrativeUnitIdFilters',
    ]) {
      const list = strings(key);
      if (!list) return graphError(req, 400, 'BadRequest', `${key} must be an array of strings.`);
      lists[key] = list;
    }
    const recordTypes: number[] = [];
    for (const name of lists['recordTypeFilters'] ?? []) {
      const n = recordTypeFrom(name);
      if (n === undefined) return graphError(req, 400, 'BadRequest', `'${name}' is not a valid microsoft.graph.security.auditLogRecordType.`);
      recordTypes.push(n);
    }
    const keyword = typeof input['keywordFilter'] === 'string' && input['keywordFilter'] ? input['keywordFilter'] : undefined;
    const service = typeof input['serviceFilter'] === 'string' && input['serviceFilter'] ? input['serviceFilter'].toLowerCase() : undefined;
    const base = compileAuditFilter({
      operations: lists['operationFilters'] ?? [],
      userIds: lists['userPrincipalNameFilters'] ?? [],
      recordTypes,
      ipAddresses: lists['ipAddressFilters'] ?? [],
      objectIds: lists['objectIdFilters'] ?? [],
      freeText: keyword,
    });
    this.created += 1;
    const id = deterministicId(ctx.seed, this.created);
    const body = {
      '@odata.type': '#microsoft.graph.security.auditLogQuery',
      id,
      displayName: typeof input['displayName'] === 'string' ? input['displayName'] : null,
      filterStartDateTime: new Date(start).toISOString(),
      filterEndDateTime: new Date(end).toISOString(),
      recordTypeFilters: lists['recordTypeFilters'],
      keywordFilter: keyword ?? null,
      serviceFilter: input['serviceFilter'] ?? null,
      operationFilters: lists['operationFilters'],
      userPrincipalNameFilters: lists['userPrincipalNameFilters'],
      ipAddressFilters: lists['ipAddressFilters'],
      objectIdFilters: lists['objectIdFilters'],
      administrativeUnitIdFilters: lists['administrativeUnitIdFilters'],
      status: 'notStarted',
    };
    this.queries.set(id, {
      body,
      createdAt: Date.now(),
      fromMs: start,
      toMs: end,
      asOf: ctx.clock.now(),
      test: service ? (r) => r.Workload.toLowerCase() === service && base(r) : base,
    });
    return entity(ctx, req, 'security/auditLog/queries', body, 201);
  }

  private statusOf(query: StoredQuery): string {
    return Date.now() - query.createdAt < RUN_MS ? 'running' : 'succeeded';
  }

  async list(ctx: EmulatorContext, req: EmulatorRequest): Promise<Reply> {
    const access = await graphAccess(ctx, req, ACCESS);
    if (!access.ok) return access.reply;
    const value = [...this.queries.values()].map((q) => ({ ...q.body, status: this.statusOf(q) }));
    return collection(ctx, req, 'security/auditLog/queries', value, undefined);
  }

  async get(ctx: EmulatorContext, req: EmulatorRequest): Promise<Reply> {
    const access = await graphAccess(ctx, req, ACCESS);
    if (!access.ok) return access.reply;
    const query = this.queries.get(req.params['id'] ?? '');
    if (!query) return graphError(req, 404, 'itemNotFound', `The audit log query '${req.params['id'] ?? ''}' was not found.`);
    return entity(ctx, req, 'security/auditLog/queries', { ...query.body, status: this.statusOf(query) });
  }

  async records(ctx: EmulatorContext, req: EmulatorRequest): Promise<Reply> {
    const access = await graphAccess(ctx, req, ACCESS);
    if (!access.ok) return access.reply;
    const query = this.queries.get(req.params['id'] ?? '');
    if (!query) return graphError(req, 404, 'itemNotFound', `The audit log query '${req.params['id'] ?? ''}' was not found.`);
    if (this.statusOf(query) !== 'succeeded')
      return graphError(req, 400, 'BadRequest', 'The audit log query has not completed yet; poll it until its status is succeeded.');
    const top = parseTop(req, 150, 1000);
    if (!top.ok) return top.reply;
    const cursor = decodeSkipToken(
      req,
      (v): v is { h: number; i: number } =>
        typeof v === 'object' && v !== null && Number.isInteger((v as { h: number }).h) && Number.isInteger((v as { i: number }).i),
    );
    if (!cursor.ok) return cursor.reply;
    const source = ctx.audit;
    const { first, last } = source.hourRange(query.fromMs, query.toMs);
    const page: AuditRecord[] = [];
    let h = Math.max(first, cursor.value?.h ?? first);
    let i = cursor.value?.i ?? 0;
    let next: { h: number; i: number } | undefined;
    outer: for (; h <= last; h++, i = 0) {
      const records = source.hour(h, query.asOf);
      for (; i < records.length; i++) {
        const record = records[i] as AuditRecord;
        const t = parseCreationTime(record.CreationTime);
        if (t < query.fromMs || t >= query.toMs || !query.test(record)) continue;
        if (page.length === top.value) {
          next = { h, i };
          break outer;
        }
        page.push(record);
      }
    }
    const value = page.map((r) => toAuditLogRecord(r));
    return collection(
      ctx,
      req,
      `security/auditLog/queries('${req.params['id'] ?? ''}')/records`,
      value,
      next ? nextLink(ctx, req, encodeSkipToken(next)) : undefined,
    );
  }
}

function deterministicId(seed: string, n: number): string {
  const hex = createHash('sha256').update(`${seed}|auditLogQuery|${n}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A unified audit record as `microsoft.graph.security.auditLogRecord` (camelCase; `auditData` is the record). */
export function toAuditLogRecord(record: AuditRecord): object {
  const r = record as AuditRecord & { ActorIpAddress?: string };
  return {
    '@odata.type': '#microsoft.graph.security.auditLogRecord',
    id: record.Id,
    createdDateTime: `${record.CreationTime}Z`,
    auditLogRecordType: recordTypeCamel(record.RecordType),
    operation: record.Operation,
    organizationId: record.OrganizationId,
    userType: userTypeCamel(record.UserType),
    userId: record.UserId,
    service: record.Workload,
    objectId: record.ObjectId,
    userPrincipalName: record.UserId,
    clientIp: r.ClientIP ?? r.ActorIpAddress ?? null,
    administrativeUnits: [],
    auditData: { '@odata.type': '#microsoft.graph.security.defaultAuditData', ...record },
  };
}
