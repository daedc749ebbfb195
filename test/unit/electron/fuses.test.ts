import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const config = parse(readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8')) as {
  electronFuses?: Record<string, unknown>;
  asar?: unknown;
};

describe('electron-builder fuses', () => {
  it.each([
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['onlyLoadAppFromAsar', true],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['enableCookieEncryption', true],
  ])('%s is %s', (fuse, value) => {
    expect(config.electronFuses).toHaveProperty(fuse, value);
  });

  it('packages the app into an asar archive (the integrity fuses need one)', () => {
    expect(config.asar).toBe(true);
  });
});
