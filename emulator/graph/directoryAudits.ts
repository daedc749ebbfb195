import type { EmulatorContext } from '../context.ts';
import type { EmulatorRequest, Reply } from '../server/types.ts';
import { graphAccess, parseFilterParam, REPORT_READER_ROLES } from './access.ts';
import { graphError } from './errors.ts';
import { compileFilter, parseFilter, type FilterSupport } from './filter.ts';
import { isFeedCursor, readPage } from './hourFeed.ts';
import { collection, decodeSkipToken, encodeSkipToken, nextLink, parseTop } from './odata.ts';

const EQ = ['eq'] as const;
const SUPPORT: FilterSupport = {
  activityDateTime: ['eq', 'ge', 'gt', 'le', 'lt'],
  activityDisplayName: EQ,
  category: EQ,
  loggedByService: EQ,
  result: EQ,
  correlationId: EQ,
  'initiatedBy/user/id': EQ,
  'initiatedBy/user/userPrincipalName': EQ,
  'initiatedBy/app/appId': EQ,
};

/** GET /{version}/auditLogs/directoryAudits: newest first (reference §3.3). */
export async function listDirectoryAudits(ctx: EmulatorContext, req: EmulatorRequest): Promise<Reply> {
  const access = await graphAccess(ctx, req, {
    permissions: ['AuditLog.Read.All'],
    delegatedRoles: REPORT_READER_ROLES,
    identityReport: true,
    missingPermissionCode: 'Authentication_MSGraphPermissionMissing',
  });
  if (!access.ok) return access.reply;
  const top = parseTop(req, 1000, 1000);
  if (!top.ok) return top.reply;
  const cursor = decodeSkipToken(req, isFeedCursor);
  if (!cursor.ok) return cursor.reply;
  const filterText = parseFilterParam(req);
  const parsed = filterText ? parseFilter(filterText) : { ok: true as const, conditions: [] };
  if (!parsed.ok) return graphError(req, 400, 'BadRequest', parsed.message);
  const compiled = compileFilter(parsed.conditions, SUPPORT, 'activityDateTime', 'microsoft.graph.directoryAudit');
  if (!compiled.ok) return graphError(req, 400, 'BadRequest', compiled.message);
  const activity = ctx.tenant.activity;
  const { page, next } = readPage(
    {
      hourCount: activity.hourCount,
      hourStartMs: (h) => activity.hourStart(h).getTime(),
      items: (h) => activity.directoryAudits(h),
      timeOf: (a) => Date.parse(a.activityDateTime),
    },
    compiled.filter,
    top.value,
    cursor.value,
  );
  return collection(ctx, req, 'auditLogs/directoryAudits', page, next ? nextLink(ctx, req, encodeSkipToken(next)) : undefined);
}
