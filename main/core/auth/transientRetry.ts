import { AuthError } from '@azure/msal-node';

/**
 * Entra answers some token requests with "try again" (AADSTS90033 transient error, 90055 throttled, a 5xx, a
 * dropped connection). MSAL passes those straight up; a long collection must not end incomplete because one
 * token request hit such a moment, so token acquisition retries them a few times with growing pauses.
 * Anything else (revoked session, bad credential, missing consent) is not retried: only the user can fix it.
 */
const TRANSIENT_AADSTS = new Set(['90033', '90055', '90006', '50196']);
const TRANSIENT_MSAL_CODES = new Set(['temporarily_unavailable', 'server_error', 'network_error', 'post_request_failed', 'get_request_failed']);
const TRANSIENT_SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

export function isTransientTokenError(error: unknown): boolean {
  if (error instanceof AuthError) {
    const code = /AADSTS(\d+)/.exec(`${error.errorMessage ?? ''} ${error.message}`)?.[1];
    if (code) return TRANSIENT_AADSTS.has(code);
    return TRANSIENT_MSAL_CODES.has(error.errorCode);
  }
  const socketCode = (error as { code?: unknown; cause?: { code?: unknown } } | null)?.code ?? (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof socketCode === 'string' && TRANSIENT_SOCKET_CODES.has(socketCode);
}

export interface TransientRetryOptions {
  /** Pauses before each retry; their count is the number of retries. */
  delaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

const DEFAULT_DELAYS_MS = [1_000, 2_000, 4_000, 8_000] as const;

export async function withTransientRetry<T>(acquire: () => Promise<T>, options: TransientRetryOptions = {}): Promise<T> {
  const delays = options.delaysMs ?? DEFAULT_DELAYS_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      return await acquire();
    } catch (error) {
      const delay = delays[attempt];
      if (delay === undefined || !isTransientTokenError(error)) throw error;
      options.onRetry?.(error, attempt + 1, delay);
      await sleep(delay);
    }
  }
}
