import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWarden } from '../support/runWarden.ts';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'warden-cli-'));

describe('the warden CLI conventions', () => {
  it('puts one JSON result on the last stdout line with --json', async () => {
    const dir = dataDir();
    const run = await runWarden(['--data-dir', dir, '--json', 'info']);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ dataDir: dir, activeProfile: null, profiles: 0 });
  });

  it('exits 2 on bad usage, with the reason on stderr', async () => {
    const unknown = await runWarden(['--data-dir', dataDir(), 'frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
    const missing = await runWarden(['--data-dir', dataDir(), 'tenant', 'add', 'x', '--tenant-id', 'contoso.onmicrosoft.com']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--client-id is required/);
  });

  it('with --json, a failure is also a JSON object on the last stdout line', async () => {
    const run = await runWarden(['--data-dir', dataDir(), '--json', 'tenant', 'use', 'nowhere']);
    expect(run.code).toBe(2);
    expect(run.json()).toEqual({ error: { code: 'not-found', message: 'No tenant profile named "nowhere". `warden tenant list` shows them.' } });
  });

  it('shows help and version with exit code 0', async () => {
    expect((await runWarden(['--help'])).code).toBe(0);
    const version = await runWarden(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
