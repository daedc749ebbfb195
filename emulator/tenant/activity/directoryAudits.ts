// Builds Graph directoryAudit objects (§3.3 of the wire-format reference).

import type { DirectoryAudit, DirectoryAuditModifiedProperty, DirectoryAuditTargetResource, User } from '../model.ts';
import { isoZ } from '../time.ts';

export interface DirectoryAuditSpec {
  ms: number;
  /** 'Directory_<correlationId>_<suffix>' style id. */
  id: string;
  correlationId: string;
  activity: string;
  category: string;
  operationType: 'Add' | 'Update' | 'Delete' | 'Assign' | 'Unassign';
  loggedByService?: string;
  actor: User | null;
  actorIp?: string;
  actorApp?: { appId: string | null; displayName: string; servicePrincipalId: string };
  targets: { id: string; displayName: string | null; type: DirectoryAuditTargetResource['type']; userPrincipalName?: string | null; modified?: DirectoryAuditModifiedProperty[] }[];
  additionalDetails?: { key: string; value: string }[];
  result?: 'success' | 'failure';
}

export function directoryAuditId(correlationId: string, suffix: string): string {
  return `Directory_${correlationId}_${suffix}`;
}

export function buildDirectoryAudit(s: DirectoryAuditSpec): DirectoryAudit {
  return {
    id: s.id,
    category: s.category,
    correlationId: s.correlationId,
    result: s.result ?? 'success',
    resultReason: '',
    activityDisplayName: s.activity,
    activityDateTime: isoZ(s.ms),
    loggedByService: s.loggedByService ?? 'Core Directory',
    operationType: s.operationType,
    initiatedBy: {
      user: s.actor ? { id: s.actor.id, displayName: null, userPrincipalName: s.actor.userPrincipalName, ipAddress: s.actorIp ?? '', userType: 'Member' } : null,
      app: s.actorApp ? { appId: s.actorApp.appId, displayName: s.actorApp.displayName, servicePrincipalId: s.actorApp.servicePrincipalId, servicePrincipalName: null } : null,
    },
    targetResources: s.targets.map((t) => ({
      id: t.id,
      displayName: t.displayName,
      type: t.type,
      userPrincipalName: t.userPrincipalName ?? null,
      groupType: null,
      modifiedProperties: t.modified ?? [],
    })),
    additionalDetails: s.additionalDetails ?? [],
  };
}
