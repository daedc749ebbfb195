// Debian's Chromium (test/support/chromium.ts's binary and flags), trusting exactly the emulator's server key:
// `--ignore-certificate-errors-spki-list` pins the key the ready line gives as `serverSpkiSha256`, so no other
// certificate error is ignored and nothing is installed system-wide.
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_PATH } from '../../support/chromium.ts';

export function launchChromiumTrusting(serverSpkiSha256: string): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      `--ignore-certificate-errors-spki-list=${serverSpkiSha256}`,
    ],
  });
}
