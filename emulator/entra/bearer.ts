import type { EmulatorContext } from '../context.ts';
import { header, type EmulatorRequest } from '../server/types.ts';
import type { ResourceApi } from './resources.ts';

/** Who called a data endpoint, from a validated access token. */
export interface Caller {
  kind: 'user' | 'app';
  tenantId: string;
  /** User object id, or the service principal's object id for app-only tokens. */
  objectId: string;
  /** The user's UPN (delegated tokens only). */
  upn: string | undefined;
  appId: string;
  appDisplayName: string;
  /** Delegated scopes (`scp`) or application roles (`roles`). */
  permissions: string[];
  /** Directory role template ids. */
  wids: string[];
  ipAddress: string;
}

export type BearerProblem = 'missing' | 'malformed' | 'expired' | 'not-yet-valid' | 'signature' | 'audience' | 'tenant';

export type BearerCheck = { ok: true; caller: Caller } | { ok: false; problem: BearerProblem; message: string };

const MESSAGES: Record<BearerProblem, string> = {
  missing: 'Access token is empty.',
  malformed: 'IDX14100: JWT is not well formed.',
  expired: 'Lifetime validation failed, the token is expired.',
  'not-yet-valid': 'Lifetime validation failed, the token is not yet valid.',
  signature: 'Signature validation failed.',
  audience: 'Invalid audience.',
  tenant: 'The token was issued for another tenant.',
};

/** Validates `Authorization: Bearer` for a resource API: signature, lifetime, audience and tenant. */
export async function authenticate(ctx: EmulatorContext, req: EmulatorRequest, resource: ResourceApi): Promise<BearerCheck> {
  const auth = header(req, 'authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(auth);
  if (!match?.[1]) return { ok: false, problem: 'missing', message: MESSAGES.missing };
  const verified = await ctx.signer.verify(match[1]);
  if (!verified.ok) return { ok: false, problem: verified.failure, message: MESSAGES[verified.failure] };
  const claims = verified.claims;
  const aud = claims.aud;
  if (typeof aud !== 'string' || !resource.aliases.some((a) => a.replace(/\/$/, '').toLowerCase() === aud.replace(/\/$/, '').toLowerCase())) {
    return { ok: false, problem: 'audience', message: MESSAGES.audience };
  }
  if (claims['tid'] !== ctx.directory.tenantId) return { ok: false, problem: 'tenant', message: MESSAGES.tenant };
  const isApp = claims['idtyp'] === 'app';
  const scp = typeof claims['scp'] === 'string' ? claims['scp'].split(' ').filter(Boolean) : [];
  const roles = Array.isArray(claims['roles']) ? (claims['roles'] as unknown[]).filter((r): r is string => typeof r === 'string') : [];
  const wids = Array.isArray(claims['wids']) ? (claims['wids'] as unknown[]).filter((r): r is string => typeof r === 'string') : [];
  const caller: Caller = {
    kind: isApp ? 'app' : 'user',
    tenantId: String(claims['tid']),
    objectId: String(claims['oid'] ?? ''),
    upn: typeof claims['upn'] === 'string' ? claims['upn'] : undefined,
    appId: String(claims['appid'] ?? ''),
    appDisplayName: String(claims['app_displayname'] ?? ''),
    permissions: isApp ? roles : scp,
    wids,
    ipAddress: req.remoteAddress.replace(/^::ffff:/, ''),
  };
  req.note['caller'] = caller.upn ?? caller.appId;
  return { ok: true, caller };
}

/** True when the caller holds any of the permissions (case-insensitive, as Entra compares them). */
export function hasAnyPermission(caller: Caller, permissions: readonly string[]): boolean {
  const held = new Set(caller.permissions.map((p) => p.toLowerCase()));
  return permissions.some((p) => held.has(p.toLowerCase()));
}
