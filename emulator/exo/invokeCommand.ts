import { originOf, type EmulatorContext } from '../context.ts';
import { authenticate, hasAnyPermission, type Caller } from '../entra/bearer.ts';
import { EXCHANGE } from '../entra/resources.ts';
import { header, type EmulatorRequest, type Reply } from '../server/types.ts';
import { CMDLETS } from './cmdlets/index.ts';
import type { SearchSessions } from './cmdlets/searchSessions.ts';
import { envelope, serializeObject, successHeaders } from './envelope.ts';
import { CmdletError, exoErrorReply } from './errors.ts';
import { bindParameters } from './parameters.ts';
import { allowedCmdlets } from './rbac.ts';
import { maxPageSize, type ResultPages } from './resultPages.ts';

export interface ExoState {
  sessions: SearchSessions;
  results: ResultPages;
  /** Requests per app in the current Rate-Limit window, for the Rate-Limit-* headers. */
  rate: Map<string, { count: number; windowStart: number }>;
}

const RATE_LIMIT = 30_000;
const RATE_WINDOW_MS = 15 * 60_000;

function unauthorized(ctx: EmulatorContext, req: EmulatorRequest, message: string, expired: boolean): Reply {
  return exoErrorReply(new CmdletError(401, 'Unauthorized', 'System.UnauthorizedAccessException', message), {
    'WWW-Authenticate': `Bearer client_id="${EXCHANGE.appId}", trusted_issuers="00000001-0000-0000-c000-000000000000@*", token_types="app_asserted_user_v1 service_asserted_app_v1", authorization_uri="${originOf(ctx, req)}/common/oauth2/authorize", error="invalid_token"`,
    'x-ms-diagnostics': `${expired ? '2000003' : '2000001'};reason="${message}";error_category="invalid_token"`,
  });
}

function badRequest(message: string): CmdletError {
  return new CmdletError(400, 'BadRequest', 'Microsoft.Exchange.Admin.OData.Core.ODataServiceException', message, 'Ex9F0E31');
}

interface CmdletInput {
  name: string;
  parameters: unknown;
}

function parseInput(req: EmulatorRequest): CmdletInput {
  let body: unknown;
  try {
    body = JSON.parse(req.body.toString('utf8'));
  } catch {
    throw badRequest('The request body is not valid JSON; send {"CmdletInput":{"CmdletName":"…","Parameters":{…}}}.');
  }
  const input = (body as { CmdletInput?: { CmdletName?: unknown; Parameters?: unknown } } | null)?.CmdletInput;
  if (!input || typeof input.CmdletName !== 'string' || input.CmdletName.trim() === '') {
    throw badRequest('The request body must contain CmdletInput.CmdletName.');
  }
  return { name: input.CmdletName.trim(), parameters: input.Parameters };
}

function rateFor(state: ExoState, appId: string, now = Date.now()): { limit: number; remaining: number; resetAt: number } {
  let entry = state.rate.get(appId);
  if (!entry || entry.windowStart + RATE_WINDOW_MS <= now) {
    entry = { count: 0, windowStart: now };
    state.rate.set(appId, entry);
  }
  entry.count += 1;
  return { limit: RATE_LIMIT, remaining: RATE_LIMIT - entry.count, resetAt: entry.windowStart + RATE_WINDOW_MS };
}

/** POST /exo/adminapi/beta/{tenant}/InvokeCommand (reference §2.2-2.5). */
export async function invokeCommand(ctx: EmulatorContext, exo: ExoState, req: EmulatorRequest): Promise<Reply> {
  const tenant = req.params['tenant'] ?? '';
  const check = await authenticate(ctx, req, EXCHANGE);
  if (!check.ok) return unauthorized(ctx, req, check.message, check.problem === 'expired');
  const caller = check.caller;
  try {
    if (!ctx.directory.isThisTenant(tenant)) {
      throw new CmdletError(
        404,
        'NotFound',
        'Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException',
        `The tenant '${tenant}' couldn't be found. Use the tenant id or its onmicrosoft.com domain.`,
      );
    }
    const needed = caller.kind === 'app' ? 'Exchange.ManageAsApp' : 'Exchange.Manage';
    if (!hasAnyPermission(caller, [needed])) {
      throw new CmdletError(
        403,
        'Forbidden',
        'System.UnauthorizedAccessException',
        `The access token does not grant ${needed}; Exchange Online refuses the call.`,
      );
    }
    const input = parseInput(req);
    req.note['cmdlet'] = input.name;
    const definition = CMDLETS.get(input.name.toLowerCase());
    if (!definition) {
      throw new CmdletError(
        400,
        'BadRequest',
        'System.Management.Automation.CommandNotFoundException',
        `The term '${input.name}' is not recognized as a name of a cmdlet, function, script file, or executable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.`,
        'Ex4D2E3B',
      );
    }
    if (!allowedCmdlets(ctx, caller).has(definition.name.toLowerCase())) {
      throw new CmdletError(
        403,
        'Forbidden',
        'Microsoft.Exchange.Configuration.Tasks.CmdletAccessDeniedException',
        `The user '${caller.upn ?? caller.appDisplayName}' isn't assigned to any management roles that grant access to the cmdlet '${definition.name}'.`,
        'ExA7E5C2',
      );
    }
    const pageSize = maxPageSize(header(req, 'prefer'));
    const skip = req.url.searchParams.get('$skiptoken');
    let resultId: number;
    let offset = 0;
    let value: object[];
    let warnings: string[];
    if (skip !== null) {
      const match = /^(\d+)_(\d+)$/.exec(skip);
      const stored = match ? exo.results.get(Number(match[1]), definition.name) : undefined;
      if (!match || !stored) throw badRequest(`The $skiptoken '${skip}' is invalid or has expired; run the cmdlet again.`);
      resultId = Number(match[1]);
      offset = Number(match[2]);
      value = stored.value;
      warnings = [];
    } else {
      const params = bindParameters(definition.name, definition.params, input.parameters);
      const output = await definition.run({ ctx, caller, params, req, sessions: exo.sessions });
      if (output.audit) recordChange(ctx, req, caller, definition.name, params.raw, output.audit);
      value = output.value;
      warnings = output.warnings ?? [];
      resultId = exo.results.store(definition.name, value, warnings);
    }
    const select = req.url.searchParams
      .get('$select')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const page = value.slice(offset, offset + pageSize).map((item) => serializeObject(item, select));
    const more = offset + pageSize < value.length;
    const origin = originOf(ctx, req);
    const selectPart = select ? `$select=${select.join(',')}&` : '';
    const next = more ? `${origin}${req.url.pathname}?${selectPart}$skiptoken=${resultId}_${offset + pageSize}` : undefined;
    const contextUrl = `${origin}/exo/adminapi/beta/${tenant}/$metadata#Collection(Exchange.GenericHashTable)`;
    return { status: 200, headers: successHeaders(caller.appId, rateFor(exo, caller.appId)), body: envelope(contextUrl, page, warnings, next) };
  } catch (error) {
    if (error instanceof CmdletError) return exoErrorReply(error);
    throw error;
  }
}

function recordChange(
  ctx: EmulatorContext,
  req: EmulatorRequest,
  caller: Caller,
  cmdlet: string,
  parameters: Array<[string, unknown]>,
  audit: { objectId: string; ingestionWasEnabled?: boolean },
): void {
  const ip = req.remoteAddress.replace(/^::ffff:/, '');
  ctx.recorder.record(
    {
      cmdlet,
      objectId: audit.objectId,
      parameters,
      actor: { kind: caller.kind, userId: caller.upn ?? caller.appId, objectId: caller.objectId, appId: caller.appId },
      clientIp: ip.includes(':') ? `[${ip}]:${req.remotePort}` : `${ip}:${req.remotePort}`,
      sessionId: header(req, 'connection-id') ?? '',
    },
    audit.ingestionWasEnabled,
  );
}
