import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, readRendererAsset } from '../../../main/core/rendererAssets.ts';

const root = mkdtempSync(path.join(tmpdir(), 'warden-assets-'));
mkdirSync(path.join(root, 'assets'));
writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>x</title>');
writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(path.join(path.dirname(root), 'secret.js'), 'secret');

describe('serving the built renderer', () => {
  it('serves index.html for / with the CSP and nosniff headers', async () => {
    const asset = await readRendererAsset(root, '/');
    expect(asset.status).toBe(200);
    expect(asset.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(asset.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(asset.headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it('serves scripts as JavaScript', async () => {
    const asset = await readRendererAsset(root, '/assets/app.js?v=1');
    expect(asset.status).toBe(200);
    expect(asset.headers['Content-Type']).toMatch(/^text\/javascript/);
    expect(Buffer.from(asset.body).toString()).toBe('console.log(1)');
  });

  it.each(['/../secret.js', '/%2e%2e/secret.js', '/assets/../../secret.js', '/%E0%A4%A', '/missing.js', '/index.exe'])('refuses %s', async (p) => {
    const asset = await readRendererAsset(root, p);
    expect(asset.status).toBe(404);
    expect(asset.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('the renderer CSP meta tag', () => {
  it('matches the header policy, minus frame-ancestors which a meta tag cannot carry', () => {
    const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    const expected = CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ');
    expect(meta).toBe(expected);
  });
});
