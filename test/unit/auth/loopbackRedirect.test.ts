import { describe, expect, it } from 'vitest';
import { startLoopbackRedirect } from '../../../main/core/auth/loopbackRedirect.ts';

describe('the loopback redirect listener', () => {
  it('hands over the code and state, then stops listening', async () => {
    const loopback = await startLoopbackRedirect(new AbortController().signal);
    expect(loopback.redirectUri).toMatch(/^http:\/\/localhost:\d+$/);
    const response = await fetch(`${loopback.redirectUri.replace('localhost', '127.0.0.1')}/?code=abc&state=s1`);
    expect(await response.text()).toMatch(/Signed in/);
    await expect(loopback.result).resolves.toEqual({ code: 'abc', state: 's1' });
    await expect(fetch(loopback.redirectUri.replace('localhost', '127.0.0.1'))).rejects.toThrow();
  });

  it('reports an error redirect (the user pressed Deny) with its description', async () => {
    const loopback = await startLoopbackRedirect(new AbortController().signal);
    await fetch(`${loopback.redirectUri.replace('localhost', '127.0.0.1')}/?error=access_denied&error_description=AADSTS50126%3A+bad&state=s2`);
    await expect(loopback.result).resolves.toEqual({ error: 'access_denied', errorDescription: 'AADSTS50126: bad', state: 's2' });
  });

  it('ignores stray requests (a favicon) and waits for the real redirect', async () => {
    const loopback = await startLoopbackRedirect(new AbortController().signal);
    const base = loopback.redirectUri.replace('localhost', '127.0.0.1');
    expect((await fetch(`${base}/favicon.ico`)).status).toBe(404);
    await fetch(`${base}/?code=late&state=s3`);
    await expect(loopback.result).resolves.toMatchObject({ code: 'late' });
  });

  it('gives up when cancelled or when the browser never comes back', async () => {
    const controller = new AbortController();
    const cancelled = await startLoopbackRedirect(controller.signal);
    controller.abort();
    await expect(cancelled.result).rejects.toThrow('Sign-in was cancelled.');
    const slow = await startLoopbackRedirect(new AbortController().signal, 50);
    await expect(slow.result).rejects.toThrow(/timed out/);
  });
});

describe('the loopback redirect listener with response_mode=form_post', () => {
  it('reads the code from a posted form', async () => {
    const loopback = await startLoopbackRedirect(new AbortController().signal);
    await fetch(loopback.redirectUri.replace('localhost', '127.0.0.1'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'code=posted&state=s9',
    });
    await expect(loopback.result).resolves.toEqual({ code: 'posted', state: 's9' });
  });
});
