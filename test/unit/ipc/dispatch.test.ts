import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WardenError } from '../../../shared/errors.ts';
import { channel } from '../../../shared/ipc/channel.ts';
import { createDispatch, originOf } from '../../../main/core/ipc/dispatch.ts';
import { createLogger } from '../../../main/core/log.ts';

const testContract = {
  'demo.echo': channel(z.strictObject({ text: z.string().max(10) }), z.object({ text: z.string() })),
  'demo.leaky': channel(z.strictObject({}), z.object({ user: z.string() })),
  'demo.fails': channel(z.strictObject({}), z.object({})),
  'demo.refuses': channel(z.strictObject({}), z.object({})),
  'demo.malformed': channel(z.strictObject({}), z.object({ count: z.number() })),
};

function setup() {
  const lines: string[] = [];
  const dispatch = createDispatch(
    testContract,
    {
      'demo.echo': ({ text }) => ({ text }),
      // Returns a field the contract does not declare: it must not reach the renderer.
      'demo.leaky': () => ({ user: 'adele@contoso.com', refreshToken: 'secret-refresh-token' }) as { user: string },
      'demo.fails': () => {
        throw new Error('database is locked');
      },
      'demo.refuses': () => {
        throw new WardenError('not-allowed', 'You may not do that.');
      },
      'demo.malformed': () => ({ count: 'three' }) as unknown as { count: number },
    },
    { allowedOrigins: ['app://warden'], log: createLogger((line) => lines.push(line), 'debug') },
  );
  return { dispatch, lines };
}

const fromApp = { senderUrl: 'app://warden/index.html' };

describe('IPC dispatch', () => {
  it('answers a well-formed call from the app origin', async () => {
    const { dispatch } = setup();
    await expect(dispatch({ ...fromApp, channel: 'demo.echo', input: { text: 'hi' } })).resolves.toEqual({ ok: true, value: { text: 'hi' } });
  });

  it.each([
    ['https://evil.example/page', 'https://evil.example'],
    ['app://other/index.html', 'app://other'],
    ['http://127.0.0.1:9/', 'http://127.0.0.1:9'],
    [null, 'an unknown origin'],
    ['not a url', 'an unknown origin'],
  ])('refuses a call from %s', async (senderUrl, shown) => {
    const { dispatch, lines } = setup();
    const result = await dispatch({ senderUrl, channel: 'demo.echo', input: { text: 'hi' } });
    expect(result).toEqual({ ok: false, error: { code: 'forbidden-origin', message: expect.stringContaining(shown) } });
    expect(lines.some((l) => l.includes('foreign origin'))).toBe(true);
  });

  it('names an unknown channel, including prototype keys', async () => {
    const { dispatch } = setup();
    for (const name of ['demo.nope', '__proto__', 'constructor', 'toString']) {
      const result = await dispatch({ ...fromApp, channel: name, input: {} });
      expect(result).toEqual({ ok: false, error: { code: 'unknown-channel', message: `There is no channel named ${JSON.stringify(name)}.` } });
    }
    const notAString = await dispatch({ ...fromApp, channel: 42, input: {} });
    expect(notAString.ok === false && notAString.error.code).toBe('unknown-channel');
  });

  it('says what is wrong with an input and where', async () => {
    const { dispatch } = setup();
    const tooLong = await dispatch({ ...fromApp, channel: 'demo.echo', input: { text: 'x'.repeat(11) } });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(tooLong.ok === false && tooLong.error.message).toMatch(/^demo\.echo: text: /);
    const extraKey = await dispatch({ ...fromApp, channel: 'demo.echo', input: { text: 'a', admin: true } });
    expect(extraKey.ok === false && extraKey.error.message).toMatch(/admin/);
    const notObject = await dispatch({ ...fromApp, channel: 'demo.echo', input: 'text' });
    expect(notObject.ok === false && notObject.error.code).toBe('invalid-input');
  });

  it('strips fields the contract does not declare from the answer', async () => {
    const { dispatch } = setup();
    const result = await dispatch({ ...fromApp, channel: 'demo.leaky', input: {} });
    expect(result).toEqual({ ok: true, value: { user: 'adele@contoso.com' } });
    expect(JSON.stringify(result)).not.toContain('secret-refresh-token');
  });

  it('turns a handler crash into an internal error without its details', async () => {
    const { dispatch, lines } = setup();
    const result = await dispatch({ ...fromApp, channel: 'demo.fails', input: {} });
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'demo.fails failed unexpectedly; see the log.' } });
    expect(lines.join('\n')).toContain('database is locked');
  });

  it('passes a WardenError through with its code', async () => {
    const { dispatch } = setup();
    await expect(dispatch({ ...fromApp, channel: 'demo.refuses', input: {} })).resolves.toEqual({
      ok: false,
      error: { code: 'not-allowed', message: 'You may not do that.' },
    });
  });

  it('refuses to send an answer that breaks the contract', async () => {
    const { dispatch } = setup();
    const result = await dispatch({ ...fromApp, channel: 'demo.malformed', input: {} });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('originOf', () => {
  it('keeps scheme, host and port, also for custom schemes', () => {
    expect(originOf('app://warden/index.html#x')).toBe('app://warden');
    expect(originOf('http://127.0.0.1:4173/a?b')).toBe('http://127.0.0.1:4173');
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('about:blank')).toBeNull();
  });
});
