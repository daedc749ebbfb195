import path from 'node:path';

export const APP_DIR_NAME = 'Warden';

/**
 * Where Warden keeps its data: the same folder Electron's `app.getPath('userData')` gives for
 * productName "Warden", so the desktop app and the `warden` CLI share profiles and stores.
 * `WARDEN_DATA_DIR` overrides it (tests, portable installs).
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = env['HOME'] ?? env['USERPROFILE'] ?? '.',
): string {
  const override = env['WARDEN_DATA_DIR'];
  if (override) return path.resolve(override);
  switch (platform) {
    case 'win32':
      return path.win32.join(env['APPDATA'] ?? path.win32.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
    case 'darwin':
      return path.posix.join(home, 'Library', 'Application Support', APP_DIR_NAME);
    default:
      return path.posix.join(env['XDG_CONFIG_HOME'] ?? path.posix.join(home, '.config'), APP_DIR_NAME);
  }
}
