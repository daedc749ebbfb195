import type { HelpTopic } from '../../shared/ipc/app.ts';

/** The only pages the app ever opens in the system browser on the renderer's behalf. */
export const HELP_LINKS: Readonly<Record<HelpTopic, string>> = {
  'getting-started': 'https://learn.microsoft.com/en-us/exchange/exchange-online',
  'app-registration': 'https://learn.microsoft.com/en-us/powershell/exchange/app-only-auth-powershell-v2',
  'exchange-rbac': 'https://learn.microsoft.com/en-us/exchange/permissions-exo/permissions-exo',
  'audit-retention': 'https://learn.microsoft.com/en-us/purview/audit-log-retention-policies',
};

const ALLOWED = new Set(Object.values(HELP_LINKS));

/** True only for a URL on the fixed list above; the Electron shell checks this again before opening. */
export function isAllowedHelpUrl(url: string): boolean {
  return ALLOWED.has(url);
}
