import { describe, expect, it } from 'vitest';
import { createLogger, redactText } from '../../../main/core/log.ts';

const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZGVsZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';

describe('log redaction', () => {
  it('masks JWTs, bearer headers, PEM keys and secret form fields in text', () => {
    const text = `got ${jwt} with Authorization: Bearer abc.def-ghi_123456 and key ${pem} body refresh_token=0.AAA-secret&x=1`;
    const out = redactText(text);
    expect(out).not.toContain('eyJzdWIi');
    expect(out).not.toContain('abc.def-ghi_123456');
    expect(out).not.toContain('MIIEvQIBADAN');
    expect(out).not.toContain('0.AAA-secret');
    expect(out).toContain('x=1');
  });

  it('masks secret-named fields and error details, keeps the rest', () => {
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l), 'debug');
    const error = Object.assign(new Error(`request failed: ${jwt}`), { code: 'ECONNRESET', config: { headers: { authorization: 'Bearer zzz' } } });
    log.error('sign-in failed', { user: 'adele@contoso.com', refreshToken: 'r-secret', nested: { clientSecret: 's', password: 'p' }, error });
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 'error', message: 'sign-in failed', user: 'adele@contoso.com', refreshToken: '[redacted]' });
    expect(entry['nested']).toEqual({ clientSecret: '[redacted]', password: '[redacted]' });
    expect(entry['error']).toEqual({ name: 'Error', message: 'request failed: [redacted jwt]', code: 'ECONNRESET' });
    expect(lines[0]).not.toContain('zzz');
  });

  it('drops lines below the minimum level', () => {
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l), 'warn');
    log.info('chatty');
    log.warn('worth seeing');
    expect(lines).toHaveLength(1);
  });
});
