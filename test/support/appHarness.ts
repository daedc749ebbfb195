import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { contract } from '../../shared/ipc/contract.ts';
import { events } from '../../shared/ipc/events.ts';
import { createHandlers } from '../../main/core/api/handlers.ts';
import { createDispatch } from '../../main/core/ipc/dispatch.ts';
import type { Emit } from '../../main/core/ipc/emitter.ts';
import { silentLogger } from '../../main/core/log.ts';
import type { Services, ServicesOptions } from '../../main/core/services.ts';
import type { WardenEvents } from '../../shared/ipc/events.ts';
import { serveRenderer, type RendererServer } from './rendererServer.ts';
import { createTestServices } from './services.ts';
import { installTestBridge, pageEmitter, type IpcCapture } from './testBridge.ts';

export interface AppHarness {
  page: Page;
  context: BrowserContext;
  services: Services;
  /** Every IPC call and answer that crossed the bridge. */
  captured: IpcCapture[];
  /** Problems the page reported: console errors, uncaught exceptions, CSP violations. */
  problems: string[];
  origin: string;
  close(): Promise<void>;
}

const rendererDir = path.resolve('out/renderer');

/**
 * The desktop app without Electron: the built renderer in Chromium, served with the app's own headers,
 * talking through the same dispatch to the real core services. What Electron adds on top (window,
 * protocol, preload) is tested separately with the stand-in.
 */
export async function startAppHarness(browser: Browser, options: Partial<ServicesOptions> & { dataDir: string }): Promise<AppHarness> {
  if (!existsSync(path.join(rendererDir, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first.');
  const server: RendererServer = await serveRenderer(rendererDir);
  const context = await browser.newContext({ colorScheme: 'light' });
  let emitToPage: Emit<WardenEvents> = () => {};
  const services = await createTestServices({ ...options, emit: (event, payload) => emitToPage(event, payload) });
  const dispatch = createDispatch(contract, createHandlers(services), { allowedOrigins: [server.origin], log: silentLogger });
  const captured = await installTestBridge(context, dispatch);
  const page = await context.newPage();
  emitToPage = pageEmitter(events, page);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return {
    page,
    context,
    services,
    captured,
    problems,
    origin: server.origin,
    async close() {
      await context.close();
      await services.close();
      await server.close();
    },
  };
}
