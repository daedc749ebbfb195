import { spawn } from 'node:child_process';
import type { CliContext } from './context.ts';

/**
 * The CLI's way to show Entra's sign-in page: always print the URL (on stderr, so --json output stays
 * clean), and, unless told not to, hand it to $BROWSER or the desktop's opener.
 */
export function cliOpenBrowser(cli: CliContext, launch: boolean) {
  return async (url: string): Promise<void> => {
    cli.out.note(`To sign in, open this address in a browser:\n  ${url}\nWaiting for the sign-in to finish (Ctrl+C cancels)...`);
    if (!launch) return;
    const browser = cli.env['BROWSER'];
    const [command, args] = browser
      ? [browser, [url]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : process.platform === 'win32'
          ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
          : ['xdg-open', [url]];
    try {
      const child = spawn(command, args, { detached: true, stdio: 'ignore' });
      child.on('error', () => {});
      child.unref();
    } catch {
      // No opener here (a server, a container): the printed address is enough.
    }
  };
}
