import type { SignInEvent } from '../../engine/signInEvent.ts';

/**
 * Entra sign-in error codes (AADSTS) that are not a wrong credential: interrupts on the way to a
 * successful sign-in (MFA prompt, keep-me-signed-in, device checks), Conditional Access decisions,
 * consent and MFA outcomes. Counting them as password failures would turn every MFA prompt into a
 * "failed sign-in". Source: the AADSTS error reference in reference/microsoft-wire-formats.md.
 */
const NOT_A_CREDENTIAL_FAILURE = new Set([
  16000, 16001, 16003, 50058, 50072, 50074, 50076, 50079, 50097, 50125, 50129, 50140, 50143, 50144, 50155, 50158, 50199, 51006, 53000, 53001, 53002, 53003,
  53004, 65001, 70016, 70044, 81010, 81012, 90072, 90095, 500121, 530032, 700082,
]);

/** The password (or the account name) was wrong, or the account cannot be used: what guessing produces. */
export function isCredentialFailure(e: SignInEvent): boolean {
  if (e.result !== 'failure') return false;
  if (e.errorCode === null) return true;
  return !NOT_A_CREDENTIAL_FAILURE.has(e.errorCode);
}

/** 500121 (strong authentication failed: the push was refused or not answered) and Entra's MFA-denied details. */
export function isMfaDenial(e: SignInEvent): boolean {
  if (e.result !== 'failure') return false;
  if (e.errorCode === 500121) return true;
  const detail = `${e.authDetail ?? ''} ${e.failureReason ?? ''}`.toLowerCase();
  return detail.includes('mfa denied') || detail.includes('did not respond') || detail.includes('declined the authentication');
}

/**
 * Client apps that authenticate with basic (legacy) authentication, as Entra names them in
 * clientAppUsed: no MFA and no Conditional Access device checks are possible with them.
 */
export const LEGACY_CLIENT_APPS = [
  'Authenticated SMTP',
  'AutoDiscover',
  'Exchange ActiveSync',
  'Exchange Online PowerShell',
  'Exchange Web Services',
  'IMAP4',
  'IMAP',
  'MAPI Over HTTP',
  'Offline Address Book',
  'Other clients',
  'Outlook Anywhere (RPC over HTTP)',
  'POP3',
  'POP',
  'Reporting Web Services',
  'Universal Outlook',
] as const;
const LEGACY = new Set(LEGACY_CLIENT_APPS.map((a) => a.toLowerCase()));

export function isLegacyClientApp(clientApp: string | null): boolean {
  return clientApp !== null && LEGACY.has(clientApp.toLowerCase());
}

/** How a device shows itself: its Entra device id when registered, else what the client says it is. */
export function deviceFingerprint(e: SignInEvent): string {
  if (e.deviceId) return `device:${e.deviceId.toLowerCase()}`;
  return `client:${(e.deviceOs ?? '').toLowerCase()}|${(e.deviceBrowser ?? '').toLowerCase()}|${(e.userAgent ?? '').toLowerCase()}`;
}

/** A human description of the device for explanations. */
export function describeDevice(e: SignInEvent): string {
  if (e.deviceId) return `registered device ${e.deviceId}`;
  const parts = [e.deviceOs, e.deviceBrowser].filter((p): p is string => !!p);
  const ua = e.userAgent ? ` (${e.userAgent.slice(0, 80)})` : '';
  return parts.length > 0 ? `unregistered ${parts.join(' / ')}${ua}` : `an unregistered client${ua}`;
}

/** Great-circle distance in km (haversine). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

export function where(e: { ip: string | null; country: string | null; city?: string | null }): string {
  const place = [e.city, e.country].filter((p): p is string => !!p).join(', ');
  return `${e.ip ?? 'an unknown address'}${place ? ` (${place})` : ''}`;
}
