import type { EmulatorContext } from '../context.ts';
import type { EmulatorRequest, Reply } from '../server/types.ts';
import type { User } from '../tenant/model.ts';
import { graphAccess } from './access.ts';
import { graphError } from './errors.ts';
import { entity, parseSelect, project } from './odata.ts';
import { listStatic } from './staticList.ts';

/** The Graph `user` properties the tenant carries; the rest of a User (password, TOTP secret...) is never served. */
export const USER_PROPERTIES = [
  'id',
  'userPrincipalName',
  'displayName',
  'givenName',
  'surname',
  'mail',
  'jobTitle',
  'department',
  'officeLocation',
  'mobilePhone',
  'businessPhones',
  'preferredLanguage',
  'accountEnabled',
  'userType',
  'usageLocation',
  'createdDateTime',
  'country',
  'city',
] as const;

/** Returned without `$select` (reference §3.5). */
export const DEFAULT_USER_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'id',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
] as const;

const READ_USERS = ['User.Read.All', 'User.ReadBasic.All', 'Directory.Read.All'];

/** GET /{version}/users: 100 per page by default, `$top` up to 999. */
export async function listUsers(ctx: EmulatorContext, req: EmulatorRequest): Promise<Reply> {
  const access = await graphAccess(ctx, req, { permissions: READ_USERS });
  if (!access.ok) return access.reply;
  const EQ = ['eq'] as const;
  return listStatic<User>(ctx, req, {
    entitySet: 'users',
    typeName: 'microsoft.graph.user',
    items: ctx.tenant.users,
    filter: { userPrincipalName: EQ, id: EQ, mail: EQ, displayName: EQ, accountEnabled: EQ, userType: EQ, createdDateTime: ['ge', 'le', 'gt', 'lt', 'eq'] },
    timePath: 'createdDateTime',
    top: { fallback: 100, max: 999 },
    select: { allowed: USER_PROPERTIES, defaults: DEFAULT_USER_PROPERTIES },
  });
}

/** GET /{version}/users/{id | userPrincipalName} */
export async function getUser(ctx: EmulatorContext, req: EmulatorRequest): Promise<Reply> {
  const access = await graphAccess(ctx, req, { permissions: READ_USERS });
  if (!access.ok) return access.reply;
  const key = req.params['user'] ?? '';
  const user = ctx.directory.userById(key) ?? ctx.directory.userByUpn(key);
  if (!user)
    return graphError(
      req,
      404,
      'Request_ResourceNotFound',
      `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`,
    );
  const select = parseSelect(req, USER_PROPERTIES, 'microsoft.graph.user');
  if (!select.ok) return select.reply;
  return entity(ctx, req, 'users', project(user, select.value ?? DEFAULT_USER_PROPERTIES));
}

/** GET /{version}/me: the signed-in user (delegated tokens only). */
export async function getMe(ctx: EmulatorContext, req: EmulatorRequest): Promise<Reply> {
  const access = await graphAccess(ctx, req, { permissions: ['User.Read', ...READ_USERS] });
  if (!access.ok) return access.reply;
  if (access.caller.kind !== 'user') return graphError(req, 400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
  const user = ctx.directory.userById(access.caller.objectId);
  if (!user)
    return graphError(
      req,
      404,
      'Request_ResourceNotFound',
      `Resource '${access.caller.objectId}' does not exist or one of its queried reference-property objects are not present.`,
    );
  const select = parseSelect(req, USER_PROPERTIES, 'microsoft.graph.user');
  if (!select.ok) return select.reply;
  return entity(ctx, req, 'users', project(user, select.value ?? DEFAULT_USER_PROPERTIES));
}
