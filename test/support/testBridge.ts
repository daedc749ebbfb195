import type { BrowserContext, Page } from 'playwright-core';
import type { EventContract } from '../../shared/ipc/channel.ts';
import type { Dispatch } from '../../main/core/ipc/dispatch.ts';
import { createEmitter, type Emit } from '../../main/core/ipc/emitter.ts';
import { createBridge } from '../../main/electron/bridge.ts';

export interface IpcCapture {
  channel: unknown;
  input: unknown;
  result: unknown;
}

/**
 * The end-to-end transport: the same dispatch Electron's ipcMain uses, reached through Playwright's
 * exposeBinding, and the same `createBridge` the preload uses, injected as an init script.
 * Every call and answer is recorded, so tests can check what crossed the boundary.
 */
export async function installTestBridge(context: BrowserContext, dispatch: Dispatch): Promise<IpcCapture[]> {
  const captured: IpcCapture[] = [];
  await context.exposeBinding('__wardenTransportInvoke', async (source, channel: unknown, input: unknown) => {
    const result = await dispatch({ channel, input, senderUrl: source.frame.url() });
    captured.push({ channel, input, result });
    return result;
  });
  await context.addInitScript({
    content: `(() => {
      const createBridge = ${createBridge.toString()};
      const deliverers = [];
      Object.defineProperty(window, '__wardenTransportDeliver', {
        value: (event, payload) => deliverers.forEach((d) => d(event, payload)),
      });
      const bridge = createBridge({
        invoke: (channel, input) => window.__wardenTransportInvoke(channel, input),
        subscribe: (deliver) => deliverers.push(deliver),
      });
      Object.defineProperty(window, 'warden', { value: bridge, enumerable: true });
    })();`,
  });
  return captured;
}

/**
 * Playwright's errors for a page that is navigating or gone. Electron's webContents.send drops an event sent to a page
 * being replaced or closed, and so does this transport: a test that emits while the page loads (an event from
 * setup, before page.goto) must not fail for it.
 */
const PAGE_GOING_AWAY = /Execution context was destroyed|Target page, context or browser has been closed|Frame was detached/i;

/** Main → renderer events for one page, checked against the events contract like the Electron transport. */
export function pageEmitter<E extends EventContract>(events: E, page: Page): Emit<E> {
  return createEmitter(events, (event, payload) => {
    page
      .evaluate(([e, p]) => (window as unknown as { __wardenTransportDeliver(e: string, p: unknown): void }).__wardenTransportDeliver(e, p), [
        event,
        payload,
      ] as const)
      .catch((error: unknown) => {
        if (error instanceof Error && PAGE_GOING_AWAY.test(error.message)) return;
        throw error;
      });
  });
}
