import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WardenError } from '../../../shared/errors.ts';

export type RedirectResult = { code: string; state: string } | { error: string; errorDescription: string; state: string | null };

export interface LoopbackRedirect {
  redirectUri: string;
  /** Resolves with the first redirect that reaches the listener; rejects on abort or time-out. */
  result: Promise<RedirectResult>;
  close(): void;
}

const PAGE = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
  `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
  `<style>body{font:16px system-ui,sans-serif;margin:15vh auto;max-width:34em;color:#242424}</style></head>` +
  `<body><h1>${title}</h1><p>${text}</p></body></html>`;

/**
 * The loopback redirect of the auth code flow: Entra sends the browser back to http://localhost:PORT with
 * the code. Written here rather than using msal's built-in listener because sign-in must be cancellable
 * (the user closed the browser, or pressed Cancel in Warden) and time out, which msal's listener is not.
 */
export async function startLoopbackRedirect(signal: AbortSignal, timeoutMs = 10 * 60_000): Promise<LoopbackRedirect> {
  let settle!: (result: RedirectResult) => void;
  let fail!: (error: Error) => void;
  const result = new Promise<RedirectResult>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  result.catch(() => {});
  let done = false;

  const server: Server = createServer((request, response) => {
    // The answer comes as a query string (response_mode=query) or as a form post (response_mode=form_post).
    if (request.method === 'POST') {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => {
        body += chunk;
        if (body.length > 64 * 1024) request.destroy();
      });
      request.on('end', () => answer(new URLSearchParams(body), response));
      return;
    }
    answer(new URL(request.url ?? '/', 'http://localhost').searchParams, response);
  });

  function answer(params: URLSearchParams, response: ServerResponse) {
    const code = params.get('code');
    const error = params.get('error');
    if (done || (!code && !error)) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    done = true;
    const state = params.get('state');
    if (code) {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE('Signed in', 'You can close this tab and return to Warden.'));
      settle({ code, state: state ?? '' });
    } else {
      response
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        .end(PAGE('Sign-in did not complete', 'Return to Warden to see why and try again.'));
      settle({ error: error ?? 'unknown_error', errorDescription: params.get('error_description') ?? '', state });
    }
    cleanup();
  }

  const timer = setTimeout(() => {
    fail(new WardenError('needs-sign-in', `Sign-in timed out after ${Math.round(timeoutMs / 60_000)} minutes without an answer from the browser.`));
    cleanup();
  }, timeoutMs);
  const onAbort = () => {
    fail(new WardenError('needs-sign-in', 'Sign-in was cancelled.'));
    cleanup();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  function cleanup() {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
    server.close();
    server.closeAllConnections();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  if (signal.aborted) onAbort();
  const { port } = server.address() as AddressInfo;
  // Entra accepts any port on http://localhost for public clients (RFC 8252 loopback redirect).
  return { redirectUri: `http://localhost:${port}`, result, close: cleanup };
}
