import type { AuthMode, AuthService } from '../auth/authService.ts';
import type { Logger } from '../log.ts';
import { ExchangeAdminClient } from '../m365/exo/exchangeAdminClient.ts';
import { GraphClient } from '../m365/graph/graphClient.ts';
import { M365Http, type ThrottleNotice } from '../m365/http/m365Http.ts';
import type { TenantEndpoints } from '../net/tenantEndpoints.ts';
import type { ConnectedProfile } from '../profiles/profileSchema.ts';

/** The API clients a job uses, all on one HTTP layer and one token source. */
export interface TenantClients {
  endpoints: TenantEndpoints;
  http: M365Http;
  graph: GraphClient;
  exchange: ExchangeAdminClient;
}

export async function createTenantClients(
  auth: AuthService,
  profile: ConnectedProfile,
  mode: AuthMode,
  log: Logger,
  onWait?: (notice: ThrottleNotice) => void,
): Promise<TenantClients> {
  const { endpoints, dispatcher } = auth.connection(profile);
  const tokens = auth.tokenSource(profile, mode);
  const http = new M365Http({ dispatcher, tokens, log, maxAttempts: maxAttempts(), ...(onWait ? { onWait } : {}) });
  const anchor = mode === 'user' ? ((await auth.status(profile)).user?.username ?? null) : null;
  return { endpoints, http, graph: new GraphClient(http, endpoints), exchange: new ExchangeAdminClient(http, endpoints, anchor) };
}

/**
 * How many times one request is tried before its part of the work is reported missing. Eight attempts with
 * exponential backoff ride out a few minutes of trouble; WARDEN_HTTP_MAX_ATTEMPTS changes it (tests, or a
 * patient overnight run).
 */
function maxAttempts(): number {
  const configured = Number(process.env['WARDEN_HTTP_MAX_ATTEMPTS']);
  return Number.isInteger(configured) && configured >= 1 && configured <= 50 ? configured : 8;
}
