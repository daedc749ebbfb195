import { WardenError, type ErrorCode } from '../../../../shared/errors.ts';

/**
 * An HTTP exchange with Microsoft 365 that did not succeed, after retries where retrying made sense.
 * Carries what a user or a job needs to report it: status, host, the service's own error code and
 * message, and the correlation id to quote to Microsoft support.
 */
export class M365HttpError extends WardenError {
  readonly status: number | null;
  readonly host: string;
  readonly serviceCode: string | null;
  readonly correlationId: string;
  readonly transient: boolean;

  constructor(options: { code: ErrorCode; message: string; status: number | null; host: string; serviceCode: string | null; correlationId: string; transient: boolean }) {
    super(options.code, options.message);
    this.name = 'M365HttpError';
    this.status = options.status;
    this.host = options.host;
    this.serviceCode = options.serviceCode;
    this.correlationId = options.correlationId;
    this.transient = options.transient;
  }
}

/** The service's error code and message from a Graph, Exchange admin or Management API error body. */
export function serviceError(body: string): { code: string | null; message: string | null } {
  try {
    const json = JSON.parse(body) as { error?: { code?: unknown; message?: unknown; details?: Array<{ message?: unknown }> }; Message?: unknown };
    const error = json.error;
    if (error) {
      // Exchange: details[0].message is "<errorId>|<exception type>|<message>".
      const detail = typeof error.details?.[0]?.message === 'string' ? (error.details[0].message as string) : null;
      const parts = detail?.split('|');
      const message = parts && parts.length >= 3 ? `${parts.slice(2).join('|')} (${parts[1]})` : typeof error.message === 'string' ? error.message : null;
      return { code: typeof error.code === 'string' ? error.code : null, message };
    }
    if (typeof json.Message === 'string') return { code: null, message: json.Message };
  } catch {
    // Not JSON (an HTML error page from a proxy): the caller reports the status.
  }
  return { code: null, message: null };
}
