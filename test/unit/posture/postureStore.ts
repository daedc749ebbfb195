// A real encrypted store with inventory snapshots and records written the way the jobs and importers write
// them, for the posture check tests.
import { addRecords, setContext, tempStore } from '../../../main/core/detect/testing/detectHarness.ts';
import { AUDIT_ITEM } from '../../../main/core/inventory/auditConfigInventory.ts';
import { InventoryRepository, type InventoryItem, type InventoryScope } from '../../../main/core/inventory/inventoryRepository.ts';
import { ROLE_ITEM } from '../../../main/core/inventory/roleInventory.ts';
import { evaluatePosture } from '../../../main/core/posture/evaluatePosture.ts';
import { createPostureSnapshot, POSTURE_ITEM } from '../../../main/core/posture/postureSnapshot.ts';
import type { EvidenceStore } from '../../../main/core/store/openStore.ts';
import type { PostureCheckResult } from '../../../shared/model/posture.ts';

export const NOW = Date.UTC(2026, 5, 20, 12);
export { addRecords, setContext, AUDIT_ITEM, ROLE_ITEM, POSTURE_ITEM };

let nextJob = 1;

/** Writes one snapshot of `scope` with these items; complete unless `complete: false`. */
export function snapshot(store: EvidenceStore, scope: InventoryScope | 'posture', items: InventoryItem[], options: { complete?: boolean } = {}): number {
  const repo = new InventoryRepository(store.db);
  const id = scope === 'posture' ? createPostureSnapshot(store.db, nextJob++, NOW - 60_000) : repo.createSnapshot(nextJob++, scope, NOW - 60_000);
  repo.putItems(id, items);
  if (options.complete !== false) repo.complete(id, NOW - 30_000);
  return id;
}

export function freshStore(): EvidenceStore {
  return tempStore();
}

export function check(store: EvidenceStore, id: string): PostureCheckResult {
  const found = evaluatePosture(store, { now: NOW }).checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

export const mailbox = (upn: string, extra: Record<string, unknown> = {}): InventoryItem => ({
  type: 'mailbox',
  identity: `${upn}-guid`,
  data: { UserPrincipalName: upn, PrimarySmtpAddress: upn, RecipientTypeDetails: 'UserMailbox', AuditEnabled: true, ForwardingSmtpAddress: null, ...extra },
});
export const cas = (upn: string, smtp: boolean | null): InventoryItem => ({ type: 'casMailbox', identity: `${upn}-guid`, data: { PrimarySmtpAddress: upn, SmtpClientAuthenticationDisabled: smtp } });
export const registration = (upn: string, isAdmin: boolean, mfa: boolean): InventoryItem => ({
  type: POSTURE_ITEM.registration,
  identity: `${upn}-id`,
  data: { id: `${upn}-id`, userPrincipalName: upn, isAdmin, isMfaRegistered: mfa },
});

/** A role inventory: groups by name with member UPNs (type User unless given), and role entries when `cmdlets` is set. */
export function roleSnapshot(store: EvidenceStore, groups: Record<string, { roles: string[]; members: Array<string | { upn: string; type: string; name?: string }> }>, cmdlets: Record<string, string[]>): number {
  const items: InventoryItem[] = [];
  for (const [name, g] of Object.entries(groups)) {
    const identity = `${name.toLowerCase().replace(/\W+/g, '-')}-guid`;
    items.push({ type: ROLE_ITEM.group, identity, data: { Name: name, Roles: g.roles } });
    for (const m of g.members) {
      const member = typeof m === 'string' ? { upn: m, type: 'UserMailbox', name: m.split('@')[0]! } : { name: m.upn.split('@')[0]!, ...m };
      items.push({ type: ROLE_ITEM.member, identity: `${identity}|${member.upn}`, parent: identity, data: { DisplayName: member.name, WindowsLiveID: member.upn, RecipientTypeDetails: member.type } });
    }
  }
  for (const [role, list] of Object.entries(cmdlets)) for (const c of list) items.push({ type: ROLE_ITEM.entry, identity: `${role}|${c}`, parent: role, data: { Name: c } });
  return snapshot(store, 'roles', items);
}
