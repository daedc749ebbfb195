import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../main/core/paths.ts';

describe('the data folder', () => {
  it('is where Electron puts userData for "Warden" on each OS', () => {
    expect(defaultDataDir('linux', {}, '/home/ada')).toBe('/home/ada/.config/Warden');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ada')).toBe('/cfg/Warden');
    expect(defaultDataDir('darwin', {}, '/Users/ada')).toBe('/Users/ada/Library/Application Support/Warden');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada')).toBe('C:\\Users\\ada\\AppData\\Roaming\\Warden');
  });

  it('follows WARDEN_DATA_DIR when set', () => {
    expect(defaultDataDir('linux', { WARDEN_DATA_DIR: '/srv/warden' }, '/home/ada')).toBe('/srv/warden');
  });
});
