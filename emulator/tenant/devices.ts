// People's devices: a managed laptop, a registered phone, sometimes a personal computer.

import { USER_AGENTS } from './apps.ts';
import type { Device } from './model.ts';
import type { Rng } from './prng.ts';

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

export function laptopFor(rng: Rng, givenName: string): Device {
  if (rng.chance(0.72)) {
    const edge = rng.chance(0.7);
    return {
      deviceId: rng.guid(),
      displayName: rng.chance(0.5) ? `LT-${rng.chars(ALNUM, 7)}` : `DESKTOP-${rng.chars(ALNUM, 7)}`,
      operatingSystem: rng.chance(0.6) ? 'Windows 11' : 'Windows 10',
      browser: edge ? 'Edge 126.0.0' : 'Chrome 126.0.0',
      isCompliant: true,
      isManaged: true,
      trustType: rng.chance(0.4) ? 'Hybrid Azure AD joined' : 'Azure AD joined',
      userAgent: edge ? USER_AGENTS.edgeWindows : USER_AGENTS.chromeWindows,
      kind: 'laptop',
    };
  }
  const safari = rng.chance(0.5);
  return {
    deviceId: rng.guid(),
    displayName: `${givenName}'s MacBook Pro`,
    operatingSystem: 'MacOs',
    browser: safari ? 'Safari 17.5' : 'Chrome 126.0.0',
    isCompliant: true,
    isManaged: true,
    trustType: 'Azure AD registered',
    userAgent: safari ? USER_AGENTS.safariMac : USER_AGENTS.chromeMac,
    kind: 'laptop',
  };
}

export function phoneFor(rng: Rng): Device {
  if (rng.chance(0.55)) {
    return {
      deviceId: rng.guid(),
      displayName: 'iPhone',
      operatingSystem: 'Ios 17.5.1',
      browser: 'Mobile Safari 17.5',
      isCompliant: true,
      isManaged: true,
      trustType: 'Azure AD registered',
      userAgent: USER_AGENTS.outlookIos,
      kind: 'phone',
    };
  }
  return {
    deviceId: rng.guid(),
    displayName: rng.pick(['Pixel 8', 'SM-S918B', 'SM-A546B', 'Pixel 7a']),
    operatingSystem: 'Android 14',
    browser: 'Chrome Mobile 126.0.0',
    isCompliant: true,
    isManaged: true,
    trustType: 'Azure AD registered',
    userAgent: USER_AGENTS.outlookAndroid,
    kind: 'phone',
  };
}

/** An unregistered home computer: no device id, not compliant. */
export function personalFor(rng: Rng): Device {
  const mac = rng.chance(0.35);
  return {
    deviceId: '',
    displayName: '',
    operatingSystem: mac ? 'MacOs' : 'Windows 10',
    browser: mac ? 'Safari 17.5' : 'Chrome 126.0.0',
    isCompliant: false,
    isManaged: false,
    trustType: '',
    userAgent: mac ? USER_AGENTS.safariMac : USER_AGENTS.chromeWindows,
    kind: 'personal',
  };
}

/** The automation host: a Windows Server in the head office. */
export function automationServer(rng: Rng): Device {
  return {
    deviceId: rng.guid(),
    displayName: `SRV-AUTOMATION-0${rng.range(1, 4)}`,
    operatingSystem: 'Windows Server 2022',
    browser: '',
    isCompliant: true,
    isManaged: true,
    trustType: 'Hybrid Azure AD joined',
    userAgent: USER_AGENTS.powershell,
    kind: 'server',
  };
}

/** A device the user has never used before (attackers, phishing proxies). */
export function unknownDevice(userAgent: string, operatingSystem: string, browser: string): Device {
  return { deviceId: '', displayName: '', operatingSystem, browser, isCompliant: false, isManaged: false, trustType: '', userAgent, kind: 'personal' };
}
