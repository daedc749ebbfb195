import type { EmulatorLogger } from './log.ts';
import type { Directory } from './entra/directory.ts';
import type { TokenFactory } from './entra/tokenFactory.ts';
import type { TokenSigner } from './entra/signer.ts';
import type { FaultPlan } from './server/faults.ts';
import type { RequestLog } from './server/requestLog.ts';
import { header, type EmulatorRequest } from './server/types.ts';
import type { IngestionClock } from './state/ingestionClock.ts';
import type { OverlayAuditLog } from './state/overlayAuditLog.ts';
import type { AuditRecordSource } from './state/auditRecordSource.ts';
import type { AdminAuditRecorder } from './state/adminAuditRecorder.ts';
import type { Throttles } from './server/throttles.ts';
import type { Tenant } from './tenant/model.ts';

/** Everything the endpoint modules share. One per running emulator. */
export interface EmulatorContext {
  tenant: Tenant;
  seed: string;
  log: EmulatorLogger;
  directory: Directory;
  signer: TokenSigner;
  tokens: TokenFactory;
  clock: IngestionClock;
  overlay: OverlayAuditLog;
  audit: AuditRecordSource;
  recorder: AdminAuditRecorder;
  faults: FaultPlan;
  requestLog: RequestLog;
  throttles: Throttles;
  /** `https://127.0.0.1:PORT`, known once the server listens. */
  origin: string;
  port: number;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The origin a client reached us on (`https://localhost:PORT` or `https://127.0.0.1:PORT`), so the URLs the
 * emulator hands out (issuer, nextLink, contentUri) keep the host the client trusts and configured.
 */
export function originOf(ctx: EmulatorContext, req: EmulatorRequest): string {
  const host = header(req, 'host');
  if (host) {
    const match = /^(\[::1\]|[^:]+):(\d+)$/.exec(host);
    if (match && LOCAL_HOSTS.has(match[1] ?? '') && Number(match[2]) === ctx.port) return `https://${host}`;
  }
  return ctx.origin;
}
