// A change session against an in-process emulator, as the automation app (Organization Management through
// its Exchange Administrator role), with tokens from msal-node and no keyring: for tests of the change and
// journal core without the CLI around it.
import { readFile } from 'node:fs/promises';
import type { RunningEmulator } from '../../../emulator/index.ts';
import type { ChangeSession } from '../../../main/core/changes/changeSession.ts';
import { silentLogger } from '../../../main/core/log.ts';
import { ExchangeAdminClient } from '../../../main/core/m365/exo/exchangeAdminClient.ts';
import { M365Http } from '../../../main/core/m365/http/m365Http.ts';
import { createTenantDispatcher } from '../../../main/core/net/tenantDispatcher.ts';
import { endpointsFor } from '../../../main/core/net/tenantEndpoints.ts';
import type { ConnectedProfile } from '../../../main/core/profiles/profileSchema.ts';
import { appTokens } from '../../contract/support/appTokens.ts';

export async function appSession(emulator: RunningEmulator, options: { maxAttempts?: number } = {}): Promise<ChangeSession & { close(): Promise<void> }> {
  const info = emulator.info;
  const profile = {
    kind: 'emulator',
    id: 'test-profile',
    name: 'emu',
    createdAt: new Date().toISOString(),
    tenantId: info.tenantId,
    clientId: info.publicClientId,
    authority: info.authority,
    graph: info.graph,
    exchange: info.exo,
    manage: info.manage,
    caCertPem: await readFile(info.caCert, 'utf8'),
    app: null,
  } as unknown as ConnectedProfile;
  const endpoints = endpointsFor(profile);
  const dispatcher = createTenantDispatcher(endpoints.caCertPem);
  const tokens = appTokens(info, dispatcher);
  const resources = { graph: 'https://graph.microsoft.com', exchange: 'https://outlook.office365.com', manage: 'https://manage.office.com' } as const;
  const http = new M365Http({ dispatcher, tokens: { mode: 'app', accessToken: (r) => tokens(resources[r]) }, log: silentLogger, maxAttempts: options.maxAttempts ?? 3 });
  return {
    profile,
    exchange: new ExchangeAdminClient(http, endpoints, null),
    actor: `app ${info.app.clientId}`,
    authMode: 'app',
    close: () => dispatcher.close(),
  };
}
