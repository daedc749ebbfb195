import type { Tenant, User } from '../tenant/model.ts';
import { X509Certificate } from 'node:crypto';
import { thumbprintsOf, type CertificateThumbprints } from '../pki/thumbprint.ts';
import { EXCHANGE, GRAPH, MANAGE, type ResourceApi } from './resources.ts';

/** A certificate registered on an app registration (keyCredentials). */
export interface RegisteredCertificate {
  certPem: string;
  thumbprints: CertificateThumbprints;
  notBefore: Date;
  notAfter: Date;
}

/** The automation app's registered credentials and granted application permissions. */
export interface ConfidentialApp {
  clientId: string;
  displayName: string;
  servicePrincipalId: string;
  certificates: RegisteredCertificate[];
  roles: Map<ResourceApi['key'], string[]>;
}

export function registeredCertificate(certPem: string): RegisteredCertificate {
  const x509 = new X509Certificate(certPem);
  return { certPem, thumbprints: thumbprintsOf(certPem), notBefore: new Date(x509.validFrom), notAfter: new Date(x509.validTo) };
}

/**
 * Who exists in the emulated directory: users by UPN and id, the tenant's names, the public client and the
 * automation app. Also remembers per-user `tokensValidFrom` (refresh-token revocation, AADSTS50173).
 */
export class Directory {
  readonly tenant: Tenant;
  readonly automationApp: ConfidentialApp;
  private readonly byUpn = new Map<string, User>();
  private readonly byId = new Map<string, User>();
  private readonly tokensValidFrom = new Map<string, number>();
  /** Users whose next token request must bring a fresh MFA sign-in (epoch s): refreshes of older sign-ins get AADSTS50076. */
  private readonly mfaRequiredSince = new Map<string, number>();
  /** Delegated permissions withdrawn from the public client, as `<resource key>|<permission>` (`|*` = all of it). */
  private readonly withdrawnConsent = new Set<string>();

  constructor(tenant: Tenant, appCertPem: string) {
    this.tenant = tenant;
    for (const user of tenant.users) {
      this.byUpn.set(user.userPrincipalName.toLowerCase(), user);
      this.byId.set(user.id.toLowerCase(), user);
    }
    const app = tenant.info.automationApp;
    this.automationApp = {
      clientId: app.clientId,
      displayName: app.displayName,
      servicePrincipalId: app.servicePrincipalId,
      certificates: [registeredCertificate(appCertPem)],
      roles: new Map([
        ['graph', GRAPH.application],
        ['exchange', EXCHANGE.application],
        ['manage', MANAGE.application],
      ]),
    };
  }

  get tenantId(): string {
    return this.tenant.info.tenantId;
  }

  get publicClientId(): string {
    return this.tenant.info.publicClientId;
  }

  /** Whether a `{tenant}` path segment names this tenant (GUID, a verified domain, or common/organizations). */
  knowsTenant(segment: string): boolean {
    const s = segment.toLowerCase();
    if (s === 'common' || s === 'organizations') return true;
    if (s === this.tenant.info.tenantId.toLowerCase() || s === this.tenant.info.domain.toLowerCase()) return true;
    return this.tenant.info.verifiedDomains.some((d) => d.toLowerCase() === s);
  }

  /** The tenant GUID or a verified domain: what a data API URL may name. */
  isThisTenant(segment: string): boolean {
    const s = segment.toLowerCase();
    return s !== 'common' && s !== 'organizations' && this.knowsTenant(s);
  }

  userByUpn(upn: string): User | undefined {
    return this.byUpn.get(upn.trim().toLowerCase());
  }

  userById(id: string): User | undefined {
    return this.byId.get(id.trim().toLowerCase());
  }

  /** A user by UPN, object id, mail or display name: how Exchange cmdlets resolve an identity. */
  findUser(identity: string): User | undefined {
    return (
      this.userByUpn(identity) ??
      this.userById(identity) ??
      this.tenant.users.find((u) => u.mail?.toLowerCase() === identity.toLowerCase() || u.displayName === identity)
    );
  }

  /** Directory role template ids held by a principal (user or service principal), for the `wids` claim. */
  roleTemplateIds(principalId: string): string[] {
    const state = this.tenant.state;
    const ids = state.roleAssignments.filter((a) => a.principalId === principalId).map((a) => a.roleDefinitionId);
    const templates = ids.map((id) => state.roleDefinitions.find((d) => d.id === id || d.templateId === id)?.templateId ?? id);
    return [...new Set(templates)].sort();
  }

  /** Directory role display names held by a principal, from the live role assignments. */
  roleNames(principalId: string): string[] {
    const state = this.tenant.state;
    const names = state.roleAssignments
      .filter((a) => a.principalId === principalId)
      .map((a) => state.roleDefinitions.find((d) => d.id === a.roleDefinitionId || d.templateId === a.roleDefinitionId)?.displayName)
      .filter((n): n is string => typeof n === 'string');
    const user = this.userById(principalId);
    return [...new Set([...names, ...(user?.directoryRoles ?? [])])].sort();
  }

  /** Sets `tokensValidFrom` (epoch ms) to now: every refresh token issued before is refused with AADSTS50173. */
  revokeRefreshTokens(userId: string | undefined, at = Date.now()): number {
    const users = userId ? [userId] : this.tenant.users.map((u) => u.id);
    for (const id of users) this.tokensValidFrom.set(id.toLowerCase(), at);
    return users.length;
  }

  tokensValidFromOf(userId: string): number | undefined {
    return this.tokensValidFrom.get(userId.toLowerCase());
  }

  /** From now on, refresh tokens of this user's earlier sign-ins need MFA again (AADSTS50076). */
  requireMfaAgain(userId: string, atSeconds = Math.ceil(Date.now() / 1000)): void {
    this.mfaRequiredSince.set(userId.toLowerCase(), atSeconds);
  }

  /** True when a sign-in made at `authTime` (epoch s) no longer satisfies the user's MFA requirement. */
  needsFreshMfa(userId: string, authTime: number): boolean {
    const since = this.mfaRequiredSince.get(userId.toLowerCase());
    return since !== undefined && authTime < since;
  }

  setConsent(resource: ResourceApi, permissions: string[] | undefined, granted: boolean): void {
    const keys = permissions?.length ? permissions.map((p) => `${resource.key}|${p.toLowerCase()}`) : [`${resource.key}|*`];
    for (const key of keys) {
      if (granted) this.withdrawnConsent.delete(key);
      else this.withdrawnConsent.add(key);
    }
    if (granted && !permissions?.length)
      for (const key of [...this.withdrawnConsent]) if (key.startsWith(`${resource.key}|`)) this.withdrawnConsent.delete(key);
  }

  /** The first requested delegated permission the public client has no consent for, if any. */
  missingConsent(resource: ResourceApi, permissions: readonly string[]): string | undefined {
    if (this.withdrawnConsent.has(`${resource.key}|*`)) return permissions[0] ?? '.default';
    return permissions.find((p) => this.withdrawnConsent.has(`${resource.key}|${p.toLowerCase()}`));
  }

  /** Delegated permissions still consented, out of those asked for (`.default` asks for all of them). */
  consented(resource: ResourceApi, permissions: readonly string[]): string[] {
    if (this.withdrawnConsent.has(`${resource.key}|*`)) return [];
    return permissions.filter((p) => !this.withdrawnConsent.has(`${resource.key}|${p.toLowerCase()}`));
  }
}
