import { readFileSync } from 'node:fs';
import { ConfidentialClientApplication } from '@azure/msal-node';
import type { Dispatcher } from 'undici';
import type { EmulatorInfo } from '../../../emulator/index.ts';
import { msalNetworkClient } from './clients.ts';

/** App-only tokens for the automation app, through msal-node with the printed certificate. */
export function appTokens(
  info: EmulatorInfo,
  dispatcher: Dispatcher,
): (resource: 'https://graph.microsoft.com' | 'https://outlook.office365.com' | 'https://manage.office.com') => Promise<string> {
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: info.app.clientId,
      authority: info.authority,
      knownAuthorities: [new URL(info.authority).host],
      clientCertificate: { thumbprintSha256: info.app.thumbprintSha256, privateKey: readFileSync(info.app.keyPem, 'utf8') },
    },
    system: { networkClient: msalNetworkClient(dispatcher) },
  });
  return async (resource) => {
    const result = await app.acquireTokenByClientCredential({ scopes: [`${resource}/.default`] });
    if (!result) throw new Error(`no token for ${resource}`);
    return result.accessToken;
  };
}
