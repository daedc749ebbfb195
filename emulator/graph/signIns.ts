import type { EmulatorContext } from '../context.ts';
import type { EmulatorRequest, Reply } from '../server/types.ts';
import type { SignIn } from '../tenant/model.ts';
import { graphAccess, parseFilterParam, REPORT_READER_ROLES } from './access.ts';
import { graphError } from './errors.ts';
import { compileFilter, parseFilter, type FilterSupport } from './filter.ts';
import { isFeedCursor, readPage } from './hourFeed.ts';
import { collection, decodeSkipToken, encodeSkipToken, nextLink, parseTop } from './odata.ts';

/** The signIn properties of the v1.0 schema (reference §3.2); beta serves the whole (superset) object. */
export const V1_SIGN_IN_PROPERTIES = [
  'id',
  'createdDateTime',
  'userDisplayName',
  'userPrincipalName',
  'userId',
  'appId',
  'appDisplayName',
  'ipAddress',
  'clientAppUsed',
  'correlationId',
  'conditionalAccessStatus',
  'isInteractive',
  'riskDetail',
  'riskLevelAggregated',
  'riskLevelDuringSignIn',
  'riskState',
  'riskEventTypes',
  'riskEventTypes_v2',
  'resourceDisplayName',
  'resourceId',
  'status',
  'deviceDetail',
  'location',
  'appliedConditionalAccessPolicies',
] as const;

const EQ = ['eq'] as const;
const TIME = ['eq', 'ge', 'gt', 'le', 'lt'] as const;

const SUPPORT_V1: FilterSupport = {
  createdDateTime: TIME,
  userPrincipalName: EQ,
  userId: EQ,
  appId: EQ,
  appDisplayName: EQ,
  ipAddress: EQ,
  clientAppUsed: EQ,
  conditionalAccessStatus: EQ,
  'status/errorCode': EQ,
  'location/countryOrRegion': EQ,
  'location/city': EQ,
};

const SUPPORT_BETA: FilterSupport = { ...SUPPORT_V1, signInEventTypes: 'any', isInteractive: EQ };

function toV1(signIn: SignIn): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const source = signIn as unknown as Record<string, unknown>;
  for (const key of V1_SIGN_IN_PROPERTIES) out[key] = source[key] ?? null;
  return out;
}

/** GET /{version}/auditLogs/signIns: newest first, 1,000 per page at most (reference §3.2). */
export async function listSignIns(ctx: EmulatorContext, req: EmulatorRequest): Promise<Reply> {
  const access = await graphAccess(ctx, req, {
    permissions: ['AuditLog.Read.All'],
    delegatedRoles: REPORT_READER_ROLES,
    identityReport: true,
    missingPermissionCode: 'Authentication_MSGraphPermissionMissing',
  });
  if (!access.ok) return access.reply;
  const beta = req.params['version'] === 'beta';
  const top = parseTop(req, 1000, 1000);
  if (!top.ok) return top.reply;
  const cursor = decodeSkipToken(req, isFeedCursor);
  if (!cursor.ok) return cursor.reply;
  const filterText = parseFilterParam(req);
  const parsed = filterText ? parseFilter(filterText) : { ok: true as const, conditions: [] };
  if (!parsed.ok) return graphError(req, 400, 'BadRequest', parsed.message);
  const compiled = compileFilter(parsed.conditions, beta ? SUPPORT_BETA : SUPPORT_V1, 'createdDateTime', 'microsoft.graph.signIn');
  if (!compiled.ok) return graphError(req, 400, 'BadRequest', compiled.message);
  const eventTypes = compiled.filter.anyValues.get('signInEventTypes');
  // Without a signInEventTypes filter both versions list interactive user sign-ins only.
  const wanted = eventTypes && eventTypes.length ? new Set(eventTypes) : new Set(['interactiveUser']);
  const activity = ctx.tenant.activity;
  const { page, next } = readPage(
    {
      hourCount: activity.hourCount,
      hourStartMs: (h) => activity.hourStart(h).getTime(),
      items: (h) => activity.signIns(h),
      timeOf: (s) => Date.parse(s.createdDateTime),
    },
    compiled.filter,
    top.value,
    cursor.value,
    (s) => s.signInEventTypes.some((t) => wanted.has(t)),
  );
  const value = beta ? page : page.map(toV1);
  return collection(ctx, req, 'auditLogs/signIns', value, next ? nextLink(ctx, req, encodeSkipToken(next)) : undefined);
}
