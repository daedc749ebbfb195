import { randomUUID } from 'node:crypto';
import type { ServiceReplies } from '../server/serviceReplies.ts';
import type { EmulatorRequest, Reply } from '../server/types.ts';

/** The backend server name Exchange reports (X-CalculatedBETarget, "couldn't be found on '…'"). */
export const BACKEND_SERVER = 'EMU01MB0001.NAMPRD01.PROD.OUTLOOK.COM';

/**
 * A cmdlet failure, as the module's error parser reads it (reference §2.4): `details[0].message` is
 * `<errorId>|<exception type>|<message>`, and `x-ExceptionType` names the exception.
 */
export class CmdletError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errorId: string;
  readonly exceptionType: string;

  constructor(status: number, code: string, exceptionType: string, message: string, errorId = 'Ex6F9304') {
    super(message);
    this.name = 'CmdletError';
    this.status = status;
    this.code = code;
    this.exceptionType = exceptionType;
    this.errorId = errorId;
  }
}

export function notFound(identity: string): CmdletError {
  return new CmdletError(
    404,
    'NotFound',
    'Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException',
    `The operation couldn't be performed because object '${identity}' couldn't be found on '${BACKEND_SERVER}'.`,
  );
}

export function parameterError(message: string): CmdletError {
  return new CmdletError(400, 'BadRequest', 'System.Management.Automation.ParameterBindingException', message, 'Ex0A3D5D');
}

export function exoErrorReply(error: CmdletError, extraHeaders: Record<string, string> = {}): Reply {
  const shortType = error.exceptionType.split('.').pop() ?? error.exceptionType;
  return {
    status: error.status,
    headers: {
      'Content-Type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
      'request-id': randomUUID(),
      'x-ExceptionType': shortType,
      'X-CalculatedBETarget': BACKEND_SERVER,
      ...extraHeaders,
    },
    body: {
      error: {
        code: error.code,
        message: 'Error executing cmdlet',
        details: [{ code: 'Client', target: '', message: `${error.errorId}|${error.exceptionType}|${error.message}` }],
        innererror: { message: 'Error executing cmdlet', type: 'Microsoft.Exchange.Admin.OData.Core.ODataServiceException' },
      },
    },
  };
}

export const exoReplies: ServiceReplies = {
  throttled: (_req, retryAfterSeconds) =>
    exoErrorReply(
      new CmdletError(
        429,
        'TooManyRequests',
        'Microsoft.Exchange.Admin.OData.Core.ThrottlingException',
        'You have reached the maximum number of requests per tenant. Please wait and try again.',
        'ExB4D8A1',
      ),
      { 'Retry-After': String(retryAfterSeconds) },
    ),
  unavailable: (_req, retryAfterSeconds) =>
    exoErrorReply(
      new CmdletError(
        503,
        'ServiceUnavailable',
        'Microsoft.Exchange.Data.Storage.StorageTransientException',
        'The server is temporarily unavailable. Try again later.',
        'Ex2C1A7F',
      ),
      retryAfterSeconds ? { 'Retry-After': String(retryAfterSeconds) } : {},
    ),
  notFound: (req: EmulatorRequest) =>
    exoErrorReply(new CmdletError(404, 'NotFound', 'Microsoft.Exchange.Admin.OData.Core.ODataServiceException', `No resource at ${req.url.pathname}.`)),
  methodNotAllowed: (req: EmulatorRequest) =>
    exoErrorReply(
      new CmdletError(
        405,
        'MethodNotAllowed',
        'Microsoft.Exchange.Admin.OData.Core.ODataServiceException',
        `${req.method} is not allowed on ${req.url.pathname}; InvokeCommand takes POST.`,
      ),
    ),
  internalError: () =>
    exoErrorReply(new CmdletError(500, 'InternalServerError', 'Microsoft.Exchange.Admin.OData.Core.ODataServiceException', 'Error executing cmdlet')),
};
