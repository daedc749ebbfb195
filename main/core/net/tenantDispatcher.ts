import { Agent, type Dispatcher } from 'undici';

/**
 * The HTTP connection pool for one tenant. An emulator's CA is trusted here, for that tenant's
 * connections only: never process-wide (no NODE_EXTRA_CA_CERTS, no NODE_TLS_REJECT_UNAUTHORIZED).
 */
export function createTenantDispatcher(caCertPem: string | null): Dispatcher {
  return new Agent({
    connect: caCertPem ? { ca: caCertPem, rejectUnauthorized: true } : { rejectUnauthorized: true },
    keepAliveTimeout: 30_000,
    connections: 16,
  });
}
