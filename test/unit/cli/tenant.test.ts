import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWarden } from '../support/runWarden.ts';

const CA = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';

describe('warden tenant', () => {
  it('adds profiles for each cloud, an emulator and offline use; lists and switches them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warden-tenant-'));
    const caFile = path.join(dir, 'ca.pem');
    writeFileSync(caFile, CA);
    const ready = JSON.stringify({
      ready: true,
      authority: 'https://127.0.0.1:4443/8f1c2c4e-0f7a-4c39-9d55-0c2a3b1d2e3f',
      tenantId: '8f1c2c4e-0f7a-4c39-9d55-0c2a3b1d2e3f',
      graph: 'https://127.0.0.1:4443/graph',
      exo: 'https://127.0.0.1:4443/exo',
      manage: 'https://127.0.0.1:4443/manage',
      caCert: caFile,
      publicClientId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    });
    const w = (...args: string[]) => runWarden(['--data-dir', dir, '--json', ...args]);

    expect(
      (
        await w('tenant', 'add', 'gov', '--tenant-id', 'fabrikam.onmicrosoft.us', '--client-id', '11111111-2222-3333-4444-555555555555', '--cloud', 'usgov')
      ).json(),
    ).toMatchObject({
      profile: { name: 'gov', kind: 'microsoft', cloud: 'usgov' },
      active: true,
    });
    const emu = await runWarden(['--data-dir', dir, '--json', 'tenant', 'add', 'demo', '--emulator', '-'], { stdin: `starting...\n${ready}\n` });
    expect(emu.code).toBe(0);
    expect(emu.json()).toMatchObject({
      profile: { name: 'demo', kind: 'emulator', authority: 'https://127.0.0.1:4443/8f1c2c4e-0f7a-4c39-9d55-0c2a3b1d2e3f' },
      active: false,
    });
    expect((await w('tenant', 'add', 'cases', '--offline')).code).toBe(0);

    expect((await w('tenant', 'use', 'demo')).json()).toMatchObject({ profile: { name: 'demo' }, active: true });
    const list = (await w('tenant', 'list')).json<{ profiles: Array<{ name: string; active: boolean }> }>();
    expect(list.profiles.map((p) => [p.name, p.active])).toEqual([
      ['gov', false],
      ['demo', true],
      ['cases', false],
    ]);
    // The CA is kept in the profile (it is public) so that profile alone trusts it.
    expect(readFileSync(path.join(dir, 'profiles.json'), 'utf8')).toContain('MIIBfake');
  });

  it('refuses duplicates, bad ids, a wrong cloud and an unreadable emulator line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warden-tenant-'));
    const w = (...args: string[]) => runWarden(['--data-dir', dir, ...args]);
    expect((await w('tenant', 'add', 'a', '--offline')).code).toBe(0);
    const dup = await w('tenant', 'add', 'a', '--offline');
    expect([dup.code, dup.stderr]).toEqual([2, expect.stringMatching(/already exists/)]);
    const badId = await w('tenant', 'add', 'b', '--tenant-id', 'not a tenant', '--client-id', '11111111-2222-3333-4444-555555555555');
    expect([badId.code, badId.stderr]).toEqual([2, expect.stringMatching(/tenantId: expected a tenant GUID or a domain name/)]);
    const badCloud = await w(
      'tenant',
      'add',
      'c',
      '--tenant-id',
      'x.onmicrosoft.com',
      '--client-id',
      '11111111-2222-3333-4444-555555555555',
      '--cloud',
      'mars',
    );
    expect(badCloud.code).toBe(2);
    const badReady = await w('tenant', 'add', 'd', '--emulator', '{"ready":true}');
    expect([badReady.code, badReady.stderr]).toEqual([2, expect.stringMatching(/not an emulator ready line/)]);
  });

  it('names the file and the field when profiles.json is damaged, and leaves it alone', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warden-tenant-'));
    const file = path.join(dir, 'profiles.json');
    writeFileSync(file, '{"version":1,"activeProfileId":null,"profiles":[{"kind":"offline","name":"x"}]}');
    const run = await runWarden(['--data-dir', dir, 'tenant', 'list']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(file);
    expect(run.stderr).toMatch(/profiles\.0\.id/);
    expect(readFileSync(file, 'utf8')).toContain('"name":"x"');
    writeFileSync(file, '{"version":7}');
    expect((await runWarden(['--data-dir', dir, 'tenant', 'list'])).stderr).toMatch(/newer Warden \(version 7/);
  });
});

describe('profiles written by an older Warden', () => {
  it('are migrated from version 1 on load, keeping every profile and the active one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warden-tenant-v1-'));
    const id = '6f1d8c36-6a53-4b0e-9f55-3f8f3d0f2a11';
    writeFileSync(
      path.join(dir, 'profiles.json'),
      JSON.stringify({
        version: 1,
        activeProfileId: id,
        profiles: [{ id, name: 'contoso', createdAt: '2026-01-01T00:00:00.000Z', kind: 'microsoft', cloud: 'global', tenantId: 'contoso.onmicrosoft.com', clientId: '11111111-2222-3333-4444-555555555555', app: null }],
      }),
    );
    const list = await runWarden(['--data-dir', dir, '--json', 'tenant', 'list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.json()).toEqual({ profiles: [expect.objectContaining({ id, name: 'contoso', useWindowsBroker: false, active: true })] });
    // The file is rewritten at the new version on the next change.
    await runWarden(['--data-dir', dir, 'tenant', 'add', 'local', '--offline']);
    expect(JSON.parse(readFileSync(path.join(dir, 'profiles.json'), 'utf8'))).toMatchObject({ version: 2, profiles: [{ name: 'contoso', useWindowsBroker: false }, { name: 'local' }] });
  });
});
