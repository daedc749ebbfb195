/**
 * One sign-in attempt as the sign-in rules see it: an Entra sign-in record, or a unified audit log
 * logon (UserLoggedIn / UserLoginFailed) for which the store holds no Entra sign-in.
 */
export interface SignInEvent {
  /** records.id */
  id: number;
  source: 'signin' | 'ual-logon';
  timeMs: number;
  user: string | null;
  ip: string | null;
  result: 'success' | 'failure' | null;
  errorCode: number | null;
  /** From the record (Entra's own geolocation) when present, else from the offline IP database. */
  country: string | null;
  countrySource: 'record' | 'ip-database' | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  clientApp: string | null;
  app: string | null;
  appId: string | null;
  resource: string | null;
  sessionId: string | null;
  interactive: boolean | null;
  authProtocol: string | null;
  authDetail: string | null;
  authMethods: string | null;
  failureReason: string | null;
  riskLevel: string | null;
  riskState: string | null;
  deviceId: string | null;
  deviceOs: string | null;
  deviceBrowser: string | null;
  userAgent: string | null;
}

export const isSuccess = (e: SignInEvent): boolean => e.result === 'success';

/** What window rules keep of an event they may need later: small, so a million events fit in memory. */
export interface BriefEvent {
  id: number;
  timeMs: number;
  user: string | null;
  ip: string | null;
  errorCode: number | null;
  country: string | null;
  countrySource: SignInEvent['countrySource'];
}

export function brief(e: SignInEvent): BriefEvent {
  return { id: e.id, timeMs: e.timeMs, user: e.user, ip: e.ip, errorCode: e.errorCode, country: e.country, countrySource: e.countrySource };
}
