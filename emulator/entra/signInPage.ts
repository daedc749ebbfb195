/**
 * The HTML of the emulator's sign-in pages. Plain HTML forms posting back to the emulator: no script at all, so
 * the pages work under the strictest Content-Security-Policy, and every input has a <label> (assistive technology
 * and Playwright's getByLabel find them).
 */
export const SIGN_IN_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'; " +
  "form-action 'self' http://localhost:* http://127.0.0.1:* http://[::1]:*";

export const SIGN_IN_STYLESHEET_PATH = '/static/signin.css';
export const FORM_POST_SCRIPT_PATH = '/static/formpost.js';

/** The form_post response page may run one script: the emulator's own file that submits the form (no inline code). */
export const FORM_POST_CSP = `${SIGN_IN_CSP}; script-src 'self'`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

interface PageFrame {
  title: string;
  tenantName: string;
  appName: string;
  error?: string | undefined;
  body: string;
}

function page(frame: PageFrame): string {
  const error = frame.error ? `<p class="error" role="alert" id="error">${escapeHtml(frame.error)}</p>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(frame.title)}</title>
<link rel="stylesheet" href="${SIGN_IN_STYLESHEET_PATH}">
</head>
<body>
<main class="card">
<p class="brand">Microsoft Entra ID emulator · ${escapeHtml(frame.tenantName)}</p>
<h1>${escapeHtml(frame.title)}</h1>
<p class="app">to continue to ${escapeHtml(frame.appName)}</p>
${error}
${frame.body}
<p class="note">A local emulator for testing. Never enter a real password here.</p>
</main>
</body>
</html>
`;
}

export interface CredentialsPageInput {
  tenantName: string;
  appName: string;
  action: string;
  flow: string;
  username: string;
  error?: string | undefined;
}

export function credentialsPage(input: CredentialsPageInput): string {
  return page({
    title: 'Sign in',
    tenantName: input.tenantName,
    appName: input.appName,
    error: input.error,
    body: `<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="flow" value="${escapeHtml(input.flow)}">
<label for="username">User name</label>
<input id="username" name="username" type="text" autocomplete="username" spellcheck="false" value="${escapeHtml(input.username)}" required>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<div class="buttons">
<button type="submit" name="action" value="signin">Sign in</button>
<button type="submit" name="action" value="deny" class="secondary" formnovalidate>Deny</button>
</div>
</form>`,
  });
}

export interface MfaPageInput {
  tenantName: string;
  appName: string;
  action: string;
  flow: string;
  username: string;
  error?: string | undefined;
}

export function mfaPage(input: MfaPageInput): string {
  return page({
    title: 'Verify your identity',
    tenantName: input.tenantName,
    appName: input.appName,
    error: input.error,
    body: `<p class="who">${escapeHtml(input.username)}</p>
<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="flow" value="${escapeHtml(input.flow)}">
<label for="otc">Code from your authenticator app</label>
<input id="otc" name="otc" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required>
<div class="buttons">
<button type="submit" name="action" value="verify">Verify</button>
<button type="submit" name="action" value="deny" class="secondary" formnovalidate>Deny</button>
</div>
</form>`,
  });
}

/** A terminal error (bad request the page cannot send back to the app, e.g. an unregistered redirect URI). */
export function errorPage(tenantName: string, message: string): string {
  return page({ title: 'Sorry, but we’re having trouble signing you in', tenantName, appName: 'the application', error: message, body: '' });
}

/**
 * `response_mode=form_post` (what msal-node's acquireTokenInteractive asks for): the response parameters as hidden
 * fields of a form that posts to the redirect URI. A same-origin script submits it at once, as Entra's page does;
 * without scripts, the user presses Continue.
 */
export function formPostPage(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Working...</title>
<link rel="stylesheet" href="${SIGN_IN_STYLESHEET_PATH}">
<script src="${FORM_POST_SCRIPT_PATH}" defer></script>
</head>
<body>
<main class="card">
<form method="post" action="${escapeHtml(action)}" id="response">
${inputs}
<p>Returning to the application.</p>
<div class="buttons"><button type="submit">Continue</button></div>
</form>
</main>
</body>
</html>
`;
}

export const FORM_POST_SCRIPT = "document.getElementById('response').submit();\n";

export const SIGN_IN_STYLESHEET = `
body { font-family: "Segoe UI", system-ui, sans-serif; background: #f2f2f2; margin: 0; color: #1b1b1b; }
.card { max-width: 440px; margin: 8vh auto; background: #fff; padding: 44px; box-shadow: 0 2px 6px rgba(0,0,0,.2); }
.brand { font-size: 13px; color: #605e5c; margin: 0 0 16px; }
h1 { font-size: 24px; font-weight: 600; margin: 0 0 4px; }
.app, .who { color: #605e5c; margin: 0 0 20px; }
label { display: block; margin: 16px 0 4px; font-size: 14px; }
input[type=text], input[type=password] { width: 100%; box-sizing: border-box; padding: 6px 2px; font-size: 15px; border: 0; border-bottom: 1px solid #666; }
input:focus { outline: 2px solid #0067b8; }
.buttons { display: flex; gap: 8px; justify-content: flex-end; margin-top: 28px; }
button { min-width: 108px; padding: 6px 12px; font-size: 15px; border: 0; background: #0067b8; color: #fff; cursor: pointer; }
button.secondary { background: #ccc; color: #1b1b1b; }
.error { color: #a4262c; background: #fde7e9; padding: 8px; }
.note { margin-top: 28px; font-size: 12px; color: #605e5c; }
@media (prefers-color-scheme: dark) {
  body { background: #1b1b1b; color: #f3f2f1; }
  .card { background: #2b2b2b; }
  input[type=text], input[type=password] { background: #2b2b2b; color: #f3f2f1; border-bottom-color: #aaa; }
  .error { background: #442726; color: #f1bbbc; }
}
`;
