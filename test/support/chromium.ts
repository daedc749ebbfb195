import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium. Tests never download a browser. */
export const CHROMIUM_PATH = process.env['WARDEN_CHROMIUM'] ?? '/usr/bin/chromium';

/**
 * Flags: no sandbox (CI runs as root), and no background traffic (this machine has no network,
 * and Chromium would otherwise keep retrying Google's hosts).
 */
export function launchChromium(): Promise<Browser> {
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
    ],
  });
}
