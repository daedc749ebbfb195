import { createHash } from 'node:crypto';
import type { ExchangeAdminRecord, NameValue, Tenant } from '../tenant/model.ts';
import { formatCreationTime } from './creationTime.ts';
import type { IngestionClock } from './ingestionClock.ts';
import type { OverlayAuditLog } from './overlayAuditLog.ts';

export interface AdminActor {
  kind: 'user' | 'app';
  /** UPN, or the app id for app-only callers. */
  userId: string;
  objectId: string;
  appId: string;
}

export interface AdminAction {
  cmdlet: string;
  /** The object the cmdlet changed, as ObjectId shows it. */
  objectId: string;
  /** Parameters as the caller sent them. */
  parameters: ReadonlyArray<[string, unknown]>;
  actor: AdminActor;
  /** `ip:port` of the caller, as Exchange writes ClientIP. */
  clientIp: string;
  sessionId: string;
}

/** Parameter values in the unified audit log are strings: booleans "True"/"False", lists `;`-joined (§4.12). */
export function auditParameterValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return value.map(auditParameterValue).join(';');
  if (typeof value === 'object') {
    const h = value as Record<string, unknown>;
    return Object.entries(h)
      .filter(([k]) => !k.includes('@odata'))
      .map(([k, v]) => `${k}=${auditParameterValue(v)}`)
      .join(';');
  }
  return String(value);
}

const HIDDEN_PARAMETERS = new Set(['confirm', 'warningaction', 'erroraction', 'verbose', 'debug', 'whatif']);

/**
 * Writes the unified audit record an Exchange admin cmdlet causes (RecordType 1, ExchangeAdmin) into the overlay
 * log, visible after the ingestion delay. Nothing is recorded while unified audit ingestion is off, which is
 * exactly what turning it off does.
 */
export class AdminAuditRecorder {
  private readonly tenant: Tenant;
  private readonly overlay: OverlayAuditLog;
  private readonly clock: IngestionClock;
  private readonly seed: string;
  private count = 0;

  constructor(tenant: Tenant, overlay: OverlayAuditLog, clock: IngestionClock, seed: string) {
    this.tenant = tenant;
    this.overlay = overlay;
    this.clock = clock;
    this.seed = seed;
  }

  record(action: AdminAction, ingestionWasEnabled = this.tenant.state.adminAuditLogConfig.UnifiedAuditLogIngestionEnabled): ExchangeAdminRecord | undefined {
    if (!ingestionWasEnabled) return undefined;
    this.count += 1;
    const now = this.clock.now();
    const info = this.tenant.info;
    const parameters: NameValue[] = action.parameters
      .filter(([name]) => !HIDDEN_PARAMETERS.has(name.toLowerCase()))
      .map(([Name, value]) => ({ Name, Value: auditParameterValue(value) }));
    const record: ExchangeAdminRecord = {
      CreationTime: formatCreationTime(now),
      Id: guidFrom(`${this.seed}|overlay|${this.count}`),
      Operation: action.cmdlet,
      OrganizationId: info.tenantId,
      RecordType: 1,
      ResultStatus: 'True',
      UserKey: action.actor.kind === 'app' ? action.actor.appId : action.actor.objectId,
      UserType: action.actor.kind === 'app' ? 5 : 2,
      Version: 1,
      Workload: 'Exchange',
      ObjectId: action.objectId,
      UserId: action.actor.userId,
      ClientIP: action.clientIp,
      AppId: action.actor.appId,
      ClientAppId: action.actor.kind === 'app' ? action.actor.appId : '',
      ExternalAccess: false,
      OrganizationName: info.domain,
      OriginatingServer: 'EMU01MB0001 (15.20.7587.036)',
      Parameters: parameters,
      SessionId: action.sessionId,
      TokenObjectId: action.actor.objectId,
      TokenTenantId: info.tenantId,
    };
    this.overlay.append({
      record,
      contentType: 'Audit.Exchange',
      createdAt: Date.parse(`${record.CreationTime}Z`),
      visibleAt: now + this.clock.delaySeconds * 1000,
    });
    return record;
  }
}

/** A GUID from a hash, so overlay record ids repeat run to run. */
export function guidFrom(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 17), 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
