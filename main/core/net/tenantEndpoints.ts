import { CLOUDS } from '../profiles/clouds.ts';
import type { ConnectedProfile } from '../profiles/profileSchema.ts';

/** Everything a client needs to reach one tenant: hosts, resource ids for scopes, and whom to trust. */
export interface TenantEndpoints {
  /** `https://login.microsoftonline.com/<tenant>` or the emulator's authority. */
  authority: string;
  /** The authority's host, for msal's knownAuthorities. */
  authorityHost: string;
  graph: string;
  /** Base of the Exchange admin API: `${exchange}/adminapi/beta/${tenant}/InvokeCommand`. */
  exchange: string;
  /** Base of the Management Activity API: `${manage}/api/v1.0/${tenant}/activity/feed/...`. */
  manage: string;
  resources: { graph: string; exchange: string; manage: string };
  /** The only CA this tenant's connections trust (emulators); null means the OS trust store. */
  caCertPem: string | null;
  tenantId: string;
}

export function endpointsFor(profile: ConnectedProfile): TenantEndpoints {
  if (profile.kind === 'emulator') {
    // An emulator answers for Microsoft's resources at other hosts: scopes and audiences stay Microsoft's.
    const global = CLOUDS.global;
    return {
      authority: profile.authority.replace(/\/+$/, ''),
      authorityHost: new URL(profile.authority).host,
      graph: profile.graph.replace(/\/+$/, ''),
      exchange: profile.exchange.replace(/\/+$/, ''),
      manage: profile.manage.replace(/\/+$/, ''),
      resources: global.resources,
      caCertPem: profile.caCertPem,
      tenantId: profile.tenantId,
    };
  }
  const cloud = CLOUDS[profile.cloud];
  return {
    authority: `${cloud.authorityHost}/${profile.tenantId}`,
    authorityHost: new URL(cloud.authorityHost).host,
    graph: cloud.graph,
    exchange: cloud.exchange,
    manage: cloud.manage,
    resources: cloud.resources,
    caCertPem: null,
    tenantId: profile.tenantId,
  };
}
