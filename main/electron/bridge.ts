/**
 * Builds `window.warden`, the renderer's only door to main: `invoke` and `on`, frozen.
 *
 * Self-contained on purpose (no imports, no outside references): the preload calls it over Electron IPC,
 * and the end-to-end tests inject its source into Chromium over Playwright's binding, so both
 * transports hand the renderer the same object.
 */
export interface BridgeTransport {
  invoke(channel: string, input: unknown): Promise<unknown>;
  /** Delivers every main → renderer event to `deliver`. */
  subscribe(deliver: (event: string, payload: unknown) => void): void;
}

export function createBridge(transport: BridgeTransport) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  transport.subscribe((event, payload) => {
    const set = listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`warden: a listener for ${event} failed`, error);
      }
    }
  });
  return Object.freeze({
    invoke(channel: string, input: unknown): Promise<unknown> {
      if (typeof channel !== 'string') return Promise.reject(new TypeError('warden.invoke: the channel must be a string'));
      return transport.invoke(channel, input);
    },
    on(event: string, listener: (payload: unknown) => void): () => void {
      if (typeof event !== 'string' || typeof listener !== 'function') {
        throw new TypeError('warden.on: expects an event name and a listener function');
      }
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  });
}
