// Token requests that Entra answers with "try again" are retried; the ones only a person can fix are not.
// Real msal-node against the emulator's token endpoint, with faults injected there.
import { readFileSync } from 'node:fs';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/index.ts';
import { isTransientTokenError, withTransientRetry } from '../../../main/core/auth/transientRetry.ts';
import { admin } from '../../contract/support/admin.ts';
import { msalNetworkClient, TEST_DATA_DIR, trustingDispatcher } from '../../contract/support/clients.ts';

let emulator: RunningEmulator;
let dispatcher: ReturnType<typeof trustingDispatcher>;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 'transient-retry', users: 20, days: 1, scenarios: 'none', dataDir: TEST_DATA_DIR, logLevel: 'warn' });
  dispatcher = trustingDispatcher(emulator.info.caCert);
});

afterAll(async () => {
  await emulator?.stop();
  await dispatcher?.close();
});

function appClient(privateKey = readFileSync(emulator.info.app.keyPem, 'utf8')): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: {
      clientId: emulator.info.app.clientId,
      authority: emulator.info.authority,
      knownAuthorities: [new URL(emulator.info.authority).host],
      clientCertificate: { thumbprintSha256: emulator.info.app.thumbprintSha256, privateKey },
    },
    system: { networkClient: msalNetworkClient(dispatcher) },
  });
}

const tokenFaults = (kind: '503' | '429', count: number) =>
  admin(dispatcher, emulator.info, '/faults', { rules: [{ kind, match: { service: 'entra', path: '/token' }, count, retryAfterSeconds: 0 }] });

describe('token requests through transient Entra errors', () => {
  it('gets the token after two 503s (AADSTS90033) and a 429, waiting between attempts', async () => {
    await tokenFaults('503', 2);
    const waits: number[] = [];
    const result = await withTransientRetry(() => appClient().acquireTokenByClientCredential({ scopes: ['https://manage.office.com/.default'], skipCache: true }), {
      delaysMs: [5, 10, 20],
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect(result?.accessToken).toBeTruthy();
    expect(waits).toEqual([5, 10]);

    await tokenFaults('429', 1);
    const again = await withTransientRetry(() => appClient().acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'], skipCache: true }), {
      delaysMs: [5],
    });
    expect(again?.accessToken).toBeTruthy();
  });

  it('gives up after its last retry with Entra’s transient error', async () => {
    await tokenFaults('503', 3);
    const error = await withTransientRetry(() => appClient().acquireTokenByClientCredential({ scopes: ['https://manage.office.com/.default'], skipCache: true }), {
      delaysMs: [1, 1],
    }).catch((e: unknown) => e);
    expect(isTransientTokenError(error)).toBe(true);
    expect(String((error as Error).message)).toContain('90033');
    await admin(dispatcher, emulator.info, '/faults', { rules: [] });
  });

  it('does not retry a refused credential', async () => {
    await admin(dispatcher, emulator.info, '/faults', { rules: [] });
    const { privateKey } = await import('node:crypto').then((c) => c.generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }));
    let attempts = 0;
    const error = await withTransientRetry(
      () => {
        attempts++;
        return appClient(privateKey).acquireTokenByClientCredential({ scopes: ['https://manage.office.com/.default'], skipCache: true });
      },
      { delaysMs: [1, 1, 1] },
    ).catch((e: unknown) => e);
    expect(attempts).toBe(1);
    expect(isTransientTokenError(error)).toBe(false);
  });
});
